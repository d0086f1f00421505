"""The writes and steps of ``oaps.services.operations``: joint action days, result types and
operational results. Each allowed write stores its change with one Event under its declared
code; a refused one raises and stores nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import transaction

from actors.models import Organisation, Role
from empact.services import WorkflowError
from oaps import services
from oaps.models import OperationalResult, ResultType
from tests.access import conftest as shared
from tests.factories import (
    JointActionDayFactory,
    OperationalActionFactory,
    OperationalResultFactory,
    OrganisationFactory,
    ResultTypeFactory,
)
from tests.writes import Changes, Creates, Deletes, holder_of, last_event_id, records, refused

pytestmark = pytest.mark.django_db

# The access tests' world, built once for the module, and its frozen day.
world, today = shared.world, shared.today


def test_only_validated_results_are_published(world):
    europol = world.users["europol"]
    with pytest.raises(WorkflowError):
        services.result_publish(actor=europol, result=world.res_a1)
    services.result_validate(actor=europol, result=world.res_a1)
    assert services.result_publish(actor=europol, result=world.res_a1).is_published


# --- on factory-built rows ---------------------------------------------------------------------


def test_an_action_leader_records_a_result_of_their_action_with_one_event():
    leader = holder_of(Role.ACTION_LEADER)
    action = leader.role_assignments.get().action
    with records("oaps.result.recorded") as recorded:
        result = services.result_record(actor=leader, data=_result_data(action))
    assert (result.action, result.reported_by) == (action, leader)
    assert recorded.event.object_id == result.pk


def test_an_action_leader_cannot_record_a_result_of_another_action_and_nothing_is_stored():
    leader = holder_of(Role.ACTION_LEADER)
    with refused(OperationalResult):
        services.result_record(actor=leader, data=_result_data(OperationalActionFactory()))


def _result_data(action) -> dict:
    return {
        "action": action,
        "result_type": ResultTypeFactory(),
        "quantity": Decimal("3"),
        "period_start": action.start_date,
        "period_end": action.end_date,
    }


def test_europol_validates_a_result_with_one_event():
    result = OperationalResultFactory()
    with records("oaps.result.validated"):
        services.result_validate(actor=holder_of(Role.EUROPOL), result=result)
    result.refresh_from_db()
    assert result.validated_at is not None


def test_an_action_leader_cannot_validate_a_result_of_their_own_action():
    leader = holder_of(Role.ACTION_LEADER)
    result = OperationalResultFactory(action=leader.role_assignments.get().action)
    with refused():
        services.result_validate(actor=leader, result=result)
    result.refresh_from_db()
    assert result.validated_at is None


def test_a_validated_result_is_not_validated_again():
    result = OperationalResultFactory(validated=True)
    with refused(error=WorkflowError):
        services.result_validate(actor=holder_of(Role.EUROPOL), result=result)


def test_europol_publishes_a_validated_result_with_one_event():
    result = OperationalResultFactory(validated=True)
    with records("oaps.result.published"):
        services.result_publish(actor=holder_of(Role.EUROPOL), result=result)
    result.refresh_from_db()
    assert result.is_published


def test_the_commission_cannot_publish_a_result():
    result = OperationalResultFactory(validated=True)
    with refused():
        services.result_publish(actor=holder_of(Role.COMMISSION), result=result)
    result.refresh_from_db()
    assert not result.is_published


class TestResult(Changes, Deletes):
    services = services
    entity = "result"
    event = "oaps.result"
    factory = OperationalResultFactory
    writer = Role.EUROPOL
    change = {"quantity": Decimal("20.00")}


class TestJointActionDay(Creates, Changes, Deletes):
    services = services
    entity = "joint_action_day"
    event = "oaps.joint_action_day"
    factory = JointActionDayFactory
    writer = Role.EUROPOL
    change = {"title": "JAD Global Airport Action"}

    def data(self):
        return {
            "title": "JAD Mobile",
            "start_date": datetime.date(2024, 6, 10),
            "end_date": datetime.date(2024, 6, 14),
            "lead_organisation": OrganisationFactory(kind=Organisation.Kind.EU_AGENCY),
        }


class TestResultType(Creates, Changes, Deletes):
    services = services
    entity = "result_type"
    event = "oaps.result_type"
    factory = ResultTypeFactory
    change = {"name": "Persons arrested"}

    def data(self):
        return {"code": "seizures-cash", "name": "Cash seized", "unit": ResultType.Unit.EUR}


def test_a_result_recorded_as_part_of_another_change_records_no_event_of_its_own():
    leader = holder_of(Role.ACTION_LEADER)
    action = leader.role_assignments.get().action
    last = last_event_id()
    result = services.result_new(leader, _result_data(action), event=False)
    assert OperationalResult.objects.filter(pk=result.pk, reported_by=leader).exists()
    assert last_event_id() == last


def test_a_result_recorded_as_part_of_a_change_is_still_refused_to_an_outsider():
    leader = holder_of(Role.ACTION_LEADER)
    data = _result_data(OperationalActionFactory())
    # the caller's transaction (here a savepoint) rolls the refused row back
    with refused(OperationalResult), transaction.atomic():
        services.result_new(leader, data, event=False)
