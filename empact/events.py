"""The audit log's registry of event codes, the one way to record an event, and its announcement.

Each app declares its event codes in its ``events.py`` (``declare("oaps.plan.submitted",
"oaps.operationalactionplan", _("..."))``); ``EmpactConfig.ready`` imports them all, and
``docs/events.md`` is generated from the registry (``manage.py events_doc``). A service records
exactly one event per change with ``record``, in the change's transaction; after the commit,
``announce`` hands the event's id to a Celery task that calls every subscriber (notifications
subscribe with ``@subscribe``). Nothing is announced for a change that rolls back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, Q
from django.db.models.fields.files import FieldFile

from empact import clock
from empact.access.paths import AccessPaths, paths_for, registered_labels
from empact.logging import request_id_var
from empact.models import Event

logger = logging.getLogger(__name__)

# Never copied into an event's payload, whatever the model.
SECRET_FIELDS = frozenset({"password", "key_hash", "last_login"})
SKIPPED_FIELDS = frozenset({"id", "created_at", "updated_at"})


@dataclass(frozen=True)
class EventType:
    code: str  # dotted: app.object.verb
    model: str  # the label of the model the event is about, lower case: "oaps.kpi"
    description: Any  # a lazy translatable sentence


_REGISTRY: dict[str, EventType] = {}


def declare(code: str, model: str, description: Any) -> None:
    """Register an event code (once): the model it is about and what it means."""
    parts = code.split(".")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"An event code has three dotted parts: {code!r}")
    known = _REGISTRY.get(code)
    if known and known.model != model.lower():
        raise ValueError(f"Event code {code!r} is already declared for {known.model}")
    _REGISTRY[code] = EventType(code, model.lower(), description)


def event_type(code: str) -> EventType:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(
            f"Unregistered event code {code!r}: declare it in its app's events.py"
        ) from None


def event_types() -> list[EventType]:
    return sorted(_REGISTRY.values(), key=lambda kind: kind.code)


# The words an app's codes may use for a plain creation, change or deletion
# (``oaps.participation.added``, ``oaps.report.saved``, ``oaps.kpi_value.removed``).
SYNONYMS = {
    "created": ("created", "added", "recorded", "drafted", "assigned"),
    "changed": ("changed", "saved"),
    "deleted": ("deleted", "removed"),
}


def code_for(model: type[Model], verb: str) -> str:
    """The declared code for ``verb`` (created, changed, deleted) on ``model``: the one ending in
    the verb or, failing that, in its synonym (the first that the model declares)."""
    label = model._meta.label_lower
    for word in SYNONYMS.get(verb, (verb,)):
        codes = [
            k.code for k in _REGISTRY.values() if k.model == label and k.code.endswith(f".{word}")
        ]
        if len(codes) > 1:
            raise LookupError(f"More than one {word!r} event declared for {label}: {codes}")
        if codes:
            return codes[0]
    raise LookupError(f"No {verb!r} event declared for {label}: declare one in its events.py")


# --- recording ----------------------------------------------------------------------------------


def _value(obj: Model, field) -> Any:
    value = getattr(obj, field.attname)
    if isinstance(value, FieldFile):  # a file is recorded by its name, not its content
        return value.name or ""
    return value


def changes_of(obj: Model, fields: Iterable[str] | None = None) -> dict[str, list]:
    """``{field: [before, after]}`` for the fields whose value differs from the loaded one (every
    field set, for an object not loaded from the database). Secrets are never included."""
    loaded = getattr(obj, "_loaded_values", None)
    wanted = set(fields) if fields is not None else None
    result = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.name in SECRET_FIELDS:
            continue
        if wanted is not None and field.name not in wanted and field.attname not in wanted:
            continue
        after = _value(obj, field)
        if loaded is None:
            if after in (None, "", [], {}):
                continue
            result[field.name] = [None, after]
        elif field.attname in loaded and loaded[field.attname] != after:
            result[field.name] = [loaded[field.attname], after]
    return result


def changes_of_deleted(obj: Model) -> dict[str, list]:
    """``{field: [value, None]}`` for an object about to be deleted."""
    return {name: [after, None] for name, (_before, after) in _all_values(obj).items()}


def _all_values(obj: Model) -> dict[str, list]:
    return {
        field.name: [None, _value(obj, field)]
        for field in obj._meta.concrete_fields
        if field.name not in SKIPPED_FIELDS
        and field.name not in SECRET_FIELDS
        and _value(obj, field) not in (None, "", [], {})
    }


def mark_loaded(obj: Model) -> None:
    """After a save: the stored values are the new baseline for the next change."""
    obj._loaded_values = {field.attname: _value(obj, field) for field in obj._meta.concrete_fields}


def _follow(obj: Model, lookup: str) -> Model | None:
    for name in filter(None, lookup.split("__")):
        try:
            obj = getattr(obj, name)
        except Exception:  # a missing relation: the event belongs to no such scope
            return None
        if obj is None or not isinstance(obj, Model):
            return None
    return obj


def _paths(model: type[Model]) -> AccessPaths:
    if model._meta.label_lower in registered_labels():
        return paths_for(model)
    return AccessPaths()


def belongs_to(obj: Model) -> tuple[int | None, int | None, Model | None]:
    """The object's plan id, cycle id, and the object whose history also shows its events (its
    action, else its plan), from the access paths its app declares."""
    paths = _paths(obj._meta.model)
    plan = _follow(obj, paths.plan[0]) if paths.plan else None
    cycle = _follow(obj, paths.cycle[0]) if paths.cycle else None
    parent = None
    for lookups in (paths.action, paths.plan):
        if lookups and lookups[0]:
            parent = _follow(obj, lookups[0])
            break
    return (plan.pk if plan else None, cycle.pk if cycle else None, parent)


def record(
    *,
    actor,
    code: str,
    obj: Model,
    changes: Mapping[str, list] | None = None,
    comment: str = "",
    details: Mapping[str, Any] | None = None,
    parent: Model | None = None,
) -> Event:
    """Write the event of one change, in the caller's transaction; announced after commit."""
    kind = event_type(code)
    if kind.model != obj._meta.label_lower:
        raise ValueError(f"{code} is about {kind.model}, not {obj._meta.label_lower}")
    payload: dict[str, Any] = {}
    if changes:
        payload["changes"] = dict(changes)
    if comment:
        payload["comment"] = comment
    if details:
        payload.update(details)
    plan_id, cycle_id, derived_parent = belongs_to(obj)
    parent = parent or derived_parent
    signed_in = getattr(actor, "is_authenticated", False)
    request_id = request_id_var.get()
    event = Event(
        at=clock.now(),
        actor=actor if signed_in else None,
        actor_label=str(actor)[:300] if signed_in else "",
        code=code,
        content_type=ContentType.objects.get_for_model(obj._meta.model),
        object_id=obj.pk,
        object_label=str(obj)[:300],
        parent_type=ContentType.objects.get_for_model(parent._meta.model) if parent else None,
        parent_id=parent.pk if parent else None,
        plan_id=plan_id,
        cycle_id=cycle_id,
        payload=payload,
        request_id="" if request_id == "-" else request_id[:64],
    )
    event.save()
    transaction.on_commit(partial(announce, event.pk))
    return event


