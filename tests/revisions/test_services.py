"""Revisions after the interim report: who proposes, changes and withdraws a proposal, and
COSI's adoption (recorded by the secretariat) that rewords the priority or plan goal and keeps
its wording before and after; a rejected one changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from actors.models import Role
from cycles.models import ThreatAssessment
from empact.models import Event
from empact.services import WorkflowError
from oaps.models import OperationalActionPlan
from revisions import services
from revisions.models import Revision
from tests.factories import (
    CycleFactory,
    OperationalActionPlanFactory,
    PlanGoalFactory,
    PriorityFactory,
    RevisionFactory,
    ThreatAssessmentFactory,
    ThreatFactory,
)
from tests.writes import holder_of, records, refused

pytestmark = pytest.mark.django_db

APPROVED = OperationalActionPlan.Status.APPROVED


def interim_threat(cycle, **kwargs):
    report = ThreatAssessmentFactory(cycle=cycle, kind=ThreatAssessment.Kind.INTERIM_REPORT)
    return ThreatFactory(assessment=report, **kwargs)


def priority_proposal(priority, **extra):
    return {
        "priority": priority,
        "reason": "Synthetic drugs grew faster than foreseen.",
        "proposed": {"title": "Synthetic drugs and precursors"},
        **extra,
    }


# --- proposing ----------------------------------------------------------------------------------


def test_the_secretariat_proposes_a_revision_of_a_priority_in_its_cycle_with_one_event():
    priority = PriorityFactory(title="Drugs")
    threat = interim_threat(priority.cycle)
    actor = holder_of(Role.SECRETARIAT)
    with records("revisions.revision.proposed"):
        revision = services.revision_propose(
            actor=actor, data=priority_proposal(priority, threats=[threat])
        )
    assert revision.cycle == priority.cycle
    assert revision.proposed_by == actor
    assert list(revision.threats.all()) == [threat]
    assert revision.status == Revision.Status.PROPOSED
    priority.refresh_from_db()
    assert priority.title == "Drugs"  # nothing changes before COSI adopts it


def test_a_driver_proposes_a_revision_of_a_goal_of_their_own_approved_plan():
    goal = PlanGoalFactory(plan=OperationalActionPlanFactory(status=APPROVED))
    driver = holder_of(Role.DRIVER, plan=goal.plan)
    revision = services.revision_propose(
        actor=driver,
        data={"plan_goal": goal, "reason": "New threat.", "proposed": {"title": "Wider goal"}},
    )
    assert revision.cycle == goal.plan.priority.cycle


def test_a_driver_cannot_propose_a_revision_of_another_plans_goal():
    goal = PlanGoalFactory()
    driver = holder_of(Role.DRIVER, plan=OperationalActionPlanFactory())
    with refused(Revision):
        services.revision_propose(
            actor=driver,
            data={"plan_goal": goal, "reason": "New threat.", "proposed": {"title": "Wider"}},
        )


def test_a_driver_cannot_propose_a_revision_of_a_priority():
    plan = OperationalActionPlanFactory()
    driver = holder_of(Role.DRIVER, plan=plan)
    with refused(Revision):
        services.revision_propose(actor=driver, data=priority_proposal(plan.priority))


@pytest.mark.parametrize("role", [Role.COSI_DELEGATE, Role.EUROPOL, Role.COMMISSION, Role.NEC])
def test_other_roles_cannot_propose_a_revision(role):
    with refused(Revision):
        services.revision_propose(actor=holder_of(role), data=priority_proposal(PriorityFactory()))


def test_a_threat_of_another_cycles_interim_report_is_refused_with_a_clear_message():
    priority = PriorityFactory()
    stranger = interim_threat(CycleFactory(first_year=2026), title="Crypto laundering")
    with pytest.raises(ValidationError) as raised:
        services.revision_propose(
            actor=holder_of(Role.SECRETARIAT),
            data=priority_proposal(priority, threats=[stranger]),
        )
    assert "Crypto laundering" in str(raised.value.message_dict["threats"])
    assert not Revision.objects.exists()


def test_a_threat_of_the_cycles_socta_is_refused_it_is_not_the_interim_report():
    priority = PriorityFactory()
    socta_threat = ThreatFactory(assessment=ThreatAssessmentFactory(cycle=priority.cycle))
    with pytest.raises(ValidationError):
        services.revision_propose(
            actor=holder_of(Role.SECRETARIAT),
            data=priority_proposal(priority, threats=[socta_threat]),
        )


def test_a_proposal_without_a_reason_or_a_new_wording_is_refused():
    priority = PriorityFactory(title="Drugs")
    actor = holder_of(Role.SECRETARIAT)
    with pytest.raises(ValidationError) as raised:
        services.revision_propose(actor=actor, data=priority_proposal(priority, reason=" "))
    assert "reason" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        services.revision_propose(
            actor=actor, data=priority_proposal(priority, proposed={"title": "Drugs"})
        )
    assert "proposed" in raised.value.message_dict
    with pytest.raises(ValidationError):
        services.revision_propose(
            actor=actor, data=priority_proposal(priority, proposed={"status": "withdrawn"})
        )


# --- changing and withdrawing ------------------------------------------------------------------


def test_the_secretariat_changes_a_proposed_revision_with_one_event():
    revision = RevisionFactory()
    with records("revisions.revision.changed"):
        services.revision_update(
            actor=holder_of(Role.SECRETARIAT), revision=revision, data={"reason": "Better."}
        )
    revision.refresh_from_db()
    assert revision.reason == "Better."


@pytest.mark.parametrize("status", [Revision.Status.ADOPTED, Revision.Status.REJECTED])
def test_a_decided_revision_can_no_longer_change_nor_be_withdrawn(status):
    revision = RevisionFactory(status=status, decided_on=datetime.date(2026, 3, 1))
    actor = holder_of(Role.SECRETARIAT)
    with refused(Revision, error=WorkflowError):
        services.revision_update(actor=actor, revision=revision, data={"reason": "Later."})
    with refused(Revision, error=WorkflowError):
        services.revision_delete(actor=actor, revision=revision)


def test_the_secretariat_withdraws_a_proposed_revision_with_one_event():
    revision = RevisionFactory()
    with records("revisions.revision.deleted"):
        services.revision_delete(actor=holder_of(Role.SECRETARIAT), revision=revision)
    assert not Revision.objects.exists()


def test_a_cosi_delegate_cannot_withdraw_a_revision():
    revision = RevisionFactory()
    with refused(Revision):
        services.revision_delete(actor=holder_of(Role.COSI_DELEGATE), revision=revision)


# --- COSI's decision ------------------------------------------------------------------------------


def test_adopting_a_revision_rewords_the_priority_and_keeps_its_wording_before_and_after():
    priority = PriorityFactory(title="Drugs", description="Cocaine and cannabis.")
    revision = RevisionFactory(priority=priority, proposed={"title": "Drugs and precursors"})
    actor = holder_of(Role.SECRETARIAT)
    services.revision_adopt(
        actor=actor, revision=revision, decided_on=datetime.date(2026, 5, 4), note="Agreed."
    )
    revision.refresh_from_db()
    priority.refresh_from_db()
    assert (priority.title, priority.description) == (
        "Drugs and precursors",
        "Cocaine and cannabis.",
    )
    assert priority.status == "revised"
    assert revision.before == {"title": "Drugs", "description": "Cocaine and cannabis."}
    assert revision.after == {
        "title": "Drugs and precursors",
        "description": "Cocaine and cannabis.",
    }
    assert (revision.status, revision.decided_by, revision.decided_on, revision.decision_note) == (
        "adopted",
        actor,
        datetime.date(2026, 5, 4),
        "Agreed.",
    )
    codes = list(Event.objects.order_by("pk").values_list("code", flat=True))[-2:]
    assert codes == ["revisions.revision.adopted", "priorities.priority.revised"]


def test_adopting_a_revision_rewords_a_goal_of_an_approved_plan():
    goal = PlanGoalFactory(
        plan=OperationalActionPlanFactory(status=APPROVED), title="Dismantle networks"
    )
    revision = RevisionFactory(
        plan_goal=goal, proposed={"title": "Dismantle networks", "description": "Also online."}
    )
    services.revision_adopt(actor=holder_of(Role.SECRETARIAT), revision=revision)
    goal.refresh_from_db()
    revision.refresh_from_db()
    assert goal.description == "Also online."
    assert revision.before == {"title": "Dismantle networks", "description": ""}
    assert revision.after["description"] == "Also online."
    assert Event.objects.filter(code="oaps.plan_goal.revised").count() == 1


@pytest.mark.parametrize("role", [Role.COSI_DELEGATE, Role.DRIVER, Role.EUROPOL])
def test_other_roles_cannot_adopt_a_revision_and_nothing_changes(role):
    priority = PriorityFactory(title="Drugs")
    revision = RevisionFactory(priority=priority)
    with refused(error=Exception):
        services.revision_adopt(actor=holder_of(role), revision=revision)
    priority.refresh_from_db()
    revision.refresh_from_db()
    assert (priority.title, revision.status, revision.before) == ("Drugs", "proposed", None)


@pytest.mark.parametrize("status", [Revision.Status.ADOPTED, Revision.Status.REJECTED])
def test_a_decided_revision_is_not_decided_again(status):
    revision = RevisionFactory(status=status, decided_on=datetime.date(2026, 3, 1))
    actor = holder_of(Role.SECRETARIAT)
    with refused(error=WorkflowError):
        services.revision_adopt(actor=actor, revision=revision)
    with refused(error=WorkflowError):
        services.revision_reject(actor=actor, revision=revision, note="No.")


def test_rejecting_a_revision_keeps_the_note_and_changes_nothing_else():
    priority = PriorityFactory(title="Drugs")
    revision = RevisionFactory(priority=priority)
    with records("revisions.revision.rejected"):
        services.revision_reject(
            actor=holder_of(Role.SECRETARIAT), revision=revision, note="Not needed yet."
        )
    revision.refresh_from_db()
    priority.refresh_from_db()
    assert (revision.status, revision.decision_note) == ("rejected", "Not needed yet.")
    assert (revision.before, revision.after) == (None, None)
    assert (priority.title, priority.status) == ("Drugs", "active")


def test_a_rejection_needs_a_note():
    revision = RevisionFactory()
    with refused(error=WorkflowError):
        services.revision_reject(actor=holder_of(Role.SECRETARIAT), revision=revision, note=" ")


def test_a_cosi_delegate_cannot_reject_a_revision():
    revision = RevisionFactory()
    with refused():
        services.revision_reject(actor=holder_of(Role.COSI_DELEGATE), revision=revision, note="No")
