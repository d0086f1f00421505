"""Reads of the review rounds, always for a user: the lists, the table of countries by plans
with their positions, and what waits for a delegate or the secretariat (My work)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from actors.models import Country
from empact import clock
from oaps.models import OperationalActionPlan
from reviews.models import Position, ReviewRound

Plan = OperationalActionPlan


def expected_countries() -> QuerySet[Country]:
    """The delegations that give a position: COSI is the committee of the EU member states."""
    return Country.objects.filter(kind=Country.Kind.EU_MEMBER_STATE).order_by("code")


def rounds_visible_to(user) -> QuerySet[ReviewRound]:
    return ReviewRound.objects.visible_to(user, "view")


def round_list(user) -> QuerySet[ReviewRound]:
    """The rounds the user may see, with their cycle, plans and the number of positions."""
    return (
        rounds_visible_to(user)
        .select_related("cycle")
        .prefetch_related(Prefetch("plans", queryset=Plan.objects.order_by("code")))
        .annotate(position_count=Count("given_positions", distinct=True))
        .order_by("-closes_on", "-pk")
    )


@dataclass(frozen=True)
class PlanColumn:
    plan: Plan
    given: int
    missing: int


@dataclass(frozen=True)
class CountryRow:
    country: Country
    cells: list[Position | None]  # one per plan column, None when not given


@dataclass(frozen=True)
class RoundTable:
    """Countries by plans: each cell the country's position on the plan, or None (missing)."""

    plans: list[PlanColumn]
    rows: list[CountryRow]


def round_for_page(user, pk: int) -> ReviewRound:
    return get_object_or_404(rounds_visible_to(user).select_related("cycle", "opened_by"), pk=pk)


def round_table(user, review_round: ReviewRound) -> RoundTable:
    """The table of the round's page (three queries whatever the numbers of plans and countries:
    the plans, the countries, the positions)."""
    plans = list(
        Plan.objects.visible_to(user, "view")
        .filter(review_rounds=review_round)
        .select_related("priority")
        .order_by("code")
    )
    countries = list(expected_countries())
    positions = {
        (p.country_id, p.plan_id): p
        for p in Position.objects.visible_to(user, "view")
        .filter(round=review_round)
        .select_related("given_by")
    }
    ids = {c.pk for c in countries}
    # a country outside the member states that answered anyway (a delegation moved) still shows
    extra = {cid for cid, _plan in positions} - ids
    if extra:
        countries += list(Country.objects.filter(pk__in=extra).order_by("code"))
    rows = [
        CountryRow(country, [positions.get((country.pk, plan.pk)) for plan in plans])
        for country in countries
    ]
    columns = []
    for index, plan in enumerate(plans):
        given = sum(1 for row in rows if row.cells[index] is not None)
        columns.append(PlanColumn(plan, given, len(rows) - given))
    return RoundTable(columns, rows)


def _open_q(today: datetime.date) -> Q:
    return Q(status=ReviewRound.Status.OPEN, closes_on__gte=today)


@dataclass(frozen=True)
class PositionToGive:
    review_round: ReviewRound
    plan: Plan


def positions_to_give(user, country: Country | None, *, today: datetime.date | None = None):
    """The plans of open rounds on which the country has given no position yet."""
    if country is None:
        return []
    today = today or clock.today()
    rounds = list(
        rounds_visible_to(user)
        .filter(_open_q(today))
        .prefetch_related(
            Prefetch("plans", queryset=Plan.objects.order_by("code")),
            Prefetch(
                "given_positions",
                queryset=Position.objects.filter(country=country),
                to_attr="country_positions",
            ),
        )
        .order_by("closes_on", "pk")
    )
    todo = []
    for review_round in rounds:
        answered = {p.plan_id for p in review_round.country_positions}
        todo += [
            PositionToGive(review_round, plan)
            for plan in review_round.plans.all()
            if plan.pk not in answered
        ]
    return todo


@dataclass(frozen=True)
class RoundProgress:
    review_round: ReviewRound
    missing: int  # positions not given yet, over all its plans


def rounds_with_missing_positions(user, *, today: datetime.date | None = None):
    """Open rounds where some delegations have not answered yet, with how many answers miss."""
    today = today or clock.today()
    countries = expected_countries().count()
    rounds = (
        rounds_visible_to(user)
        .filter(_open_q(today))
        .annotate(
            plan_count=Count("plans", distinct=True),
            given=Count("given_positions", distinct=True),
        )
        .order_by("closes_on", "pk")
    )
    return [
        RoundProgress(r, r.plan_count * countries - r.given)
        for r in rounds
        if r.plan_count * countries > r.given
    ]


@dataclass(frozen=True)
class PlanReady:
    review_round: ReviewRound
    plan: Plan


def plans_ready_for_decision(user, *, today: datetime.date | None = None) -> list[PlanReady]:
    """Submitted plans whose round is over (closed, or its closing day past) or has every
    delegation's position: COSI's decision can be recorded."""
    today = today or clock.today()
    countries = expected_countries().count()
    rounds = (
        rounds_visible_to(user)
        .filter(plans__status=Plan.Status.SUBMITTED)
        .distinct()
        .prefetch_related(
            Prefetch(
                "plans",
                queryset=Plan.objects.filter(status=Plan.Status.SUBMITTED).order_by("code"),
                to_attr="submitted_plans",
            ),
            Prefetch("given_positions", queryset=Position.objects.only("pk", "round", "plan")),
        )
        .order_by("closes_on", "pk")
    )
    ready, seen = [], set()
    for review_round in rounds:
        over = not review_round.is_open_on(today)
        per_plan: dict[int, int] = {}
        for position in review_round.given_positions.all():
            per_plan[position.plan_id] = per_plan.get(position.plan_id, 0) + 1
        for plan in review_round.submitted_plans:
            if plan.pk in seen:
                continue
            if over or per_plan.get(plan.pk, 0) >= countries:
                ready.append(PlanReady(review_round, plan))
                seen.add(plan.pk)
    return ready