# --- reading ------------------------------------------------------------------------------------


def _scope_model(kind: str) -> type[Model] | None:
    """The model that is its own plan (``kind="plan"``) or its own cycle, by the access paths."""
    from django.apps import apps

    for label in registered_labels():
        model = apps.get_model(label)
        if getattr(paths_for(model), kind) == ("",):
            return model
    return None


def _cycle_wide(model: type[Model], roles: frozenset[str]) -> bool:
    """Whether one of the roles sees the type by cycle, with no state narrowing the rule: then
    an object deleted since is still covered by the rule (its cycle is recorded on the event)."""
    from empact.access import type_for_model

    object_type = type_for_model(model)
    return any(
        rule.relation == "cycle" and not rule.state
        for role in roles
        for rule in object_type.rules("view", role)
    )


def visible_q(user, content_type_ids: Collection[int] | None = None) -> Q:
    """Events the user may read: those about an object the user may see (the gate's ``view``
    on that object). An object deleted since has no row to ask the gate about; its events stay
    readable by whoever sees every object of its type, and by whoever sees the type by cycle,
    in the event's cycle. Narrower rules (plan, action, country, own, or a state) cannot be
    checked on a row that is gone, so they show nothing of it: the log never says more than the
    gate would have.

    One condition per declared model, built from the gate's own condition: a subquery of the
    visible ids (none when the user sees the whole type), so the cost does not grow with the
    number of events. Models outside the access matrix (API tokens) are read in the admin only.
    ``content_type_ids``: only events about objects of these types (an object's history knows
    which types it holds: the condition is then built for those alone, not for every model).
    """
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    from empact.access import type_for_model, user_roles
    from empact.access import visible_q as gate_q
    from empact.access.gate import EVERYTHING, NOTHING

    roles = user_roles(user)
    if not roles:
        return NOTHING
    cycle_model = _scope_model("cycle")
    visible_cycles = (
        cycle_model._default_manager.visible_to(user).values("pk") if cycle_model else None
    )
    condition = NOTHING
    for label in sorted({kind.model for kind in _REGISTRY.values()}):
        model = apps.get_model(label)
        try:
            type_for_model(model)
        except ImproperlyConfigured:
            continue
        type_id = ContentType.objects.get_for_model(model).pk
        if content_type_ids is not None and type_id not in content_type_ids:
            continue
        kind = Q(content_type_id=type_id)
        live = gate_q(user, model, "view")
        if live == EVERYTHING:
            condition |= kind
            continue
        scope = NOTHING
        if live != NOTHING:
            scope |= Q(object_id__in=model._default_manager.filter(live).values("pk"))
        if visible_cycles is not None and _cycle_wide(model, roles):
            gone = ~Q(object_id__in=model._default_manager.values("pk"))
            scope |= gone & Q(cycle_id__in=visible_cycles)
        if scope != NOTHING:
            condition |= kind & scope
    return condition


# --- announcing ---------------------------------------------------------------------------------

_SUBSCRIBERS: list[Callable[[Event], None]] = []


def subscribe(handler: Callable[[Event], None]) -> Callable[[Event], None]:
    """Call ``handler(event)`` in the Celery worker for every committed event."""
    if handler not in _SUBSCRIBERS:
        _SUBSCRIBERS.append(handler)
    return handler


def announce(event_id: int) -> None:
    """Hand a committed event to the worker. A broker that is down loses no data (the event is
    stored); the failure is logged and the request carries on."""
    from empact.tasks import announce_event

    try:
        announce_event.apply_async((event_id,), retry=False)
    except Exception:
        logger.exception("Could not hand event %s to the task queue", event_id)


def deliver(event_id: int) -> int:
    """Run every subscriber on the event (in the worker); the number of subscribers called."""
    event = Event.objects.filter(pk=event_id).select_related("content_type").first()
    if event is None:
        return 0
    for handler in _SUBSCRIBERS:
        handler(event)
    return len(_SUBSCRIBERS)
