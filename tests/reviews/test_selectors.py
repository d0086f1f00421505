"""The reads of ``reviews.selectors``: the round's table of countries by plans (its missing
positions), and what waits for delegates and the secretariat; a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest

from actors.models import Country, Role
from reviews import selectors
from tests.factories import (
    CountryFactory,
    CycleFactory,
    OperationalActionPlanFactory,
    PositionFactory,
    ReviewRoundFactory,
)
from tests.writes import holder_of

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def today(freeze_clock):
    freeze_clock(DAY)


@pytest.fixture
def setting():
    cycle = CycleFactory(first_year=2026)
    be = CountryFactory(code="BE", kind="eu_member_state")
    nl = CountryFactory(code="NL", kind="eu_member_state")
    CountryFactory(code="NO", kind="schengen_associated")  # not a COSI delegation
    plans = [
        OperationalActionPlanFactory(
            cycle=cycle, code=f"OAP {n}", first_year=2026, last_year=2027, status="submitted"
        )
        for n in (1, 2)
    ]
    review_round = ReviewRoundFactory(
        cycle=cycle, plans=plans, closes_on=datetime.date(2026, 6, 30)
    )
    PositionFactory(round=review_round, plan=plans[0], country=be)
    # the factories' other countries (of the plans' drivers) are no COSI delegations here
    Country.objects.exclude(pk__in=[be.pk, nl.pk]).update(kind="third_country")
    return review_round, plans, be, nl


def test_the_table_shows_each_member_state_by_plan_with_the_missing_positions(setting):
    review_round, plans, be, nl = setting
    table = selectors.round_table(holder_of(Role.SECRETARIAT), review_round)
    assert [column.plan for column in table.plans] == plans
    assert [(c.given, c.missing) for c in table.plans] == [(1, 1), (0, 2)]
    assert [row.country for row in table.rows] == [be, nl]
    assert table.rows[0].cells[0].position == "agree" and table.rows[0].cells[1] is None


def test_the_table_reads_in_three_queries_whatever_its_size(setting, django_assert_num_queries):
    review_round, plans, _be, _nl = setting
    for code in ("DE", "FR", "IT"):
        country = CountryFactory(code=code, kind="eu_member_state")
        for plan in plans:
            PositionFactory(round=review_round, plan=plan, country=country)
    user = holder_of(Role.SECRETARIAT)
    selectors.round_table(user, review_round)  # warms the user's roles
    with django_assert_num_queries(3):
        selectors.round_table(user, review_round)


def test_a_delegate_is_shown_the_plans_their_country_has_not_answered(setting):
    _review_round, plans, be, nl = setting
    be_delegate = holder_of(Role.COSI_DELEGATE, country=be)
    assert [t.plan for t in selectors.positions_to_give(be_delegate, be)] == [plans[1]]
    nl_delegate = holder_of(Role.COSI_DELEGATE, country=nl)
    assert [t.plan for t in selectors.positions_to_give(nl_delegate, nl)] == plans


def test_a_closed_round_asks_no_delegate_for_a_position(setting, freeze_clock):
    _review_round, _plans, _be, nl = setting
    freeze_clock(datetime.date(2026, 7, 1))
    assert selectors.positions_to_give(holder_of(Role.COSI_DELEGATE, country=nl), nl) == []


def test_the_secretariat_sees_the_rounds_with_missing_positions(setting):
    review_round, _plans, _be, _nl = setting
    progress = selectors.rounds_with_missing_positions(holder_of(Role.SECRETARIAT))
    assert [(p.review_round, p.missing) for p in progress] == [(review_round, 3)]


def test_a_plan_is_ready_for_a_decision_when_every_delegation_answered(setting):
    review_round, plans, _be, nl = setting
    secretariat = holder_of(Role.SECRETARIAT)
    assert selectors.plans_ready_for_decision(secretariat) == []
    PositionFactory(round=review_round, plan=plans[0], country=nl)
    assert [r.plan for r in selectors.plans_ready_for_decision(secretariat)] == [plans[0]]


def test_every_plan_of_a_round_past_its_closing_date_is_ready_for_a_decision(setting, freeze_clock):
    _review_round, plans, _be, _nl = setting
    freeze_clock(datetime.date(2026, 7, 1))
    ready = selectors.plans_ready_for_decision(holder_of(Role.SECRETARIAT))
    assert [r.plan for r in ready] == plans
