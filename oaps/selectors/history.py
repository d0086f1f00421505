"""The history panels of plans and actions, read from the audit log at a constant query count."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    Model,
)
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from empact import events
from empact.models import Event
from oaps.models import (
    OperationalAction,
    OperationalActionPlan,
)

Plan = OperationalActionPlan
Action = OperationalAction


# --- history -----------------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    """One event of the audit log as the history panel shows it."""

    when: datetime.datetime
    user: Any  # the acting user, or their name as recorded if the account is gone; None: system
    subject: str
    event: str  # the code, e.g. oaps.plan.submitted
    description: str  # what the code means, translated
    changes: list[FieldChange]


def object_history(user, obj: Model, *, limit: int = 50) -> list[HistoryEntry]:
    """The events about ``obj`` and its parts that the user may read, newest first: one query
    for the kinds of objects they are about, one for the events (the gate asked for those kinds
    alone, not for every model: building the condition for all of them was most of a plan
    page's time), one per model the changed fields refer to (to name those objects)."""
    about = Event.objects.about(obj)
    kinds = set(about.order_by().values_list("content_type_id", flat=True).distinct())
    rows = list(
        about.visible_to(user, content_type_ids=kinds)
        .select_related("actor", "content_type")
        .order_by("-at", "-id")[:limit]
    )
    own_type = ContentType.objects.get_for_model(type(obj))
    wanted: dict[type[Model], set] = defaultdict(set)
    described = []
    for row in rows:
        model = row.content_type.model_class()
        changes = [
            (name, before, after)
            for name, (before, after) in row.changes.items()
            if model is not None and _field(model, name) is not None
        ]
        for name, before, after in changes:
            related = _field(model, name).related_model
            if related is not None:
                for value in (before, after):
                    wanted[related].update(_ids(value))
        described.append((row, model, changes))
    labels = related_labels(user, wanted)
    entries = []
    for row, model, changes in described:
        try:
            description = str(events.event_type(row.code).description)
        except LookupError:  # a code dropped from the registry since
            description = row.code
        kind = capfirst(model._meta.verbose_name) if model else ""
        own = row.content_type_id == own_type.pk and row.object_id == obj.pk
        entries.append(
            HistoryEntry(
                when=row.at,
                user=row.actor or row.actor_label or None,
                subject=str(kind) if own else f"{kind} {row.object_label}",
                event=row.code,
                description=description,
                changes=[
                    FieldChange(
                        label=str(_field(model, name).verbose_name),
                        old=display_value(model, name, before, labels),
                        new=display_value(model, name, after, labels),
                    )
                    for name, before, after in changes
                ],
            )
        )
    return entries


def _field(model: type[Model], name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the event was recorded
        return None


def _ids(value: Any) -> set:
    if isinstance(value, list | tuple | set):
        return set(value)
    return {value}


def related_labels(user, wanted: Mapping[type[Model], set]) -> dict:
    """{(model, pk): name} of related objects, one query per model; only those the user may
    see are named, the others show as their number."""
    labels = {}
    for related, ids in wanted.items():
        ids = {i for i in ids if i is not None}
        if not ids or not hasattr(related._default_manager, "visible_to"):
            continue
        for pk, obj in related._default_manager.visible_to(user, "view").in_bulk(ids).items():
            labels[(related, pk)] = str(obj)
    return labels


def display_value(model: type[Model], name: str, value: Any, labels: dict) -> Any:
    """A stored or recorded value as text for a person: related objects by name, choices by
    label, yes/no."""
    model_field = model._meta.get_field(name)
    related = model_field.related_model
    if related is not None:
        shown = sorted(labels.get((related, pk), f"#{pk}") for pk in _ids(value) if pk is not None)
        return ", ".join(shown)
    if model_field.choices and value not in (None, ""):
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def action_history(user, action: Action, *, limit: int = 50) -> list[HistoryEntry]:
    """Who changed what in the action and its parts (KPIs, participations, reports...)."""
    return object_history(user, action, limit=limit)


def plan_history(user, plan: Plan, *, limit: int = 50) -> list[HistoryEntry]:
    """Who changed what in the plan (fields, status, decisions) and its parts (goals...)."""
    return object_history(user, plan, limit=limit)
