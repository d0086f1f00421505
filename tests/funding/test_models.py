"""The rules of funding sources, calls and requests. Money is Decimal, in EUR."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from funding.models import FundingCall, FundingRequest, FundingSource
from tests.factories import (
    FundingCallFactory,
    FundingRequestFactory,
    FundingSourceFactory,
    OperationalActionFactory,
    OrganisationFactory,
    assert_database_refuses,
    constraint_errors,
    validation_errors,
)

pytestmark = pytest.mark.django_db

ABOVE_REQUESTED = (
    "The granted amount is above the requested amount; tick "
    "'granted above the requested amount' if that is intended."
)


@pytest.mark.parametrize(
    "factory", [FundingSourceFactory, FundingCallFactory, FundingRequestFactory]
)
def test_factory_makes_a_valid_object(factory):
    factory().full_clean()


def test_funding_request_factory_takes_the_source_of_the_call_given():
    call = FundingCallFactory()
    assert FundingRequestFactory(call=call).source == call.source


def test_granted_funding_request_factory_grants_the_amount_requested():
    request = FundingRequestFactory(is_granted=True, requested=Decimal("12000.00"))
    request.full_clean()
    assert (request.status, request.granted) == ("granted", Decimal("12000.00"))


def test_funding_request_factory_links_the_beneficiaries_given():
    beneficiary = OrganisationFactory()
    request = FundingRequestFactory(beneficiaries=[beneficiary])
    assert list(request.beneficiaries.all()) == [beneficiary]


def _request(**fields: object) -> FundingRequest:
    """An unsaved draft request of EUR 25,000 to a source granting at most EUR 60,000."""
    request = FundingRequestFactory.build(
        action=OperationalActionFactory(), source=FundingSourceFactory()
    )
    for name, value in fields.items():
        setattr(request, name, value)
    return request


# --- FundingSource ---------------------------------------------------------------------------


@pytest.mark.parametrize("maximum", [Decimal("0"), Decimal("-60000")])
def test_source_maximum_of_zero_or_less_is_refused_with_a_clear_message(maximum):
    source = FundingSource(name="EMPACT grants", kind="empact_grant", maximum_amount=maximum)
    assert validation_errors(source) == {"__all__": ["The maximum amount must be more than zero."]}


def test_database_refuses_a_source_maximum_of_zero():
    assert_database_refuses(
        "funding_source_maximum_positive",
        lambda: FundingSourceFactory(maximum_amount=Decimal("0")),
    )


def test_source_without_maximum_is_accepted():
    FundingSourceFactory(kind=FundingSource.Kind.NATIONAL_BUDGET, maximum_amount=None).full_clean()


def test_source_maximum_round_trips_as_a_decimal():
    source = FundingSourceFactory(maximum_amount=Decimal("60000.00"))
    source.refresh_from_db()
    assert source.maximum_amount == Decimal("60000.00")
    assert isinstance(source.maximum_amount, Decimal)


# --- FundingCall -----------------------------------------------------------------------------


def test_call_closing_before_it_opens_is_refused_with_a_clear_message():
    call = FundingCallFactory.build(
        source=FundingSourceFactory(),
        opens=datetime.date(2024, 3, 1),
        closes=datetime.date(2024, 2, 29),
        decision_expected=None,
    )
    assert validation_errors(call) == {"closes": ["A call cannot close before it opens."]}
    assert constraint_errors(call) == ["A call cannot close before it opens."]


def test_database_refuses_a_call_closing_before_it_opens():
    assert_database_refuses(
        "funding_call_closes_after_opening",
        lambda: FundingCallFactory(
            opens=datetime.date(2024, 3, 1),
            closes=datetime.date(2024, 2, 29),
            decision_expected=None,
        ),
    )


def test_call_decision_expected_before_it_closes_is_refused_with_a_clear_message():
    call = FundingCallFactory.build(
        source=FundingSourceFactory(),
        closes=datetime.date(2024, 3, 15),
        decision_expected=datetime.date(2024, 3, 14),
    )
    assert validation_errors(call) == {
        "decision_expected": ["The decision is expected after the call closes."]
    }
    assert constraint_errors(call) == ["The decision is expected after the call closes."]


def test_database_refuses_a_call_decision_expected_before_it_closes():
    assert_database_refuses(
        "funding_call_decision_after_closing",
        lambda: FundingCallFactory(
            closes=datetime.date(2024, 3, 15), decision_expected=datetime.date(2024, 3, 14)
        ),
    )


def test_call_closing_and_decided_on_its_opening_day_is_accepted():
    opening = datetime.date(2024, 3, 1)
    FundingCallFactory(opens=opening, closes=opening, decision_expected=opening).full_clean()


def test_call_title_twice_for_a_source_is_refused_with_a_clear_message():
    call = FundingCallFactory()
    twin = FundingCall(source=call.source, title=call.title, opens=call.opens, closes=call.closes)
    assert validation_errors(twin) == {
        "__all__": ["This source already has a call with this title."]
    }


def test_database_refuses_a_call_title_twice_for_a_source():
    call = FundingCallFactory()
    assert_database_refuses(
        "funding_call_title_unique_per_source",
        lambda: FundingCallFactory(source=call.source, title=call.title),
    )


# --- FundingRequest: amounts -----------------------------------------------------------------


@pytest.mark.parametrize("requested", [Decimal("0"), Decimal("-1.00")])
def test_request_of_zero_or_less_is_refused_with_a_clear_message(requested):
    assert validation_errors(_request(requested=requested)) == {
        "__all__": ["The requested amount must be more than zero."]
    }


def test_database_refuses_a_request_of_zero():
    assert_database_refuses(
        "funding_request_requested_positive",
        lambda: FundingRequestFactory(requested=Decimal("0.00")),
    )


def test_negative_granted_amount_is_refused_with_a_clear_message():
    assert validation_errors(_request(granted=Decimal("-0.01"))) == {
        "__all__": ["The granted amount cannot be negative."]
    }


def test_database_refuses_a_negative_granted_amount():
    assert_database_refuses(
        "funding_request_granted_not_negative",
        lambda: FundingRequestFactory(granted=Decimal("-0.01")),
    )


def test_negative_amount_spent_is_refused_with_a_clear_message():
    assert validation_errors(_request(spent=Decimal("-0.01"))) == {
        "__all__": ["The amount spent cannot be negative."]
    }


def test_database_refuses_a_negative_amount_spent():
    assert_database_refuses(
        "funding_request_spent_not_negative",
        lambda: FundingRequestFactory(spent=Decimal("-0.01")),
    )


def test_granted_above_requested_without_the_flag_is_refused_with_a_clear_message():
    request = _request(requested=Decimal("10000.00"), granted=Decimal("10000.01"))
    assert validation_errors(request) == {"granted": [ABOVE_REQUESTED]}
    assert constraint_errors(request) == [ABOVE_REQUESTED]


def test_database_refuses_granted_above_requested_without_the_flag():
    assert_database_refuses(
        "funding_request_granted_within_requested",
        lambda: FundingRequestFactory(requested=Decimal("10000.00"), granted=Decimal("10000.01")),
    )


def test_granted_above_requested_with_the_flag_is_accepted():
    FundingRequestFactory(
        requested=Decimal("10000.00"), granted=Decimal("12000.00"), granted_above_requested=True
    ).full_clean()


def test_grant_of_zero_and_nothing_spent_are_accepted():
    FundingRequestFactory(granted=Decimal("0.00"), spent=Decimal("0.00")).full_clean()


def test_request_above_the_source_maximum_is_refused_with_a_clear_message():
    source = FundingSourceFactory(name="EMPACT low-value grant", maximum_amount=Decimal("60000.00"))
    request = _request(source=source, requested=Decimal("60000.01"))
    assert validation_errors(request) == {
        "requested": [
            "EMPACT low-value grant grants at most EUR 60000.00; the request is for EUR 60000.01."
        ]
    }


def test_request_of_exactly_the_source_maximum_is_accepted():
    source = FundingSourceFactory(maximum_amount=Decimal("60000.00"))
    FundingRequestFactory(source=source, requested=Decimal("60000.00")).full_clean()


def test_request_to_a_source_without_maximum_may_be_of_any_amount():
    source = FundingSourceFactory(maximum_amount=None)
    FundingRequestFactory(source=source, requested=Decimal("2500000.00")).full_clean()


def test_amounts_round_trip_as_decimals():
    request = FundingRequestFactory(
        requested=Decimal("59999.99"), granted=Decimal("45000.50"), spent=Decimal("12345.67")
    )
    request.refresh_from_db()
    amounts = (request.requested, request.granted, request.spent)
    assert amounts == (Decimal("59999.99"), Decimal("45000.50"), Decimal("12345.67"))
    assert all(isinstance(amount, Decimal) for amount in amounts)


# --- FundingRequest: decision and call -------------------------------------------------------


def test_granted_request_without_granted_amount_is_refused_with_a_clear_message():
    request = _request(
        status=FundingRequest.Status.GRANTED, decision_date=datetime.date(2024, 5, 1)
    )
    assert validation_errors(request) == {
        "granted": ["Enter the granted amount of a granted request."]
    }
    assert constraint_errors(request) == ["A granted request needs the granted amount."]


def test_database_refuses_a_granted_request_without_granted_amount():
    assert_database_refuses(
        "funding_request_granted_has_amount",
        lambda: FundingRequestFactory(
            status=FundingRequest.Status.GRANTED, decision_date=datetime.date(2024, 5, 1)
        ),
    )


@pytest.mark.parametrize("status", ["granted", "rejected"])
def test_decided_request_without_decision_date_is_refused_with_a_clear_message(status):
    request = _request(status=status, granted=Decimal("100.00"))
    assert validation_errors(request) == {"decision_date": ["Enter the date of the decision."]}
    assert constraint_errors(request) == ["A decided request needs its decision date."]


@pytest.mark.parametrize("status", ["granted", "rejected"])
def test_database_refuses_a_decided_request_without_decision_date(status):
    assert_database_refuses(
        "funding_request_decision_has_date",
        lambda: FundingRequestFactory(status=status, granted=Decimal("100.00")),
    )


@pytest.mark.parametrize("status", ["draft", "submitted", "withdrawn"])
def test_undecided_request_needs_no_decision_date(status):
    FundingRequestFactory(status=status).full_clean()


def test_request_under_a_call_of_another_source_is_refused_with_a_clear_message():
    request = _request(call=FundingCallFactory())
    assert validation_errors(request) == {"call": ["This call belongs to another funding source."]}
