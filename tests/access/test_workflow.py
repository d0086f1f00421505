"""Workflow services: state checks, rights, read-only approved plans, no lost updates."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from empact.services import ConflictError, WorkflowError, version_of
from oaps import services
from oaps.models import OperationalActionPlan, Participation, ProgressReport

pytestmark = pytest.mark.django_db


def test_a_driver_submits_and_the_secretariat_approves_a_plan(world):
    plan = services.plan_submit(actor=world.users["driver"], plan=world.p1)
    assert plan.status == "submitted"
    assert plan.history.first().history_change_reason == "oaps.plan.submitted"
    assert plan.history.first().history_user == world.users["driver"]
    plan = services.plan_approve(actor=world.users["secretariat"], plan=plan)
    assert plan.status == "approved"


def test_a_driver_cannot_approve_their_own_plan(world):
    services.plan_submit(actor=world.users["driver"], plan=world.p1)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=world.users["driver"], plan=world.p1)


def test_a_step_not_allowed_in_the_current_state_says_why(world):
    with pytest.raises(WorkflowError, match="only when it is submitted"):
        services.plan_approve(actor=world.users["secretariat"], plan=world.p1)


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


def test_a_report_is_saved_as_draft_and_submitted_only_when_complete(world):
    leader = world.users["action_leader"]
    report = services.progress_report_save(
        actor=leader,
        action=world.a1,
        period=world.p1_period,
        data={"narrative": "Started"},
        version=version_of(world.r1),
    )
    with pytest.raises(WorkflowError, match="completion estimate"):
        services.progress_report_submit(actor=leader, report=report)
    report.refresh_from_db()
    assert report.status == "draft"
    assert report.narrative == "Started", "nothing is lost when the submission is refused"
    report = services.progress_report_save(
        actor=leader,
        action=world.a1,
        period=world.p1_period,
        data={"completion_estimate": 40},
        kpi_values={world.a1_kpi.pk: (Decimal("4"), "")},
        version=version_of(report),
    )
    report = services.progress_report_submit(actor=leader, report=report)
    assert report.status == "submitted" and report.submitted_by == leader


def test_the_driver_returns_a_report_with_a_comment_and_the_leader_can_edit_it_again(world):
    report = ProgressReport.objects.get(pk=world.r2.pk)  # a2 in p1, submitted
    with pytest.raises(PermissionDenied):
        services.progress_report_return(
            actor=world.users["participant"], report=report, comment="no"
        )
    report = services.progress_report_return(
        actor=world.users["driver"], report=report, comment="Add the KPI figures"
    )
    assert report.status == "returned"
    assert report.review_comment == "Add the KPI figures"


def test_a_nec_confirms_their_countrys_participation_only(world):
    nec = world.users["nec"]  # Belgium
    participation = services.participation_decide(
        actor=nec, participation=world.part_a3_be, confirm=False
    )
    assert participation.confirmation == Participation.Confirmation.DECLINED
    assert participation.confirmed_by == nec
    with pytest.raises(PermissionDenied):
        services.participation_decide(actor=nec, participation=world.part_a1_nl, confirm=True)


def test_only_validated_results_are_published(world):
    europol = world.users["europol"]
    with pytest.raises(WorkflowError):
        services.result_publish(actor=europol, result=world.res_a1)
    services.result_validate(actor=europol, result=world.res_a1)
    assert services.result_publish(actor=europol, result=world.res_a1).is_published
