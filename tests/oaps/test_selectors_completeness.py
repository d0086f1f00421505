"""What a plan lacks before its submission (``oaps.selectors.completeness``): the list the plan
page, ``plan_submit`` and ``GET /api/v1/plans/{id}/completeness/`` share."""

from __future__ import annotations

import pytest

from oaps.models import OperationalAction
from oaps.selectors import plan_completeness, plan_missing
from tests.factories import KpiFactory, OperationalActionFactory, OperationalActionPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return OperationalActionPlanFactory(first_year=2024, last_year=2025, status="draft")


def test_a_plan_without_action_lacks_one_and_links_to_adding_it(plan):
    assert plan_completeness(plan) == {
        "complete": False,
        "missing": [
            {
                "code": "plan_without_action",
                "message": "The plan has no operational action yet: add at least one.",
                "object": {"type": "plan", "id": plan.pk},
                "url": f"/plans/{plan.pk}/actions/new/",
            }
        ],
    }


def test_each_action_needs_a_kpi_with_a_target(plan):
    action = OperationalActionFactory(plan=plan, code="OA 1")
    with_kpi = OperationalActionFactory(plan=plan, code="OA 2")
    KpiFactory(action=with_kpi, target=10)
    missing = plan_missing(plan)
    assert [(m.code, m.object_id, m.url) for m in missing] == [
        ("action_without_kpi", action.pk, f"/actions/{action.pk}/edit/")
    ]
    assert missing[0].message == "OA 1 has no KPI with a target: add one."


def test_a_cancelled_action_needs_nothing(plan):
    done = OperationalActionFactory(plan=plan)
    KpiFactory(action=done)
    OperationalActionFactory(plan=plan, status=OperationalAction.Status.CANCELLED)
    assert plan_completeness(plan) == {"complete": True, "missing": []}


def test_the_list_reads_in_two_queries_whatever_the_number_of_actions(
    plan, django_assert_num_queries
):
    for _ in range(5):
        OperationalActionFactory(plan=plan)
    with django_assert_num_queries(2):
        plan_missing(plan)
