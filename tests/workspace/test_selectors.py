"""The reads of ``workspace.selectors`` for the cycle pages: each returns what the user may see
and nothing else."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404

from actors.models import Role
from assessments.models import Assessment
from cycles.models import Cycle
from tests.factories import (
    AssessmentFactory,
    CycleFactory,
    HorizontalGoalFactory,
    MaspFactory,
    MilestoneFactory,
    OperationalActionPlanFactory,
    PriorityFactory,
)
from tests.writes import holder_of
from workspace import selectors

pytestmark = pytest.mark.django_db


def _driver_in_cycle():
    """A driver of a plan in the default cycle (2022), and a later cycle they have no role in."""
    driver = holder_of(Role.DRIVER)
    return driver, driver.role_assignments.get().plan.priority.cycle, CycleFactory(first_year=2026)


def test_a_driver_sees_the_cycle_of_their_plan_with_its_priorities_and_not_another():
    driver, cycle, other = _driver_in_cycle()
    PriorityFactory(cycle=cycle)
    PriorityFactory(cycle=other)
    visible = {c: c.priority_count for c in selectors.cycles_visible_to(driver)}
    assert visible == {cycle: 2}  # their plan's priority and the new one


def test_the_page_of_a_cycle_outside_the_users_view_is_not_found():
    driver, cycle, other = _driver_in_cycle()
    assert selectors.cycle_for_page(driver, cycle.pk) == cycle
    with pytest.raises(Http404):
        selectors.cycle_for_page(driver, other.pk)


def test_the_overview_shows_the_milestones_by_step_and_only_adopted_assessments_to_a_driver():
    driver, cycle, _other = _driver_in_cycle()
    milestone = MilestoneFactory(cycle=cycle, step=Cycle.Step.IMPLEMENTATION)
    adopted = AssessmentFactory(
        cycle=cycle, status=Assessment.Status.ADOPTED, adopted_on=datetime.date(2024, 3, 1)
    )
    AssessmentFactory(cycle=cycle, kind=Assessment.Kind.FINAL)  # a draft: COSI's own, for now
    overview = selectors.cycle_overview(driver, cycle)
    (step,) = [step for step in overview.steps if step.milestones]
    assert (step.number, [m.milestone for m in step.milestones]) == (3, [milestone])
    assert overview.assessments == [adopted]


def test_the_secretariat_sees_draft_assessments_in_the_overview():
    secretariat = holder_of(Role.SECRETARIAT)
    draft = AssessmentFactory()
    overview = selectors.cycle_overview(secretariat, draft.cycle)
    assert overview.assessments == [draft]


# --- setting a cycle up -------------------------------------------------------------------------


def test_a_new_cycles_set_up_steps_are_all_to_do_and_a_plan_for_each_priority_finishes_plans():
    secretariat = holder_of(Role.SECRETARIAT)
    cycle = CycleFactory(first_year=2030)

    steps = selectors.cycle_setup_steps(secretariat, cycle, current="plans")

    assert [(s.key, s.done) for s in steps] == [
        ("milestones", False),
        ("threats", False),
        ("priorities", False),
        ("masp", False),
        ("plans", False),
        ("reporting", False),
    ]
    assert [s.key for s in steps if s.current] == ["plans"]
    priority = PriorityFactory(cycle=cycle)
    MilestoneFactory(cycle=cycle)
    assert [s.key for s in selectors.cycle_setup_steps(secretariat, cycle) if s.done] == [
        "milestones",
        "priorities",
    ]
    OperationalActionPlanFactory(priority=priority, first_year=2030, last_year=2031)
    assert "plans" in [s.key for s in selectors.cycle_setup_steps(secretariat, cycle) if s.done]


def test_the_chsgs_offered_are_those_of_the_latest_earlier_cycle():
    secretariat = holder_of(Role.SECRETARIAT)
    old = HorizontalGoalFactory(masp=MaspFactory(cycle=CycleFactory(first_year=2018)))
    latest = HorizontalGoalFactory(masp=MaspFactory(cycle=CycleFactory(first_year=2022)))
    new = CycleFactory(first_year=2026)

    offered = list(selectors.previous_cycle_goals(secretariat, new))

    assert offered == [latest] and old not in offered
