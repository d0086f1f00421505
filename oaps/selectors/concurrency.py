"""What somebody else changed since a user loaded a record: the conflict shown for a merge."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Model,
    QuerySet,
)

from oaps.selectors.history import FieldChange, display_value, related_labels

# --- concurrency -------------------------------------------------------------------------------


@dataclass
class Conflict:
    """What somebody else saved while the user was editing, against what the user entered."""

    subject: str
    changes: list[FieldChange]
    by: Any = None
    at: datetime.datetime | None = None

    @property
    def rows(self) -> list[list[Any]]:
        """(field, their value, your value) rows for a table."""
        return [[c.label, _shown(c.old), _shown(c.new)] for c in self.changes]


def _shown(value: Any) -> Any:
    return "-" if value in (None, "") else value


def conflict_for(
    user, current: Model, version: str | None, yours: Mapping[str, Any], subject: str
) -> Conflict:
    """Compare the stored object with what the user entered.

    With the history row of the version the user loaded, list the fields the other person
    changed; without it, every field where the stored value differs from the user's.
    """
    model = type(current)
    original = None
    if version:
        try:
            loaded_at = datetime.datetime.fromisoformat(version)
        except ValueError:
            loaded_at = None
        if loaded_at is not None:
            original = (
                model.history.filter(id=current.pk, updated_at=loaded_at)
                .order_by("-history_id")
                .first()
            )
    latest = model.history.filter(id=current.pk).select_related("history_user").first()
    m2m_names = {f.name for f in model._meta.many_to_many}
    changes = []
    wanted: dict[type[Model], set] = defaultdict(set)
    compared = []
    for name, your_value in yours.items():
        theirs = _stored_value(current, name, m2m_names)
        yours_norm = _normalise(your_value)
        untouched = (
            original is not None
            and name not in m2m_names
            and _stored_value(original, name, set()) == theirs
        )
        if untouched:  # the other person did not change this field
            continue
        if theirs == yours_norm:
            continue
        compared.append((name, theirs, yours_norm))
        related = model._meta.get_field(name).related_model
        if related is not None:
            for value in (theirs, yours_norm):
                wanted[related].update(value if isinstance(value, set) else {value})
    labels = related_labels(user, wanted)
    for name, theirs, mine in compared:
        changes.append(
            FieldChange(
                label=str(model._meta.get_field(name).verbose_name),
                old=display_value(model, name, theirs, labels),
                new=display_value(model, name, mine, labels),
            )
        )
    return Conflict(
        subject=subject,
        changes=changes,
        by=latest.history_user if latest else None,
        at=latest.history_date if latest else None,
    )


def _stored_value(obj: Model, name: str, m2m_names: set[str]) -> Any:
    if name in m2m_names:
        return set(getattr(obj, name).values_list("pk", flat=True))
    model_field = obj._meta.get_field(name)
    if model_field.related_model is not None:
        return getattr(obj, model_field.attname)
    return getattr(obj, name)


def _normalise(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple | set):
        return {v.pk if isinstance(v, Model) else v for v in value}
    return value
