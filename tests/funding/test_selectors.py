"""The reads of ``funding.selectors``: the funding of a plan and of an action, over the requests
the user may see and nothing else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from actors.models import Role
from funding import selectors
from funding.models import FundingRequest
from tests.factories import FundingRequestFactory, FundingSourceFactory, OperationalActionFactory
from tests.writes import holder_of

pytestmark = pytest.mark.django_db


def _participant_and_neighbour():
    """A participant of one action, and another action of the same plan."""
    participant = holder_of(Role.PARTICIPANT)
    action = participant.role_assignments.get().action
    return participant, action, OperationalActionFactory(plan=action.plan)


def test_the_plan_funding_sums_the_requests_the_driver_sees_by_source_without_withdrawn_ones():
    driver = holder_of(Role.DRIVER)
    plan = driver.role_assignments.get().plan
    source = FundingSourceFactory(name="ISF")
    action = OperationalActionFactory(plan=plan)
    FundingRequestFactory(action=action, source=source, requested=Decimal("1000"))
    FundingRequestFactory(action=action, source=source, requested=Decimal("500"), is_granted=True)
    FundingRequestFactory(
        action=action, source=source, requested=Decimal("9"), status=FundingRequest.Status.WITHDRAWN
    )
    FundingRequestFactory(source=source, requested=Decimal("7"))  # another plan's
    (line,) = selectors.plan_funding_summary(driver, plan).lines
    assert (line.source, line.requests, line.requested, line.granted) == (
        "ISF",
        2,
        Decimal("1500.00"),
        Decimal("500.00"),
    )


def test_a_participant_sees_in_the_plan_funding_only_the_requests_of_their_action():
    participant, action, neighbour = _participant_and_neighbour()
    FundingRequestFactory(action=action, requested=Decimal("1000"))
    FundingRequestFactory(action=neighbour, requested=Decimal("2000"))
    summary = selectors.plan_funding_summary(participant, action.plan)
    assert summary.total.requested == Decimal("1000.00")


def test_a_participant_sees_the_requests_of_their_action_and_none_of_another():
    participant, action, neighbour = _participant_and_neighbour()
    ours = FundingRequestFactory(action=action)
    FundingRequestFactory(action=neighbour)
    assert selectors.action_funding_requests(participant, action) == [ours]
    assert selectors.action_funding_requests(participant, neighbour) == []
