"""The writes and workflow steps of ``oaps.services.plans``: plans, their goals, actions, KPIs
and participations. Each allowed write stores its change with one Event under its declared code;
a refused one raises and stores nothing. The first tests run on the access tests' world (state
checks, rights, read-only approved plans, no lost updates); the others build their few rows with
the factories.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actors.models import Role, RoleAssignment
from empact.access import can
from empact.models import Event
from empact.services import ConflictError, WorkflowError, version_of
from oaps import services
from oaps.models import (
    Kpi,
    OperationalAction,
    OperationalActionPlan,
    Participation,
    PlanGoal,
)
from tests.access import conftest as shared
from tests.factories import (
    CountryFactory,
    CycleFactory,
    HorizontalGoalFactory,
    KpiFactory,
    OperationalActionFactory,
    OperationalActionPlanFactory,
    OrganisationFactory,
    ParticipationFactory,
    PlanGoalFactory,
    PriorityFactory,
    UserFactory,
)
from tests.writes import (
    Changes,
    Creates,
    Deletes,
    holder_of,
    last_event_id,
    records,
    refused,
)

pytestmark = pytest.mark.django_db

# The access tests' world, built once for the module, and its frozen day.
world, today = shared.world, shared.today


APPROVAL = {"approved_on": datetime.date(2026, 11, 20), "meeting_reference": "CM 1/26"}
APPROVAL_ARGS = APPROVAL


def test_a_driver_submits_and_the_secretariat_approves_a_plan(world):
    plan = services.plan_submit(actor=world.users["driver"], plan=world.p1)
    assert plan.status == "submitted"
    assert plan.history.first().history_change_reason == "oaps.plan.submitted"
    assert plan.history.first().history_user == world.users["driver"]
    plan = services.plan_approve(actor=world.users["secretariat"], plan=plan, **APPROVAL)
    assert plan.status == "approved"


def test_a_driver_cannot_approve_their_own_plan(world):
    services.plan_submit(actor=world.users["driver"], plan=world.p1)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=world.users["driver"], plan=world.p1, **APPROVAL)


def test_a_step_not_allowed_in_the_current_state_says_why(world):
    with pytest.raises(WorkflowError, match="only when it is submitted"):
        services.plan_approve(actor=world.users["secretariat"], plan=world.p1, **APPROVAL)


def test_returning_a_plan_needs_a_comment_and_makes_it_editable_again(world):
    services.plan_submit(actor=world.users["driver"], plan=world.p1)
    with pytest.raises(WorkflowError):
        services.plan_return(actor=world.users["secretariat"], plan=world.p1, comment=" ")
    plan = services.plan_return(
        actor=world.users["secretariat"], plan=world.p1, comment="SMART goals missing"
    )
    assert plan.decision_comment == "SMART goals missing"
    services.plan_update(
        actor=world.users["driver"], plan=plan, data={"title": "Better"}, version=None
    )


def test_an_approved_plans_definition_is_read_only_for_everyone(world):
    assert world.p2.status == "approved"
    for role in ("administrator", "co_driver"):
        with pytest.raises(PermissionDenied):
            services.plan_update(
                actor=world.users[role], plan=world.p2, data={"title": "x"}, version=None
            )
    with pytest.raises(PermissionDenied):
        services.action_update(
            actor=world.users["co_action_leader"],
            action=world.a3,
            data={"title": "x"},
            version=None,
        )


def test_the_second_of_two_concurrent_edits_is_refused(world):
    driver = world.users["driver"]
    plan = OperationalActionPlan.objects.get(pk=world.p1.pk)
    seen_by_both = version_of(plan)
    services.plan_update(actor=driver, plan=plan, data={"title": "First"}, version=seen_by_both)
    with pytest.raises(ConflictError):
        services.plan_update(
            actor=driver, plan=plan, data={"title": "Second"}, version=seen_by_both
        )
    assert OperationalActionPlan.objects.get(pk=plan.pk).title == "First"


def test_a_nec_confirms_their_countrys_participation_only(world):
    nec = world.users["nec"]  # Belgium
    participation = services.participation_decide(
        actor=nec, participation=world.part_a3_be, confirm=False
    )
    assert participation.confirmation == Participation.Confirmation.DECLINED
    assert participation.confirmed_by == nec
    with pytest.raises(PermissionDenied):
        services.participation_decide(actor=nec, participation=world.part_a1_nl, confirm=True)


# --- plans, on factory-built rows --------------------------------------------------------------


class TestPlan(Creates, Changes, Deletes):
    services = services
    entity = "plan"
    event = "oaps.plan"
    factory = OperationalActionPlanFactory
    change = {"title": "Cocaine trafficking"}

    def data(self):
        priority = PriorityFactory()
        return {
            "priority": priority,
            "code": "OAP-X",
            "title": "Cocaine",
            "first_year": priority.cycle.first_year + 2,
            "last_year": priority.cycle.first_year + 3,
            "driver": OrganisationFactory(),
        }


def _driver_and_plan() -> tuple:
    driver = holder_of(Role.DRIVER)
    return driver, driver.role_assignments.get().plan


def test_a_driver_submits_their_plan_with_one_event():
    driver, plan = _driver_and_plan()
    KpiFactory(action=OperationalActionFactory(plan=plan))
    with records("oaps.plan.submitted"):
        services.plan_submit(actor=driver, plan=plan)
    plan.refresh_from_db()
    assert plan.status == OperationalActionPlan.Status.SUBMITTED


def test_a_driver_cannot_submit_another_plan_and_it_stays_a_draft():
    driver, _plan = _driver_and_plan()
    other = OperationalActionFactory().plan
    with refused():
        services.plan_submit(actor=driver, plan=other)
    other.refresh_from_db()
    assert other.status == OperationalActionPlan.Status.DRAFT


def test_a_plan_without_actions_is_not_submitted():
    driver, plan = _driver_and_plan()
    with refused(error=WorkflowError):
        services.plan_submit(actor=driver, plan=plan)


def test_an_incomplete_plan_is_refused_with_the_list_of_what_is_missing():
    driver, plan = _driver_and_plan()
    action = OperationalActionFactory(plan=plan, code="OA 7")  # no KPI
    with refused(error=WorkflowError) as _:
        try:
            services.plan_submit(actor=driver, plan=plan)
        except WorkflowError as exc:
            assert "OA 7 has no KPI with a target" in exc.message
            assert exc.details["missing"][0]["object"] == {"type": "action", "id": action.pk}
            raise
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_an_approval_needs_the_meeting_reference():
    plan = OperationalActionPlanFactory(status=OperationalActionPlan.Status.SUBMITTED)
    with refused(error=WorkflowError):
        services.plan_approve(
            actor=holder_of(Role.SECRETARIAT),
            plan=plan,
            approved_on=datetime.date(2026, 11, 20),
            meeting_reference=" ",
        )


def test_the_secretariat_approves_a_submitted_plan_with_one_event():
    plan = OperationalActionPlanFactory(status=OperationalActionPlan.Status.SUBMITTED)
    with records("oaps.plan.approved") as recorded:
        services.plan_approve(
            actor=holder_of(Role.SECRETARIAT), plan=plan, comment="Well done", **APPROVAL
        )
    plan.refresh_from_db()
    assert plan.status == OperationalActionPlan.Status.APPROVED
    assert (plan.approved_on, plan.meeting_reference) == (APPROVAL["approved_on"], "CM 1/26")
    assert recorded.event.payload["comment"] == "Well done"


def test_the_secretariat_returns_a_submitted_plan_with_one_event():
    plan = OperationalActionPlanFactory(status=OperationalActionPlan.Status.SUBMITTED)
    with records("oaps.plan.returned"):
        services.plan_return(actor=holder_of(Role.SECRETARIAT), plan=plan, comment="Add KPIs")
    plan.refresh_from_db()
    assert (plan.status, plan.decision_comment) == ("returned", "Add KPIs")


@pytest.mark.parametrize(("step", "extra"), [("plan_approve", APPROVAL_ARGS), ("plan_return", {})])
def test_a_driver_cannot_decide_on_their_own_plan(step, extra):
    driver, plan = _driver_and_plan()
    OperationalActionPlan.objects.filter(pk=plan.pk).update(status="submitted")
    with refused():
        getattr(services, step)(actor=driver, plan=plan, comment="Fine by me", **extra)
    plan.refresh_from_db()
    assert plan.status == OperationalActionPlan.Status.SUBMITTED


# --- plan goals ---------------------------------------------------------------------------------


def test_a_driver_adds_and_changes_a_goal_of_their_plan_with_one_event_each():
    driver, plan = _driver_and_plan()
    with records("oaps.plan_goal.created"):
        goal = services.plan_goal_save(
            actor=driver,
            plan=plan,
            goal=None,
            data={"number": 1, "title": "Dismantle"},
            version=None,
        )
    with records("oaps.plan_goal.changed") as recorded:
        services.plan_goal_save(
            actor=driver, plan=plan, goal=goal, data={"title": "Disrupt"}, version=None
        )
    assert PlanGoal.objects.get(pk=goal.pk).title == "Disrupt"
    assert recorded.event.payload["changes"] == {"title": ["Dismantle", "Disrupt"]}


def test_a_driver_cannot_add_a_goal_to_another_plan_and_nothing_is_stored():
    driver, _plan = _driver_and_plan()
    with refused(PlanGoal):
        services.plan_goal_save(
            actor=driver,
            plan=OperationalActionPlanFactory(),
            goal=None,
            data={"number": 1, "title": "Not mine"},
            version=None,
        )


def test_a_driver_deletes_a_goal_of_their_plan_with_one_event():
    driver, plan = _driver_and_plan()
    goal = PlanGoalFactory(plan=plan)
    with records("oaps.plan_goal.deleted"):
        services.plan_goal_delete(actor=driver, goal=goal)
    assert not PlanGoal.objects.filter(pk=goal.pk).exists()


def test_a_driver_cannot_delete_a_goal_of_another_plan():
    driver, _plan = _driver_and_plan()
    goal = PlanGoalFactory()
    with refused(PlanGoal):
        services.plan_goal_delete(actor=driver, goal=goal)


# --- actions ------------------------------------------------------------------------------------


def _new_action(plan) -> dict:
    import datetime

    return {
        "code": "OA 9.1",
        "title": "Map the networks",
        "horizontal_goal": HorizontalGoalFactory(number=1, masp__cycle=plan.priority.cycle),
        "leader": OrganisationFactory(),
        "start_date": datetime.date(plan.first_year, 3, 1),
        "end_date": datetime.date(plan.first_year, 9, 30),
    }


def test_a_driver_adds_an_action_to_their_plan_with_one_event():
    driver, plan = _driver_and_plan()
    with records("oaps.action.created") as recorded:
        action = services.action_create(actor=driver, plan=plan, data=_new_action(plan))
    assert (action.plan, action.position) == (plan, 1)
    assert recorded.event.object_id == action.pk


def test_a_driver_cannot_add_an_action_to_another_plan_and_nothing_is_stored():
    driver, _plan = _driver_and_plan()
    other = OperationalActionPlanFactory()
    with refused(OperationalAction):
        services.action_create(actor=driver, plan=other, data=_new_action(other))


def test_an_action_leader_changes_their_action_with_one_event():
    leader = holder_of(Role.ACTION_LEADER)
    action = leader.role_assignments.get().action
    with records("oaps.action.changed") as recorded:
        services.action_update(actor=leader, action=action, data={"title": "Renamed"}, version=None)
    assert OperationalAction.objects.get(pk=action.pk).title == "Renamed"
    assert set(recorded.event.payload["changes"]) == {"title"}


def test_an_action_leader_cannot_change_another_action_and_it_stays_as_it_was():
    leader = holder_of(Role.ACTION_LEADER)
    other = OperationalActionFactory(title="Theirs")
    with refused():
        services.action_update(actor=leader, action=other, data={"title": "Mine"}, version=None)
    assert OperationalAction.objects.get(pk=other.pk).title == "Theirs"


def test_a_driver_cancels_an_action_of_their_plan_with_one_event():
    driver, plan = _driver_and_plan()
    action = OperationalActionFactory(plan=plan)
    with records("oaps.action.cancelled"):
        services.action_cancel(actor=driver, action=action)
    action.refresh_from_db()
    assert action.status == OperationalAction.Status.CANCELLED


def test_an_action_leader_cannot_cancel_their_action():
    leader = holder_of(Role.ACTION_LEADER)
    action = leader.role_assignments.get().action
    with refused():
        services.action_cancel(actor=leader, action=action)
    action.refresh_from_db()
    assert action.status == OperationalAction.Status.PLANNED


def test_a_driver_reorders_the_actions_of_their_plan_with_one_event_about_the_plan():
    driver, plan = _driver_and_plan()
    first = OperationalActionFactory(plan=plan, position=1)
    second = OperationalActionFactory(plan=plan, position=2)
    with records("oaps.plan.reordered") as recorded:
        services.actions_reorder(actor=driver, plan=plan, order=[second.pk, first.pk])
    assert list(plan.actions.order_by("position")) == [second, first]
    assert recorded.event.object_id == plan.pk


def test_an_order_that_leaves_out_an_action_is_refused_and_nothing_moves():
    driver, plan = _driver_and_plan()
    first = OperationalActionFactory(plan=plan, position=1)
    second = OperationalActionFactory(plan=plan, position=2)
    with refused(error=WorkflowError):
        services.actions_reorder(actor=driver, plan=plan, order=[second.pk])
    assert list(plan.actions.order_by("position")) == [first, second]


def test_an_action_leader_cannot_reorder_the_actions_of_the_plan():
    leader = holder_of(Role.ACTION_LEADER)
    action = leader.role_assignments.get().action
    with refused():
        services.actions_reorder(actor=leader, plan=action.plan, order=[action.pk])


# --- KPIs ---------------------------------------------------------------------------------------


def test_an_action_leader_adds_and_changes_a_kpi_of_their_action_with_one_event_each():
    leader = holder_of(Role.ACTION_LEADER)
    action = leader.role_assignments.get().action
    data = {"name": "Arrests", "unit": "number", "target": 10}
    with records("oaps.kpi.created"):
        kpi = services.kpi_save(actor=leader, action=action, kpi=None, data=data)
    with records("oaps.kpi.changed"):
        services.kpi_save(actor=leader, action=action, kpi=kpi, data={"target": 12})
    assert Kpi.objects.get(pk=kpi.pk).target == 12


def test_an_action_leader_cannot_add_a_kpi_to_another_action_and_nothing_is_stored():
    leader = holder_of(Role.ACTION_LEADER)
    with refused(Kpi):
        services.kpi_save(
            actor=leader,
            action=OperationalActionFactory(),
            kpi=None,
            data={"name": "Arrests", "unit": "number", "target": 10},
        )


def test_an_action_leader_deletes_a_kpi_of_their_action_with_one_event():
    leader = holder_of(Role.ACTION_LEADER)
    kpi = KpiFactory(action=leader.role_assignments.get().action)
    with records("oaps.kpi.deleted"):
        services.kpi_delete(actor=leader, kpi=kpi)
    assert not Kpi.objects.filter(pk=kpi.pk).exists()


def test_an_action_leader_cannot_delete_a_kpi_of_another_action():
    leader = holder_of(Role.ACTION_LEADER)
    kpi = KpiFactory()
    with refused(Kpi):
        services.kpi_delete(actor=leader, kpi=kpi)


# --- participations -----------------------------------------------------------------------------


def test_an_action_leader_adds_a_participating_country_with_one_event():
    leader = holder_of(Role.ACTION_LEADER)
    action = leader.role_assignments.get().action
    country = CountryFactory()
    with records("oaps.participation.added"):
        participation = services.participation_add(
            actor=leader, action=action, data={"country": country}
        )
    assert (participation.action, participation.country) == (action, country)


def test_an_action_leader_cannot_add_a_participant_to_another_action_and_nothing_is_stored():
    leader = holder_of(Role.ACTION_LEADER)
    with refused(Participation):
        services.participation_add(
            actor=leader, action=OperationalActionFactory(), data={"country": CountryFactory()}
        )


def test_an_action_leader_removes_participants_with_one_event_each():
    leader = holder_of(Role.ACTION_LEADER)
    action = leader.role_assignments.get().action
    participation = ParticipationFactory(action=action)
    with records("oaps.participation.removed"):
        services.participations_remove(actor=leader, participations=[participation])
    assert not Participation.objects.filter(pk=participation.pk).exists()


def test_an_action_leader_cannot_remove_a_participant_of_another_action():
    leader = holder_of(Role.ACTION_LEADER)
    participation = ParticipationFactory()
    with refused(Participation):
        services.participations_remove(actor=leader, participations=[participation])


@pytest.mark.parametrize(("confirm", "code"), [(True, "confirmed"), (False, "declined")])
def test_the_nec_of_the_country_decides_on_its_participation_with_one_event(confirm, code):
    nec = holder_of(Role.NEC)
    participation = ParticipationFactory(country=nec.role_assignments.get().country)
    with records(f"oaps.participation.{code}"):
        services.participation_decide(actor=nec, participation=participation, confirm=confirm)
    participation.refresh_from_db()
    assert (participation.confirmation, participation.confirmed_by) == (code, nec)


def test_a_nec_cannot_decide_on_another_countrys_participation():
    nec = holder_of(Role.NEC)
    participation = ParticipationFactory()
    with refused():
        services.participation_decide(actor=nec, participation=participation, confirm=True)
    participation.refresh_from_db()
    assert participation.confirmed_by is None


class TestParticipation(Changes):
    services = services
    entity = "participation"
    event = "oaps.participation"
    factory = ParticipationFactory
    change = {"contact_name": "Inspector Maigret"}


def test_assign_changed_sets_and_names_only_the_fields_whose_value_differs():
    plan = OperationalActionPlan(title="Same", code="OAP-1")
    assert services.assign_changed(plan, {"title": "Same", "code": "OAP-2"}) == ["code"]
    assert plan.code == "OAP-2"


# --- a plan set up with the people who drive it -------------------------------------------------


def _priority_2026():
    return PriorityFactory(cycle=CycleFactory(first_year=2026))


def _plan_data(priority, driver, co_drivers=()) -> dict:
    return {
        "priority": priority,
        "code": "OAP FRAUD 2026-2027",
        "title": "Fraud",
        "first_year": 2026,
        "last_year": 2027,
        "driver": driver,
        "co_drivers": list(co_drivers),
    }


def test_the_secretariat_sets_a_plan_up_and_its_people_get_their_roles_and_grants():
    priority = _priority_2026()
    driving, co_driving = OrganisationFactory(), OrganisationFactory()
    driver, co_driver = UserFactory(organisation=driving), UserFactory(organisation=co_driving)
    secretariat = holder_of(Role.SECRETARIAT)
    last = last_event_id()

    plan = services.plan_set_up(
        actor=secretariat,
        data=_plan_data(priority, driving, [co_driving]),
        drivers=[driver],
        co_drivers=[co_driver],
    )

    codes = list(Event.objects.filter(pk__gt=last).order_by("pk").values_list("code", flat=True))
    assert codes == ["oaps.plan.created", "actors.role.assigned", "actors.role.assigned"]
    assert {(a.user, a.role) for a in plan.role_assignments.all()} == {
        (driver, Role.DRIVER),
        (co_driver, Role.CO_DRIVER),
    }
    assert can(driver, "change", plan) and can(co_driver, "submit", plan)


def test_a_driver_of_another_organisation_is_refused_and_nothing_is_stored():
    priority = _priority_2026()
    outsider = UserFactory(organisation=OrganisationFactory())
    secretariat, driving = holder_of(Role.SECRETARIAT), OrganisationFactory()

    with refused(OperationalActionPlan, RoleAssignment, error=ValidationError):
        services.plan_set_up(
            actor=secretariat,
            data=_plan_data(priority, driving),
            drivers=[outsider],
        )


def test_a_delegate_cannot_set_a_plan_up():
    delegate, data = (
        holder_of(Role.COSI_DELEGATE),
        _plan_data(_priority_2026(), OrganisationFactory()),
    )

    with refused(OperationalActionPlan, RoleAssignment):
        services.plan_set_up(actor=delegate, data=data)


def test_the_secretariat_changes_an_approved_plans_driver_but_a_driver_cannot():
    driver, plan = _driver_and_plan()
    plan.status = OperationalActionPlan.Status.APPROVED
    plan.save()
    other = OrganisationFactory()

    with refused():
        services.plan_update(actor=driver, plan=plan, data={"co_drivers": [other]}, version=None)
    with records("oaps.plan.changed"):
        services.plan_update(
            actor=holder_of(Role.SECRETARIAT), plan=plan, data={"driver": other}, version=None
        )
    plan.refresh_from_db()
    assert plan.driver == other
