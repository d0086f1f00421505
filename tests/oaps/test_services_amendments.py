"""``oaps.services.amendments``: versions written on approval, amendments of an approved plan
(opened, proposed, submitted, returned, withdrawn, approved), the version in force meanwhile,
and the reasons kept next to each applied change. On the access tests' world: p2 is approved,
co-driven by the co-driver, with version 1 in force and a draft amendment proposing a new target
for the KPI of a3 (led by DE police, co-led by the co-action leader)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from empact.models import Event
from empact.services import WorkflowError
from oaps import selectors, services
from oaps.models import (
    AmendmentChange,
    Kpi,
    OperationalAction,
    PlanAmendment,
    PlanVersion,
)
from tests.access import conftest as shared
from tests.factories import ReportingPeriodFactory
from tests.writes import records, refused

pytestmark = pytest.mark.django_db

world, today = shared.world, shared.today


APPROVAL = {"approved_on": datetime.date(2026, 11, 20), "meeting_reference": "CM 1/26"}


def _fresh_amendment(world, reason: str = "New threat picture") -> PlanAmendment:
    """The world's draft amendment of p2 withdrawn, and a new one opened by the co-driver."""
    services.amendment_withdraw(actor=world.users["co_driver"], amendment=world.p2_amendment)
    return services.amendment_open(actor=world.users["co_driver"], plan=world.p2, reason=reason)


def _approved(world, amendment: PlanAmendment) -> PlanAmendment:
    services.amendment_submit(actor=world.users["co_driver"], amendment=amendment)
    return services.amendment_approve(
        actor=world.users["secretariat"],
        amendment=amendment,
        decided_on=datetime.date(2026, 11, 20),
        meeting_reference="COSI 2026/11",
    )


# --- versions ------------------------------------------------------------------------------------


def test_cosi_approving_a_plan_writes_its_first_numbered_version_with_a_complete_snapshot(world):
    services.plan_submit(actor=world.users["driver"], plan=world.p1)
    services.plan_approve(actor=world.users["secretariat"], plan=world.p1, **APPROVAL)
    version = PlanVersion.objects.get(plan=world.p1)
    assert (version.number, version.approved_by) == (1, world.users["secretariat"])
    snapshot = version.snapshot
    assert snapshot["plan"]["code"] == "p1" and snapshot["plan"]["driver"] == "Police BE (BE)"
    assert [g["title"] for g in snapshot["goals"]] == ["Goal"]
    a1 = next(a for a in snapshot["actions"] if a["id"] == world.a1.pk)
    assert a1["leader"] == "Police BE (BE)" and a1["start_date"] == "2024-02-01"
    assert a1["kpis"][0]["target"] == "10.00"
    assert a1["participants"] == ["Netherlands (participant)", "Police DE (DE) (participant)"]


def test_a_refused_approval_writes_no_version(world):
    with refused(PlanVersion, error=WorkflowError):
        services.plan_approve(actor=world.users["secretariat"], plan=world.p1, **APPROVAL)


# --- opening -------------------------------------------------------------------------------------


def test_a_co_driver_opens_an_amendment_of_an_approved_plan(world):
    services.amendment_withdraw(actor=world.users["co_driver"], amendment=world.p2_amendment)
    with records("oaps.amendment.opened"):
        amendment = services.amendment_open(
            actor=world.users["co_driver"], plan=world.p2, reason="New threat"
        )
    assert (amendment.number, amendment.status, amendment.opened_by) == (
        2,
        "draft",
        world.users["co_driver"],
    )


def test_only_one_amendment_is_open_at_a_time(world):
    with refused(PlanAmendment, error=WorkflowError):
        services.amendment_open(actor=world.users["co_driver"], plan=world.p2, reason="Again")


def test_a_plan_not_approved_cannot_be_amended(world):
    with refused(PlanAmendment, error=WorkflowError):
        services.amendment_open(actor=world.users["driver"], plan=world.p1, reason="Why")


def test_an_amendment_needs_a_reason(world):
    services.amendment_withdraw(actor=world.users["co_driver"], amendment=world.p2_amendment)
    with refused(PlanAmendment, error=ValidationError):
        services.amendment_open(actor=world.users["co_driver"], plan=world.p2, reason=" ")


