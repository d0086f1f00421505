"""A new plan started from an earlier one: goals, actions (planned), KPIs and participants copied
into a new draft plan, nothing else; one Event; for the earlier plan's drivers and the
secretariat only."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actors.grants import sync_user_grants
from actors.models import Role
from oaps import services
from oaps.models import (
    Kpi,
    OperationalAction,
    OperationalActionPlan,
    Participation,
    PlanGoal,
)
from tests.factories import (
    CycleFactory,
    HorizontalGoalFactory,
    KpiFactory,
    MaspFactory,
    OperationalActionFactory,
    OperationalActionPlanFactory,
    OrganisationFactory,
    ParticipationFactory,
    PlanGoalFactory,
    PriorityFactory,
    RoleAssignmentFactory,
)
from tests.writes import holder_of, records, refused

pytestmark = pytest.mark.django_db
Plan = OperationalActionPlan


@pytest.fixture
def earlier():
    """An approved plan of 2024-2025 with a goal, two actions (one completed, one cancelled),
    a KPI and a confirmed participant; and the next cycle's priority and CHSG 1."""
    old_cycle = CycleFactory(first_year=2022)
    chsg = HorizontalGoalFactory(masp=MaspFactory(cycle=old_cycle), number=1)
    plan = OperationalActionPlanFactory(
        priority=PriorityFactory(cycle=old_cycle, code="DRUGS"),
        code="OAP DRUGS 2024-2025",
        first_year=2024,
        last_year=2025,
        status=Plan.Status.APPROVED,
        approved_on=datetime.date(2023, 12, 1),
        meeting_reference="CM 1/23",
        co_drivers=[OrganisationFactory()],
    )
    goal = PlanGoalFactory(plan=plan, number=1, title="Dismantle networks")
    action = OperationalActionFactory(
        plan=plan,
        code="OA 1.1",
        horizontal_goal=chsg,
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2025, 10, 31),
        status=OperationalAction.Status.COMPLETED,
        plan_goals=[goal],
    )
    KpiFactory(action=action, name="Arrests", target=Decimal("10"))
    ParticipationFactory(action=action, confirmation=Participation.Confirmation.CONFIRMED)
    OperationalActionFactory(
        plan=plan, horizontal_goal=chsg, status=OperationalAction.Status.CANCELLED
    )
    new_cycle = CycleFactory(first_year=2026)
    HorizontalGoalFactory(masp=MaspFactory(cycle=new_cycle), number=1)
    return plan, PriorityFactory(cycle=new_cycle, code="DRUGS")


def _driving_in_both(plan, priority):
    """A driver of ``plan`` who also drives a plan of ``priority``'s cycle: the priorities they
    see are those of the cycles they work in."""
    driver = holder_of(Role.DRIVER, plan=plan)
    RoleAssignmentFactory(
        user=driver, role=Role.DRIVER, plan=OperationalActionPlanFactory(priority=priority)
    )
    sync_user_grants(driver)
    return driver


def test_a_driver_starts_a_new_draft_plan_with_the_goals_actions_kpis_and_participants(earlier):
    plan, priority = earlier
    driver = _driving_in_both(plan, priority)

    with records("oaps.plan.copied_from") as recorded:
        new = services.plan_copy_from(actor=driver, source_plan=plan, priority=priority)

    assert (new.status, new.first_year, new.last_year) == (Plan.Status.DRAFT, 2026, 2027)
    assert new.code == "OAP DRUGS 2026-2027"
    assert (new.driver, set(new.co_drivers.all())) == (plan.driver, set(plan.co_drivers.all()))
    assert (new.approved_on, new.meeting_reference) == (None, "")
    assert list(new.goals.values_list("title", flat=True)) == ["Dismantle networks"]
    [action] = new.actions.all()  # the cancelled action stays behind
    assert action.code == "OA 1.1"
    assert action.status == OperationalAction.Status.PLANNED
    assert (action.start_date, action.end_date) == (
        datetime.date(2026, 3, 1),
        datetime.date(2027, 10, 31),
    )
    assert action.horizontal_goal.masp.cycle == priority.cycle
    assert list(action.plan_goals.all()) == list(new.goals.all())
    assert list(action.kpis.values_list("name", "target")) == [("Arrests", Decimal("10.00"))]
    [participation] = action.participations.all()
    assert participation.confirmation == Participation.Confirmation.PENDING
    assert recorded.event.object_id == new.pk


def test_the_earlier_plan_is_left_as_it_was(earlier):
    plan, priority = earlier
    counts = (plan.goals.count(), plan.actions.count())

    services.plan_copy_from(actor=holder_of(Role.SECRETARIAT), source_plan=plan, priority=priority)

    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED
    assert (plan.goals.count(), plan.actions.count()) == counts


@pytest.mark.parametrize("role", [Role.COSI_DELEGATE, Role.EUROPOL, Role.COMMISSION, Role.NEC])
def test_other_roles_cannot_copy_a_plan(earlier, role):
    plan, priority = earlier

    with refused(Plan, PlanGoal, OperationalAction, Kpi, error=PermissionDenied):
        services.plan_copy_from(actor=holder_of(role), source_plan=plan, priority=priority)


def test_a_driver_cannot_copy_into_a_cycle_they_do_not_work_in(earlier):
    plan, priority = earlier

    with refused(Plan, error=PermissionDenied):
        services.plan_copy_from(
            actor=holder_of(Role.DRIVER, plan=plan), source_plan=plan, priority=priority
        )


def test_the_driver_of_another_plan_cannot_copy_this_one(earlier):
    plan, priority = earlier
    other = OperationalActionPlanFactory()

    with refused(Plan, error=PermissionDenied):
        services.plan_copy_from(
            actor=holder_of(Role.DRIVER, plan=other), source_plan=plan, priority=priority
        )


def test_a_new_cycle_without_the_chsg_of_an_action_is_refused_with_a_clear_message(earlier):
    plan, _priority = earlier
    bare = PriorityFactory(cycle=CycleFactory(first_year=2030))

    with refused(Plan, OperationalAction, error=ValidationError):
        services.plan_copy_from(actor=holder_of(Role.SECRETARIAT), source_plan=plan, priority=bare)


def test_a_new_plan_that_does_not_start_after_the_earlier_one_is_refused(earlier):
    plan, _priority = earlier

    with refused(Plan, error=ValidationError):
        services.plan_copy_from(
            actor=holder_of(Role.SECRETARIAT),
            source_plan=plan,
            priority=plan.priority,
            first_year=2025,
        )


def test_a_driver_cannot_start_a_plan_under_a_priority_of_another_line(earlier):
    plan, priority = earlier
    other = PriorityFactory(cycle=priority.cycle, code="FIREARMS")
    driver = _driving_in_both(plan, other)
    with refused(Plan):
        services.plan_copy_from(actor=driver, source_plan=plan, priority=other)
    with pytest.raises(PermissionDenied, match="same priority"):
        services.plan_copy_from(actor=driver, source_plan=plan, priority=other)


@pytest.mark.parametrize(
    "chosen", [{"code": "OAP MINE"}, {"first_year": 2027}, {"last_year": 2029}]
)
def test_a_driver_cannot_choose_the_new_plans_code_or_years(earlier, chosen):
    plan, priority = earlier
    driver = _driving_in_both(plan, priority)
    with refused(Plan):
        services.plan_copy_from(actor=driver, source_plan=plan, priority=priority, **chosen)
    with pytest.raises(PermissionDenied, match="secretariat sets"):
        services.plan_copy_from(actor=driver, source_plan=plan, priority=priority, **chosen)
