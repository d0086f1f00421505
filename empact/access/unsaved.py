"""The gate's answer for an object not saved yet: "may this user add a report here?".

``can`` asks the database whether a stored row is among those the user may act on. A page that
offers to create something must know the answer before anything is stored, and a GET writes
nothing. So the same condition (``visible_q``, from the same matrix and access paths) is evaluated
on the unsaved instance: a condition on one of its own columns in Python, a condition through a
foreign key as a query on the related row (``action__plan__in=...`` becomes "the action with
this id has ``plan__in=...``"). A condition through a reverse or many-to-many relation holds for
none of its (not yet existing) related rows. The answer is the one ``can`` gives once the object is
saved with these values (tests/access/test_unsaved.py compares the two across the roles).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q
from django.db.models.constants import LOOKUP_SEP

from empact.access.gate import visible_q

OPERATORS = {
    "exact": lambda value, other: value == other,
    "in": lambda value, other: value in other,
    "isnull": lambda value, other: (value is None) == bool(other),
    "gt": lambda value, other: value is not None and value > other,
    "gte": lambda value, other: value is not None and value >= other,
    "lt": lambda value, other: value is not None and value < other,
    "lte": lambda value, other: value is not None and value <= other,
}


def can_unsaved(user, action: str, obj: Model) -> bool:
    """Whether the user could ``action`` ``obj`` once saved as it is (no write, a few queries)."""
    return _holds(visible_q(user, type(obj), action), obj)


def _holds(condition: Q, obj: Model) -> bool:
    results = (
        _holds(child, obj) if isinstance(child, Q) else _leaf(obj, *child)
        for child in condition.children
    )
    held = all(results) if condition.connector == Q.AND else any(results)
    return not held if condition.negated else held


def _leaf(obj: Model, lookup: str, value: Any) -> bool:
    model = type(obj)
    first, *rest = lookup.split(LOOKUP_SEP)
    if first == "pk" or first == model._meta.pk.name:
        # The object itself: it will exist ("pk__isnull=False" holds), but no row refers to it
        # yet (no grant names it, no subquery returns its id).
        operator = rest[0] if rest else "exact"
        return operator == "isnull" and not value
    field = model._meta.get_field(first)
    if field.is_relation and (field.many_to_many or field.one_to_many or not field.concrete):
        # a relation that only stored rows can have: none yet
        return bool(rest) and rest[-1] == "isnull" and bool(value)
    if field.is_relation:
        related_id = getattr(obj, field.attname)
        if related_id is None:
            return bool(rest) and rest[-1] == "isnull" and bool(value)
        if not rest or rest[0] in OPERATORS:
            rest = ["pk", *(rest or ["exact"])]
        related = field.related_model._default_manager.filter(pk=related_id)
        return related.filter(**{LOOKUP_SEP.join(rest): value}).exists()
    operator = rest[0] if rest else "exact"
    if len(rest) > 1 or operator not in OPERATORS or hasattr(value, "resolve_expression"):
        raise ValueError(f"Cannot evaluate {lookup!r} on an unsaved {model._meta.label}")
    return OPERATORS[operator](getattr(obj, field.attname), value)