@pytest.mark.parametrize(
    "role",
    ["secretariat", "cosi_delegate", "europol", "driver", "co_action_leader", "participant", "nec"],
)
def test_whoever_does_not_drive_the_plan_cannot_amend_it(world, role):
    services.amendment_withdraw(actor=world.users["co_driver"], amendment=world.p2_amendment)
    with refused(PlanAmendment):
        services.amendment_open(actor=world.users[role], plan=world.p2, reason="Why")


# --- proposing -----------------------------------------------------------------------------------


def test_changing_a_kpi_target_needs_a_reason(world):
    amendment = _fresh_amendment(world)
    with refused(AmendmentChange, error=ValidationError) as _none:
        services.amendment_change_save(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="kpi",
            target_id=world.a3_kpi.pk,
            field="target",
            value="25",
        )
    assert _none is None


@pytest.mark.parametrize("field", ["title", "start_date", "leader", "methods", "plan_goals"])
def test_changing_an_actions_scope_dates_or_leader_needs_a_reason(world, field):
    amendment = _fresh_amendment(world)
    value = {
        "title": "Wider",
        "start_date": "2024-03-01",
        "leader": world.org_be.pk,
        "methods": "More",
        "plan_goals": [world.p2_goal.pk],
    }[field]
    with pytest.raises(ValidationError, match="reason"):
        services.amendment_change_save(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="action",
            target_id=world.a3.pk,
            field=field,
            value=value,
        )


def test_a_field_without_a_scope_changes_without_a_reason(world):
    amendment = _fresh_amendment(world)
    with records("oaps.amendment_change.created"):
        change = services.amendment_change_save(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="kpi",
            target_id=world.a3_kpi.pk,
            field="definition",
            value="Cases opened",
        )
    assert (change.before, change.after, change.reason) == ("", "Cases opened", "")


def test_a_proposal_is_checked_against_the_rules_of_the_object(world):
    amendment = _fresh_amendment(world)
    with pytest.raises(ValidationError):
        services.amendment_change_save(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="action",
            target_id=world.a3.pk,
            field="end_date",
            value="2023-01-01",
            reason="Earlier",
        )


def test_an_object_of_another_plan_cannot_be_changed_by_the_amendment(world):
    amendment = _fresh_amendment(world)
    with pytest.raises(ValidationError, match="not part"):
        services.amendment_change_save(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="kpi",
            target_id=world.a1_kpi.pk,
            field="target",
            value="25",
            reason="x",
        )


def test_proposing_the_value_in_force_takes_the_proposal_back(world):
    with records("oaps.amendment_change.deleted"):
        result = services.amendment_change_save(
            actor=world.users["co_driver"],
            amendment=world.p2_amendment,
            target_type="kpi",
            target_id=world.a3_kpi.pk,
            field="target",
            value="10",
        )
    assert result is None and not world.p2_amendment.changes.exists()


@pytest.mark.parametrize("role", ["secretariat", "co_action_leader", "driver", "cosi_delegate"])
def test_only_the_drivers_propose_changes(world, role):
    with refused(AmendmentChange):
        services.amendment_change_save(
            actor=world.users[role],
            amendment=world.p2_amendment,
            target_type="kpi",
            target_id=world.a3_kpi.pk,
            field="definition",
            value="x",
        )


def test_a_submitted_amendment_takes_no_more_proposals(world):
    services.amendment_submit(actor=world.users["co_driver"], amendment=world.p2_amendment)
    with refused(AmendmentChange, error=WorkflowError):
        services.amendment_change_save(
            actor=world.users["co_driver"],
            amendment=world.p2_amendment,
            target_type="kpi",
            target_id=world.a3_kpi.pk,
            field="definition",
            value="x",
        )


def test_adding_and_removing_need_a_reason(world):
    amendment = _fresh_amendment(world)
    with refused(AmendmentChange, error=ValidationError):
        services.amendment_remove(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="action",
            target_id=world.a3.pk,
            reason="",
        )
    with refused(AmendmentChange, error=ValidationError):
        services.amendment_add(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="kpi",
            parent_id=world.a3.pk,
            data={"name": "Seizures", "unit": "kg", "target": "5"},
            reason="",
        )


