"""The steps of ``reviews.services``: the secretariat opens and closes a round, each delegation
gives one position per plan and round, changeable until the round closes; each step records one
Event, and a refused one stores nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actors.models import Role
from empact.services import WorkflowError
from reviews import services
from reviews.models import Position, ReviewRound
from tests.factories import (
    CountryFactory,
    CycleFactory,
    OperationalActionPlanFactory,
    ReviewRoundFactory,
    assert_database_refuses,
)
from tests.writes import holder_of, records, refused

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def today(freeze_clock):
    freeze_clock(DAY)
    return DAY


@pytest.fixture
def cycle():
    return CycleFactory(first_year=2026)


def submitted_plan(cycle, code="OAP 1"):
    return OperationalActionPlanFactory(
        cycle=cycle, code=code, first_year=2026, last_year=2027, status="submitted"
    )


@pytest.fixture
def open_round(cycle):
    return ReviewRoundFactory(
        cycle=cycle, plans=[submitted_plan(cycle)], closes_on=datetime.date(2026, 6, 30)
    )


def delegate(country=None):
    return holder_of(Role.COSI_DELEGATE, country=country or CountryFactory())


# --- opening and closing -------------------------------------------------------------------------


def test_the_secretariat_opens_a_round_over_submitted_plans_with_one_event(cycle):
    plans = [submitted_plan(cycle, "OAP 1"), submitted_plan(cycle, "OAP 2")]
    secretariat = holder_of(Role.SECRETARIAT)
    with records("reviews.round.opened"):
        review_round = services.review_round_create(
            actor=secretariat, data={"plans": plans, "closes_on": datetime.date(2026, 6, 30)}
        )
    assert review_round.cycle == cycle
    assert review_round.opened_by == secretariat
    assert review_round.status == ReviewRound.Status.OPEN
    assert set(review_round.plans.all()) == set(plans)
    assert review_round.title == "COSI review of OAP 1, OAP 2"


def test_a_round_covers_only_submitted_plans(cycle):
    draft = OperationalActionPlanFactory(cycle=cycle, status="draft")
    with refused(ReviewRound, error=ValidationError):
        services.review_round_create(
            actor=holder_of(Role.SECRETARIAT),
            data={"plans": [draft], "closes_on": datetime.date(2026, 6, 30)},
        )


def test_a_round_cannot_close_in_the_past(cycle):
    with refused(ReviewRound, error=ValidationError):
        services.review_round_create(
            actor=holder_of(Role.SECRETARIAT),
            data={"plans": [submitted_plan(cycle)], "closes_on": datetime.date(2026, 5, 31)},
        )


@pytest.mark.parametrize("role", [Role.COSI_DELEGATE, Role.EUROPOL, Role.COMMISSION])
def test_only_the_secretariat_and_administrators_open_a_round(cycle, role):
    with refused(ReviewRound):
        services.review_round_create(
            actor=holder_of(role),
            data={"plans": [submitted_plan(cycle)], "closes_on": datetime.date(2026, 6, 30)},
        )


def test_the_secretariat_closes_an_open_round_with_one_event(open_round):
    with records("reviews.round.closed"):
        services.review_round_close(actor=holder_of(Role.SECRETARIAT), review_round=open_round)
    open_round.refresh_from_db()
    assert open_round.status == ReviewRound.Status.CLOSED


def test_a_closed_round_cannot_be_closed_again(open_round):
    ReviewRound.objects.filter(pk=open_round.pk).update(status="closed")
    with refused(ReviewRound, error=WorkflowError):
        services.review_round_close(actor=holder_of(Role.SECRETARIAT), review_round=open_round)


@pytest.mark.parametrize("role", [Role.COSI_DELEGATE, Role.EUROPOL, Role.COMMISSION])
def test_only_the_secretariat_and_administrators_close_a_round(open_round, role):
    with refused(ReviewRound):
        services.review_round_close(actor=holder_of(role), review_round=open_round)
    open_round.refresh_from_db()
    assert open_round.status == ReviewRound.Status.OPEN


# --- positions -----------------------------------------------------------------------------------


def test_a_delegate_gives_their_countrys_position_with_one_event(open_round):
    country = CountryFactory(code="BE")
    plan = open_round.plans.get()
    with records("reviews.position.given"):
        position = services.position_give(
            actor=delegate(country), review_round=open_round, plan=plan, position="agree"
        )
    assert position.country == country
    assert position.position == Position.Answer.AGREE


def test_a_delegate_changes_the_position_while_the_round_is_open(open_round):
    plan, be = open_round.plans.get(), delegate(CountryFactory(code="BE"))
    services.position_give(actor=be, review_round=open_round, plan=plan, position="agree")
    with records("reviews.position.changed"):
        services.position_give(
            actor=be,
            review_round=open_round,
            plan=plan,
            position="cannot_agree_yet",
            comment="The KPIs of OA 2 need targets.",
        )
    assert Position.objects.get().position == Position.Answer.CANNOT_AGREE_YET


def test_one_position_per_country_per_plan_per_round(open_round):
    plan = open_round.plans.get()
    be, nl = CountryFactory(code="BE"), CountryFactory(code="NL")
    for country in (be, nl):
        services.position_give(
            actor=delegate(country), review_round=open_round, plan=plan, position="agree"
        )
    services.position_give(
        actor=delegate(be), review_round=open_round, plan=plan, position="agree"
    )  # a second delegate of BE changes BE's position, adds none
    assert Position.objects.count() == 2
    first = Position.objects.first()
    assert_database_refuses(
        "position_one_per_country_plan_round",
        lambda: Position.objects.create(
            round=open_round,
            plan=plan,
            country=first.country,
            position="agree",
            given_by=first.given_by,
        ),
    )


def test_a_position_other_than_agree_needs_a_comment(open_round):
    with refused(Position, error=ValidationError):
        services.position_give(
            actor=delegate(),
            review_round=open_round,
            plan=open_round.plans.get(),
            position="agree_with_comments",
        )


def test_no_position_after_the_closing_date(open_round, freeze_clock):
    freeze_clock(datetime.date(2026, 7, 1))
    with refused(Position, error=WorkflowError) as _refusal:
        services.position_give(
            actor=delegate(),
            review_round=open_round,
            plan=open_round.plans.get(),
            position="agree",
        )


def test_the_closing_day_itself_is_still_open(open_round, freeze_clock):
    freeze_clock(datetime.date(2026, 6, 30))
    services.position_give(
        actor=delegate(), review_round=open_round, plan=open_round.plans.get(), position="agree"
    )
    assert Position.objects.count() == 1


def test_no_position_change_once_the_secretariat_closed_the_round(open_round):
    be = delegate(CountryFactory(code="BE"))
    plan = open_round.plans.get()
    services.position_give(actor=be, review_round=open_round, plan=plan, position="agree")
    services.review_round_close(actor=holder_of(Role.SECRETARIAT), review_round=open_round)
    with pytest.raises((WorkflowError, PermissionDenied)):
        services.position_give(
            actor=be, review_round=open_round, plan=plan, position="cannot_agree_yet", comment="x"
        )
    assert Position.objects.get().position == "agree"


def test_the_closed_round_is_refused_with_the_closing_date_in_the_message(open_round, freeze_clock):
    freeze_clock(datetime.date(2026, 7, 2))
    with pytest.raises(WorkflowError) as refusal:
        services.position_give(
            actor=delegate(), review_round=open_round, plan=open_round.plans.get(), position="agree"
        )
    assert "closed on" in refusal.value.message


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.EUROPOL, Role.NEC])
def test_only_cosi_delegates_give_positions(open_round, role):
    with refused(Position):
        services.position_give(
            actor=holder_of(role),
            review_round=open_round,
            plan=open_round.plans.get(),
            position="agree",
        )


def test_a_position_on_a_plan_outside_the_round_is_refused(open_round, cycle):
    other = submitted_plan(cycle, "OAP 9")
    with refused(Position, error=ValidationError):
        services.position_give(
            actor=delegate(), review_round=open_round, plan=other, position="agree"
        )


# --- the plain changes ---------------------------------------------------------------------------


def test_the_secretariat_moves_the_closing_date_of_an_open_round(open_round):
    with records("reviews.round.changed"):
        services.review_round_update(
            actor=holder_of(Role.SECRETARIAT),
            review_round=open_round,
            data={"closes_on": datetime.date(2026, 7, 15)},
        )


def test_an_administrator_deletes_a_round(open_round):
    with records("reviews.round.deleted"):
        services.review_round_delete(actor=holder_of(Role.ADMINISTRATOR), review_round=open_round)
    assert not ReviewRound.objects.exists()


def test_a_round_whose_closing_day_has_passed_cannot_be_moved_later_to_reopen_it(
    open_round, freeze_clock
):
    freeze_clock(datetime.date(2026, 7, 1))
    with pytest.raises(WorkflowError):
        services.review_round_update(
            actor=holder_of(Role.SECRETARIAT),
            review_round=open_round,
            data={"closes_on": datetime.date(2026, 7, 31)},
        )
    open_round.refresh_from_db()
    assert open_round.closes_on == datetime.date(2026, 6, 30)


def test_an_open_round_cannot_be_moved_to_a_closing_day_in_the_past(open_round):
    with pytest.raises(ValidationError):
        services.review_round_update(
            actor=holder_of(Role.SECRETARIAT),
            review_round=open_round,
            data={"closes_on": datetime.date(2026, 5, 1)},
        )
