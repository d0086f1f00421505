"""The running gate compared with the oracle, for one object type, every person and action."""

from __future__ import annotations

from django.db.models import prefetch_related_objects

from empact.access.matrix import MATRIX
from tests.access.oracle import Oracle
from tests.access.world import TODAY

# What the oracle walks from each object, loaded in a few queries instead of one per object.
RELATED = {
    "document_version": ["document__cycle"],
    "threat": ["assessment__cycle"],
    "recommendation": ["evaluation__cycle"],
    "horizontal_goal": ["masp__cycle"],
    "plan": ["priority__cycle"],
    "plan_goal": ["plan__priority__cycle"],
    "action": ["plan__priority__cycle", "leader", "co_leaders", "participations__organisation"],
    "participation": [
        "country",
        "organisation",
        "action__plan__priority__cycle",
        "action__leader",
        "action__co_leaders",
        "action__participations__organisation",
    ],
    "kpi": [
        "action__plan__priority__cycle",
        "action__leader",
        "action__co_leaders",
        "action__participations__organisation",
    ],
    "reporting_period": ["plan__priority__cycle", "cycle"],
    "assessment": ["cycle", "items__plan", "items__plan_goal__plan"],
    "assessment_item": ["assessment__cycle", "plan", "plan_goal__plan"],
    "delegation_comment": [
        "country",
        "item__assessment__cycle",
        "item__plan",
        "item__plan_goal__plan",
    ],
    "role_assignment": ["user", "plan__priority__cycle", "action__plan__priority__cycle"],
}
_IN_ACTION = [
    "action__plan__priority__cycle",
    "action__leader",
    "action__co_leaders",
    "action__participations__organisation",
]
for _key in ("progress_report", "funding_request", "result", "lock_exception"):
    RELATED[_key] = _IN_ACTION
RELATED["kpi_value"] = ["report__" + lookup for lookup in _IN_ACTION]


def load(type_key: str) -> list:
    objects = list(MATRIX.type(type_key).model._default_manager.all())
    prefetch_related_objects(objects, *RELATED.get(type_key, ()))
    return objects


def mismatches(users: dict, type_key: str, objects: list | None = None) -> list[str]:
    """Every (person, action) for which the gate selects other objects than the oracle allows."""
    object_type = MATRIX.type(type_key)
    model = object_type.model
    objects = load(type_key) if objects is None else objects
    oracle = Oracle(TODAY)
    found = []
    for name, user in users.items():
        for action in object_type.actions:
            expected = {o.pk for o in objects if oracle.allowed(user, type_key, action, o)}
            actual = set(
                model._default_manager.visible_to(user, action).values_list("pk", flat=True)
            )
            if expected != actual:
                found.append(
                    f"{name} {action} {type_key}: the oracle allows {sorted(expected)}, "
                    f"the gate {sorted(actual)}"
                )
    return found
