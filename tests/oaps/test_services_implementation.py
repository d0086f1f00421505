"""``oaps.services.action_status_update``: during implementation (the plan approved) the action's
leaders, co-leaders and drivers move its status without an amendment: start, delay (with a
reason), complete. On the access tests' world: a3 belongs to the approved p2 and is co-led by the
co-action leader; a1 belongs to the draft p1 and is led by the action leader."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from empact.services import WorkflowError
from oaps import services
from oaps.models import OperationalAction
from tests.access import conftest as shared
from tests.writes import records

pytestmark = pytest.mark.django_db

world, today = shared.world, shared.today


def _status(action) -> str:
    return OperationalAction.objects.get(pk=action.pk).status


@pytest.mark.parametrize("role", ["co_action_leader", "co_driver", "administrator"])
def test_the_leaders_and_drivers_start_delay_and_complete_an_action(world, role):
    actor = world.users[role]
    with records("oaps.action.started"):
        services.action_status_update(actor=actor, action=world.a3, step="start")
    with records("oaps.action.delayed") as recorded:
        services.action_status_update(
            actor=actor, action=world.a3, step="delay", reason="Waiting for a court order"
        )
    assert recorded.event.payload["comment"] == "Waiting for a court order"
    assert OperationalAction.objects.get(pk=world.a3.pk).status_reason == (
        "Waiting for a court order"
    )
    with records("oaps.action.completed"):
        services.action_status_update(actor=actor, action=world.a3, step="complete")
    assert _status(world.a3) == "completed"


def test_a_delay_needs_a_reason(world):
    with pytest.raises(WorkflowError, match="why"):
        services.action_status_update(
            actor=world.users["co_action_leader"], action=world.a3, step="delay"
        )
    assert _status(world.a3) == "planned"


def test_a_planned_action_cannot_be_completed(world):
    with pytest.raises(WorkflowError, match="not possible"):
        services.action_status_update(
            actor=world.users["co_action_leader"], action=world.a3, step="complete"
        )


def test_a_completed_action_cannot_start_again(world):
    actor = world.users["co_action_leader"]
    services.action_status_update(actor=actor, action=world.a3, step="start")
    services.action_status_update(actor=actor, action=world.a3, step="complete")
    with pytest.raises(WorkflowError):
        services.action_status_update(actor=actor, action=world.a3, step="start")


def test_the_status_does_not_move_before_cosi_approves_the_plan(world):
    with pytest.raises(WorkflowError, match="approved"):
        services.action_status_update(
            actor=world.users["action_leader"], action=world.a1, step="start"
        )
    assert _status(world.a1) == "planned"


@pytest.mark.parametrize(
    "role", ["secretariat", "cosi_delegate", "europol", "driver", "action_leader", "nec"]
)
def test_whoever_neither_leads_nor_drives_cannot_move_the_status(world, role):
    with pytest.raises(PermissionDenied):
        services.action_status_update(actor=world.users[role], action=world.a3, step="start")
    assert _status(world.a3) == "planned"


def test_a_participant_cannot_move_the_status(world):
    with pytest.raises(PermissionDenied):
        services.action_status_update(
            actor=world.more_users["participant_a3"], action=world.a3, step="start"
        )


def test_an_unknown_step_is_refused(world):
    with pytest.raises(WorkflowError):
        services.action_status_update(
            actor=world.users["co_action_leader"], action=world.a3, step="cancel"
        )
