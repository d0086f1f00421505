"""How each object type relates to the scopes of the access rules.

Each app declares, in its ``permissions.py``, the lookups from its models to the cycle, the plan,
the action, the owning user and the owning country, and the named states that narrow a rule
(``plan:editable``). The gate turns these into SQL; the tests walk the same lookups in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q

Lookup = str  # a Django lookup path from the object; "" is the object itself


@dataclass(frozen=True)
class AccessPaths:
    cycle: tuple[Lookup, ...] = ()
    cycle_optional: bool = False  # an object without a cycle (null) belongs to every cycle
    plan: tuple[Lookup, ...] = ()
    action: tuple[Lookup, ...] = ()
    own: tuple[Lookup, ...] = ()
    own_country: tuple[Lookup, ...] = ()
    # For a type about another object (a comment): (user, action on that object) -> the condition
    # selecting the rows whose object the user may do that action on (the ``object`` rule).
    about: Callable[[Any, str], Q] | None = None
    # name -> (SQL condition, the same condition evaluated on an instance, for tests and checks)
    states: dict[str, tuple[Q, Callable[[Model], bool]]] = field(default_factory=dict)


_REGISTRY: dict[str, AccessPaths] = {}


def register(model: type[Model], paths: AccessPaths) -> None:
    _REGISTRY[model._meta.label_lower] = paths


def paths_for(model: type[Model]) -> AccessPaths:
    return _REGISTRY[model._meta.label_lower]


def registered_labels() -> set[str]:
    return set(_REGISTRY)
