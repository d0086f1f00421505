"""The writes and workflow steps of ``funding.services``: each stores its change with one Event
under its declared code, and a refused one stores nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from actors.models import Role
from empact.services import WorkflowError
from funding import services
from funding.models import FundingRequest, FundingSource
from tests.factories import (
    FundingCallFactory,
    FundingRequestFactory,
    FundingSourceFactory,
    OperationalActionFactory,
)
from tests.writes import Changes, Creates, Deletes, holder_of, records, refused

pytestmark = pytest.mark.django_db

Status = FundingRequest.Status


class TestFundingSource(Creates, Changes, Deletes):
    services = services
    entity = "funding_source"
    event = "funding.source"
    factory = FundingSourceFactory
    writer = Role.COMMISSION
    change = {"maximum_amount": Decimal("80000.00")}

    def data(self):
        return {"name": "Internal Security Fund", "kind": FundingSource.Kind.EMPACT_GRANT}


class TestFundingCall(Creates, Changes, Deletes):
    services = services
    entity = "funding_call"
    event = "funding.call"
    factory = FundingCallFactory
    writer = Role.EUROPOL
    change = {"title": "Call 2025"}

    def data(self):
        return {
            "source": FundingSourceFactory(),
            "title": "Call 2024",
            "opens": datetime.date(2024, 1, 15),
            "closes": datetime.date(2024, 3, 15),
        }


class TestFundingRequest(Creates, Changes, Deletes):
    services = services
    entity = "funding_request"
    event = "funding.request"
    factory = FundingRequestFactory
    change = {"title": "Travel to the operational meeting"}

    def data(self):
        return {
            "action": OperationalActionFactory(),
            "source": FundingSourceFactory(),
            "title": "Travel",
            "requested": Decimal("10000.00"),
        }


def test_a_new_request_is_requested_by_its_author():
    leader = holder_of(Role.ACTION_LEADER)
    action = leader.role_assignments.get().action
    request = services.funding_request_create(
        actor=leader,
        data={
            "action": action,
            "source": FundingSourceFactory(),
            "title": "Travel",
            "requested": 1,
        },
    )
    assert (request.requested_by, request.status) == (leader, Status.DRAFT)


def test_an_action_leader_submits_a_draft_request_of_their_action_with_one_event():
    leader = holder_of(Role.ACTION_LEADER)
    request = FundingRequestFactory(action=leader.role_assignments.get().action)
    with records("funding.request.submitted"):
        services.funding_request_submit(actor=leader, request=request)
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


def test_an_action_leader_cannot_submit_a_request_of_another_action():
    leader = holder_of(Role.ACTION_LEADER)
    request = FundingRequestFactory()
    with refused():
        services.funding_request_submit(actor=leader, request=request)
    request.refresh_from_db()
    assert request.status == Status.DRAFT


def test_a_submitted_request_is_not_submitted_again():
    request = FundingRequestFactory(status=Status.SUBMITTED)
    with refused(error=WorkflowError):
        services.funding_request_submit(actor=holder_of(Role.ADMINISTRATOR), request=request)


def test_the_commission_grants_a_submitted_request_with_its_amount_and_one_event():
    request = FundingRequestFactory(status=Status.SUBMITTED)
    with records("funding.request.granted"):
        services.funding_request_decide(
            actor=holder_of(Role.COMMISSION),
            request=request,
            decision=Status.GRANTED,
            granted=Decimal("20000.00"),
            decision_date=datetime.date(2024, 5, 15),
        )
    request.refresh_from_db()
    assert (request.status, request.granted, request.decision_date) == (
        Status.GRANTED,
        Decimal("20000.00"),
        datetime.date(2024, 5, 15),
    )


def test_europol_rejects_a_submitted_request_with_one_event():
    request = FundingRequestFactory(status=Status.SUBMITTED)
    with records("funding.request.rejected"):
        services.funding_request_decide(
            actor=holder_of(Role.EUROPOL), request=request, decision=Status.REJECTED
        )
    request.refresh_from_db()
    assert (request.status, request.granted) == (Status.REJECTED, None)


def test_the_secretariat_cannot_decide_on_a_request():
    request = FundingRequestFactory(status=Status.SUBMITTED)
    with refused():
        services.funding_request_decide(
            actor=holder_of(Role.SECRETARIAT), request=request, decision=Status.REJECTED
        )
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


@pytest.mark.parametrize("decision", [Status.WITHDRAWN, Status.DRAFT])
def test_a_decision_only_grants_or_rejects(decision):
    request = FundingRequestFactory(status=Status.SUBMITTED)
    with refused(error=WorkflowError):
        services.funding_request_decide(
            actor=holder_of(Role.COMMISSION), request=request, decision=decision
        )


def test_a_draft_request_is_not_decided():
    request = FundingRequestFactory()
    with refused(error=WorkflowError):
        services.funding_request_decide(
            actor=holder_of(Role.COMMISSION),
            request=request,
            decision=Status.GRANTED,
            granted=Decimal("1.00"),
        )
