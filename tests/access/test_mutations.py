"""A wrong lookup in any ``permissions.py`` makes the generated access tests fail.

Each case swaps one plausible mistake into the registry of access paths for the length of the
test (a lookup to a neighbouring relation, a dropped alternative, an inverted state) and checks
that comparing the gate with the oracle for that object type finds a disagreement. A mistake that
went unnoticed here would go unnoticed in ``test_matrix.py`` too.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.db.models import Q

from empact.access import paths
from empact.access.matrix import MATRIX
from tests.access.comparison import mismatches

pytestmark = pytest.mark.django_db


def _invert(state: str):
    def mutate(p):
        condition, on_instance = p.states[state]
        return replace(p, states={**p.states, state: (~condition, on_instance)})

    return mutate


def _set(**changes):
    return lambda p: replace(p, **changes)


MUTATIONS = {
    "cycle: no cycle at all": ("cycle", _set(cycle=())),
    "milestone: the cycle of its document": (
        "milestone",
        _set(cycle=("document__document__cycle",)),
    ),
    "empact_document: public inverted": ("empact_document", _invert("public")),
    "document_version: public inverted": (
        "document_version",
        _invert("public"),
    ),
    "threat_assessment: no cycle": ("threat_assessment", _set(cycle=())),
    "threat: no cycle": ("threat", _set(cycle=())),
    "evaluation: no cycle": ("evaluation", _set(cycle=())),
    "recommendation: the cycle it is addressed in": (
        "recommendation",
        _set(cycle=("addressed_in",)),
    ),
    "priority: the cycle of the threats it answers": (
        "priority",
        _set(cycle=("threats__assessment__cycle",)),
    ),
    "masp: no cycle": ("masp", _set(cycle=())),
    "horizontal_goal: no cycle": ("horizontal_goal", _set(cycle=())),
    "plan: every plan of its priority": ("plan", _set(plan=("priority__plans",))),
    "plan: editable inverted": ("plan", _invert("editable")),
    "plan_goal: every plan of the priority": (
        "plan_goal",
        _set(plan=("plan__priority__plans",)),
    ),
    "plan_goal: editable inverted": ("plan_goal", _invert("editable")),
    "action: every action of its plan": ("action", _set(action=("plan__actions",))),
    "action: no plan": ("action", _set(plan=())),
    "participation: only its own country, not its organisation's": (
        "participation",
        _set(own_country=("country",)),
    ),
    "participation: every action of the plan": (
        "participation",
        _set(action=("action__plan__actions",)),
    ),
    "kpi: every action of the plan": ("kpi", _set(action=("action__plan__actions",))),
    "kpi: editable inverted": ("kpi", _invert("editable")),
    "plan_version: no cycle": ("plan_version", _set(cycle=())),
    "plan_amendment: every plan of its priority": (
        "plan_amendment",
        _set(plan=("plan__priority__plans",)),
    ),
    "amendment_change: no plan": ("amendment_change", _set(plan=())),
    "amendment_change: amendable inverted": ("amendment_change", _invert("amendable")),
    "reporting_period: only cycle periods in a cycle": (
        "reporting_period",
        _set(cycle=("cycle",)),
    ),
    "reporting_period: only plan periods in a cycle": (
        "reporting_period",
        _set(cycle=("plan__priority__cycle",)),
    ),
    "progress_report: the actions of its period's plan": (
        "progress_report",
        _set(action=("period__plan__actions",)),
    ),
    "progress_report: open inverted": ("progress_report", _invert("open")),
    "lock_exception: every action of its plan": (
        "lock_exception",
        _set(action=("action__plan__actions",)),
    ),
    "kpi_value: the actions of its report's plan": (
        "kpi_value",
        _set(action=("report__period__plan__actions",)),
    ),
    "kpi_value: open inverted": ("kpi_value", _invert("open")),
    "result: the plans of its joint action day": (
        "result",
        _set(plan=("joint_action_day__plans",)),
    ),
    "result: published inverted": ("result", _invert("published")),
    "result: unvalidated as validated": (
        "result",
        lambda p: replace(
            p,
            states={**p.states, "unvalidated": (Q(validated_at__isnull=False), lambda r: False)},
        ),
    ),
    "assessment: the plans of the CHSGs it rates": (
        "assessment",
        _set(plan=("items__horizontal_goal__actions__plan",)),
    ),
    "assessment: adopted inverted": ("assessment", _invert("adopted")),
    "review_round: open inverted": ("review_round", _invert("open")),
    "revision: proposed inverted": ("revision", _invert("proposed")),
    "revision: in no plan": ("revision", _set(plan=())),
    "review_round: in no cycle": ("review_round", _set(cycle=())),
    "position: of no country": ("position", _set(own_country=())),
    "assessment_item: the plans of its whole assessment": (
        "assessment_item",
        _set(plan=("assessment__items__plan",)),
    ),
    "assessment_item: not the plan of its goal": ("assessment_item", _set(plan=("plan",))),
    "assessment_item: open inverted": ("assessment_item", _invert("open")),
    "delegation_comment: of no country": ("delegation_comment", _set(own_country=())),
    "delegation_comment: open inverted": ("delegation_comment", _invert("open")),
    "assessment_item: adopted inverted": ("assessment_item", _invert("adopted")),
    "funding_request: every action of the plan": (
        "funding_request",
        _set(action=("action__plan__actions",)),
    ),
    "funding_request: draft inverted": ("funding_request", _invert("draft")),
    "user: the country of their organisation": (
        "user",
        _set(own_country=("organisation__country",)),
    ),
    "user: not their own": ("user", _set(own=())),
    "role_assignment: only plan roles, not action roles, in the plan": (
        "role_assignment",
        _set(plan=("plan",)),
    ),
    "role_assignment: the country of the scope only": (
        "role_assignment",
        _set(own_country=("country",)),
    ),
    "role_assignment: not their own": ("role_assignment", _set(own=())),
    "comment: seeing the object is enough to comment": (
        "comment",
        lambda p: replace(p, about=lambda user, action: p.about(user, "view")),
    ),
    "comment: on plans only": (
        "comment",
        lambda p: replace(
            p,
            about=lambda user, action: (
                p.about(user, action) & Q(content_type__model="operationalactionplan")
            ),
        ),
    ),
}


def test_every_object_type_with_lookups_has_a_mutation():
    mutated = {type_key for type_key, _ in MUTATIONS.values()}
    with_lookups = {
        key
        for key, object_type in MATRIX.types.items()
        if paths.paths_for(object_type.model) != paths.AccessPaths()
    }
    assert with_lookups - mutated == set()


_AGREE: dict[str, bool] = {}  # the world does not change between the tests of this module


@pytest.mark.parametrize("case", sorted(MUTATIONS))
def test_a_wrong_lookup_in_permissions_py_is_found(world, monkeypatch, case):
    type_key, mutate = MUTATIONS[case]
    label = MATRIX.type(type_key).model._meta.label_lower
    if type_key not in _AGREE:
        _AGREE[type_key] = not mismatches(world.cast, type_key)
    assert _AGREE[type_key], "the gate and the oracle disagree already, without any mistake"
    monkeypatch.setitem(paths._REGISTRY, label, mutate(paths._REGISTRY[label]))
    assert mismatches(world.cast, type_key), f"nothing notices: {case}"