def test_a_kpi_with_reported_values_cannot_be_removed(world):
    amendment = _fresh_amendment(world)
    with refused(AmendmentChange, error=WorkflowError):
        services.amendment_remove(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="kpi",
            target_id=world.a3_kpi.pk,
            reason="Useless",
        )


# --- the version in force during the amendment ----------------------------------------------------


def test_the_approved_version_stays_in_force_while_the_amendment_is_open(world):
    services.amendment_submit(actor=world.users["co_driver"], amendment=world.p2_amendment)
    assert Kpi.objects.get(pk=world.a3_kpi.pk).target == Decimal("10.00")
    assert selectors.version_in_force(world.p2).number == 1
    period = ReportingPeriodFactory(
        plan=world.p2,
        start=datetime.date(2024, 7, 1),
        end=datetime.date(2024, 12, 31),
        deadline=datetime.date(2025, 1, 31),
    )
    with records("oaps.report.drafted"):
        report = services.progress_report_save(
            actor=world.users["co_action_leader"],
            action=world.a3,
            period=period,
            data={"narrative": "Going well"},
            kpi_values={world.a3_kpi.pk: ("4", "")},
        )
    assert report.action_id == world.a3.pk


# --- the steps -----------------------------------------------------------------------------------


def test_the_drivers_submit_and_the_secretariat_approves_applying_each_change_with_its_reason(
    world,
):
    with records("oaps.amendment.submitted"):
        services.amendment_submit(actor=world.users["co_driver"], amendment=world.p2_amendment)
    before = Event.objects.order_by("-pk").first().pk
    amendment = services.amendment_approve(
        actor=world.users["secretariat"],
        amendment=world.p2_amendment,
        decided_on=datetime.date(2026, 11, 20),
        meeting_reference="COSI 2026/11",
    )
    assert (amendment.status, amendment.meeting_reference) == ("approved", "COSI 2026/11")
    events = list(Event.objects.filter(pk__gt=before).order_by("pk"))
    assert [e.code for e in events] == ["oaps.amendment.approved", "oaps.kpi.amended"]
    payload = events[1].payload
    assert payload["reason"] == payload["comment"] == "More cases expected"
    assert payload["changes"] == {"target": ["10.00", "20.00"]} and payload["amendment"] == 1
    assert Kpi.objects.get(pk=world.a3_kpi.pk).target == Decimal("20.00")
    version = PlanVersion.objects.get(plan=world.p2, number=2)
    assert version.amendment == amendment
    assert OperationalAction.objects.filter(pk=world.a3.pk).exists()


def test_an_empty_amendment_cannot_be_submitted(world):
    amendment = _fresh_amendment(world)
    with pytest.raises(WorkflowError, match="at least one change"):
        services.amendment_submit(actor=world.users["co_driver"], amendment=amendment)


def test_a_draft_amendment_cannot_be_approved_or_returned(world):
    with pytest.raises(WorkflowError, match="only when it is submitted"):
        services.amendment_approve(actor=world.users["secretariat"], amendment=world.p2_amendment)
    with pytest.raises(WorkflowError, match="only when it is submitted"):
        services.amendment_return(
            actor=world.users["secretariat"], amendment=world.p2_amendment, comment="No"
        )


def test_a_withdrawn_amendment_cannot_be_submitted_or_withdrawn_again(world):
    services.amendment_withdraw(actor=world.users["co_driver"], amendment=world.p2_amendment)
    for step in (services.amendment_submit, services.amendment_withdraw):
        with pytest.raises(WorkflowError):
            step(actor=world.users["co_driver"], amendment=world.p2_amendment)


@pytest.mark.parametrize("role", ["co_driver", "cosi_delegate", "europol", "driver"])
def test_only_the_secretariat_records_cosis_decision(world, role):
    services.amendment_submit(actor=world.users["co_driver"], amendment=world.p2_amendment)
    with refused(PlanVersion):
        services.amendment_approve(actor=world.users[role], amendment=world.p2_amendment)
    with pytest.raises(PermissionDenied):
        services.amendment_return(
            actor=world.users[role], amendment=world.p2_amendment, comment="No"
        )


@pytest.mark.parametrize("role", ["secretariat", "driver", "co_action_leader", "cosi_delegate"])
def test_only_the_drivers_submit_and_withdraw(world, role):
    with pytest.raises(PermissionDenied):
        services.amendment_submit(actor=world.users[role], amendment=world.p2_amendment)
    with pytest.raises(PermissionDenied):
        services.amendment_withdraw(actor=world.users[role], amendment=world.p2_amendment)


def test_cosi_returns_an_amendment_saying_what_to_change_and_the_drivers_resubmit(world):
    services.amendment_submit(actor=world.users["co_driver"], amendment=world.p2_amendment)
    with pytest.raises(WorkflowError):
        services.amendment_return(
            actor=world.users["secretariat"], amendment=world.p2_amendment, comment=""
        )
    with records("oaps.amendment.returned"):
        services.amendment_return(
            actor=world.users["secretariat"], amendment=world.p2_amendment, comment="Explain"
        )
    services.amendment_change_save(
        actor=world.users["co_driver"],
        amendment=world.p2_amendment,
        target_type="kpi",
        target_id=world.a3_kpi.pk,
        field="target",
        value="15",
        reason="Revised",
    )
    assert (
        services.amendment_submit(
            actor=world.users["co_driver"], amendment=world.p2_amendment
        ).status
        == "submitted"
    )


def test_an_approved_amendment_adds_and_removes_actions_and_kpis(world):
    amendment = _fresh_amendment(world)
    actor = world.users["co_driver"]
    services.amendment_add(
        actor=actor,
        amendment=amendment,
        target_type="action",
        data={
            "code": "OA 9",
            "title": "Financial investigations",
            "horizontal_goal": world.chsg_a.pk,
            "leader": world.org_nl.pk,
            "start_date": "2024-03-01",
            "end_date": "2024-10-31",
        },
        reason="Money laundering",
    )
    services.amendment_add(
        actor=actor,
        amendment=amendment,
        target_type="kpi",
        parent_id=world.a3.pk,
        data={"name": "Seizures", "unit": "kg", "target": "5"},
        reason="Measure seizures",
    )
    services.amendment_remove(
        actor=actor,
        amendment=amendment,
        target_type="action",
        target_id=world.a3.pk,
        reason="Done elsewhere",
    )
    _approved(world, amendment)
    added = OperationalAction.objects.get(plan=world.p2, code="OA 9")
    assert added.leader == world.org_nl
    assert Kpi.objects.filter(action=world.a3, name="Seizures").exists()
    assert OperationalAction.objects.get(pk=world.a3.pk).status == "cancelled"
    comparison = selectors.plan_comparison(
        user=world.users["cosi_delegate"], plan=world.p2, a="1", b="2"
    )
    changes = {(d.change, d.label, d.reason) for d in comparison.actions}
    assert ("added", "OA 9 Financial investigations", "Money laundering") in changes
    assert ("removed", f"{world.a3.code} a3", "Done elsewhere") in changes


def test_an_invalid_new_action_is_refused_next_to_its_field(world):
    amendment = _fresh_amendment(world)
    with pytest.raises(ValidationError) as error:
        services.amendment_add(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="action",
            data={
                "code": "bad",
                "title": "x",
                "horizontal_goal": world.chsg_a.pk,
                "leader": world.org_nl.pk,
                "start_date": "2024-03-01",
                "end_date": "2024-10-31",
            },
            reason="x",
        )
    assert "code" in error.value.error_dict


@pytest.mark.parametrize("value", ["other plan's goal", "abc", 123, {"id": 1}])
def test_an_amendment_links_an_action_only_to_its_own_plans_goals_and_refuses_odd_values(
    world, value
):
    from tests.factories import PlanGoalFactory

    amendment = _fresh_amendment(world)
    if value == "other plan's goal":
        value = [PlanGoalFactory(plan=world.p1, number=9).pk]
    with refused(AmendmentChange, error=ValidationError):
        services.amendment_change_save(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="action",
            target_id=world.a3.pk,
            field="plan_goals",
            value=value,
            reason="Linked to the new goal",
        )


def test_co_drivers_are_not_changed_by_an_amendment(world):
    amendment = _fresh_amendment(world)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.amendment_change_save(
            actor=world.users["co_driver"],
            amendment=amendment,
            target_type="plan",
            target_id=world.p2.pk,
            field="co_drivers",
            value=[world.org_be.pk],
            reason="A new partner",
        )
