"""Reads of plans, their actions and KPIs, and a country's actions, always for a user."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.shortcuts import get_object_or_404

from actors.models import Country, Organisation
from cycles.models import Cycle
from oaps import page_parts
from oaps.models import (
    Kpi,
    KpiValue,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanGoal,
    ProgressReport,
)
from priorities.models import HorizontalGoal

Plan = OperationalActionPlan
Action = OperationalAction


# ?sort= keys of the plan's action table and the columns they order by.
ACTION_SORTS: dict[str, tuple[str, ...]] = {
    "position": ("position", "code"),
    "code": ("code",),
    "title": ("title",),
    "chsg": ("horizontal_goal__number", "position"),
    "leader": ("leader__name", "position"),
    "status": ("status", "position"),
    "start": ("start_date", "position"),
    "end": ("end_date", "position"),
}


# --- plans -------------------------------------------------------------------------------------


def plans_visible_to(user) -> QuerySet[Plan]:
    return Plan.objects.visible_to(user, "view").select_related(
        "priority", "priority__cycle", "driver", "driver__country"
    )


def plans_with_action_count(user) -> QuerySet[Plan]:
    """Visible plans with their number of actions that are not cancelled."""
    return (
        plans_visible_to(user)
        .annotate(action_count=Count("actions", filter=~Q(actions__status=Action.Status.CANCELLED)))
        .order_by("code")
    )


# ?sort= keys of the plan list and the columns they order by.
PLAN_SORTS: dict[str, tuple[str, ...]] = {
    "code": ("code",),
    "title": ("title",),
    "cycle": ("priority__cycle__first_year", "code"),
    "driver": ("driver__name", "code"),
    "status": ("status", "code"),
}


def plans_for_list(user, *, cycle: Cycle | None = None, status: str = "") -> QuerySet[Plan]:
    """The plan list: the visible plans, of one cycle and in one status when they are given."""
    plans = plans_with_action_count(user)
    if cycle is not None:
        plans = plans.filter(priority__cycle=cycle)
    if status:
        plans = plans.filter(status=status)
    return plans


def plan_for_page(user, pk: int) -> Plan:
    """The plan with what its overview shows (404 outside the user's view)."""
    queryset = plans_visible_to(user).prefetch_related(
        Prefetch(
            "co_drivers", queryset=Organisation.objects.select_related("country").order_by("name")
        ),
        Prefetch("goals", queryset=PlanGoal.objects.visible_to(user, "view").order_by("number")),
    )
    return get_object_or_404(queryset, pk=pk)


def _visible_kpis(user) -> QuerySet[Kpi]:
    return Kpi.objects.visible_to(user, "view").order_by("pk")


def attach_latest_values(user, kpis: Iterable[Kpi]) -> list[Kpi]:
    """Sets ``latest_value`` and ``latest_period`` on each KPI: its value the user may see from
    the most recent reporting period. One query for all of them: a subquery per KPI let
    PostgreSQL rebuild the gate's set of visible values once for each KPI (seconds on a plan of
    500 actions)."""
    kpis = list(kpis)
    latest: dict[int, tuple[Decimal, str]] = {}
    if kpis:
        values = (
            KpiValue.objects.visible_to(user, "view")
            .filter(kpi__in=[kpi.pk for kpi in kpis])
            .order_by("kpi", "-report__period__start", "-report__period__pk", "-pk")
            .values_list("kpi", "value", "report__period__title")
        )
        for kpi_id, value, period in values:
            latest.setdefault(kpi_id, (value, period))
    for kpi in kpis:
        kpi.latest_value, kpi.latest_period = latest.get(kpi.pk, (None, None))
    return kpis


def attach_kpi_progress(user, actions: Iterable[Action]) -> None:
    """Sets ``kpi_progress`` (a :class:`KpiProgress` per KPI) on each of the actions of a page,
    their KPIs prefetched by :func:`plan_actions`: one query for the latest values of them all."""
    actions = list(actions)
    attach_latest_values(user, [kpi for action in actions for kpi in action.kpis.all()])
    for action in actions:
        action.kpi_progress = [kpi_progress(kpi) for kpi in action.kpis.all()]


def plan_actions(user, plan: Plan, filters: Mapping[str, Any] | None = None) -> QuerySet[Action]:
    """The plan's actions for the table, with the progress columns, filtered.

    ``filters`` holds the cleaned data of the filter form: ``chsg``, ``status``, ``leader`` and
    ``country`` (the country leads, co-leads or takes part, itself or through an organisation).
    """
    last_report = (
        ProgressReport.objects.visible_to(user, "view")
        .filter(action=OuterRef("pk"))
        .order_by("-period__start", "-period__pk")
    )
    actions = (
        Action.objects.visible_to(user, "view")
        .filter(plan=plan)
        .select_related("horizontal_goal", "leader", "leader__country")
        .annotate(
            last_report_status=Subquery(last_report.values("status")[:1]),
            last_report_period=Subquery(last_report.values("period__title")[:1]),
        )
        .prefetch_related(Prefetch("kpis", queryset=_visible_kpis(user)))
    )
    filters = filters or {}
    if filters.get("chsg"):
        actions = actions.filter(horizontal_goal=filters["chsg"])
    if filters.get("status"):
        actions = actions.filter(status=filters["status"])
    if filters.get("leader"):
        actions = actions.filter(leader=filters["leader"])
    if filters.get("country"):
        actions = actions.filter(pk__in=actions_of_country(filters["country"]))
    return actions


def actions_of_country(countries: Country | QuerySet[Country]) -> QuerySet:
    """Ids of the actions a country (or any of ``countries``) leads, co-leads or takes part in,
    directly or through one of its organisations, as a subquery."""
    if isinstance(countries, Country):
        countries = Country.objects.filter(pk=countries.pk)
    return actions_of_countries(countries.values("pk"))


def actions_of_countries(countries: QuerySet) -> QuerySet:
    """Ids of the actions of the countries whose ids ``countries`` (a subquery) selects: the one
    definition of "the actions of a country", used by the gate, the pages and the filters."""
    organisations = _organisations_of(countries)
    co_led = Action.objects.filter(co_leaders__in=organisations).order_by().values("pk")
    # Two subqueries, not one with an OR across the join to the organisation: each is read from
    # its own index (participations by country, by organisation), where the OR made PostgreSQL
    # read every participation to test it (60 ms at 100,000 participations, on every request).
    by_country = Participation.objects.filter(country__in=countries).order_by().values("action")
    by_organisation = (
        Participation.objects.filter(organisation__in=organisations).order_by().values("action")
    )
    return (
        Action.objects.filter(
            Q(leader__in=organisations)
            | Q(pk__in=co_led)
            | Q(pk__in=by_country)
            | Q(pk__in=by_organisation)
        )
        .order_by()
        .values("pk")
    )  # no ORDER BY (the Meta ordering) inside IN (...): a sort for nothing


def plan_action_filter_choices(user, plan: Plan) -> dict[str, QuerySet]:
    """The choices of the filter form: what can be found among the plan's actions."""
    actions = Action.objects.visible_to(user, "view").filter(plan=plan)
    return {
        "chsg": HorizontalGoal.objects.visible_to(user, "view")
        .filter(masp__cycle=plan.priority.cycle_id)
        .order_by("number"),
        "leader": Organisation.objects.visible_to(user, "view")
        .filter(pk__in=actions.values("leader"))
        .select_related("country")
        .order_by("name"),
        "country": Country.objects.visible_to(user, "view").order_by("name"),
    }


@dataclass(frozen=True)
class KpiProgress:
    kpi: Kpi
    value: Decimal | None
    period: str | None
    percent: int | None


def kpi_progress(kpi: Kpi) -> KpiProgress:
    """How far the latest value reaches the target, in % (of the way from the baseline)."""
    value = getattr(kpi, "latest_value", None)
    percent = None
    if value is not None and kpi.target is not None:
        baseline = kpi.baseline if kpi.baseline is not None else Decimal(0)
        if kpi.direction == Kpi.Direction.DECREASE and baseline != kpi.target:
            percent = (baseline - value) / (baseline - kpi.target) * 100
        elif kpi.direction == Kpi.Direction.DECREASE:
            percent = Decimal(100) if value <= kpi.target else Decimal(0)
        elif kpi.target:
            percent = value / kpi.target * 100
        if percent is not None:
            percent = max(0, round(percent))
    return KpiProgress(kpi, value, getattr(kpi, "latest_period", None), percent)


def plan_editor_actions(user, plan: Plan) -> list[Action]:
    """Every action of the plan in its order, for the editor's list."""
    return list(
        Action.objects.visible_to(user, "view")
        .filter(plan=plan)
        .select_related("leader", "leader__country", "horizontal_goal")
        .order_by("position", "code", "pk")
    )


# --- actions -----------------------------------------------------------------------------------


def actions_visible_to(user) -> QuerySet[Action]:
    return Action.objects.visible_to(user, "view").select_related(
        "plan", "plan__priority", "plan__priority__cycle"
    )


@dataclass
class ActionPage:
    action: Action
    participations: list[Participation]
    kpis: list[KpiProgress]
    reports: list[ProgressReport]
    results: list[OperationalResult]
    parts: dict[str, Any]  # what the apps above oaps add to the page (``page_parts``)


def action_page(user, action: Action) -> ActionPage:
    """What the action page shows, each list restricted to what the user may see."""
    return ActionPage(
        action=action,
        participations=list(
            Participation.objects.visible_to(user, "view")
            .filter(action=action)
            .select_related("organisation", "organisation__country", "country", "confirmed_by")
        ),
        kpis=[
            kpi_progress(kpi)
            for kpi in attach_latest_values(user, _visible_kpis(user).filter(action=action))
        ],
        reports=list(
            ProgressReport.objects.visible_to(user, "view")
            .filter(action=action)
            .select_related("period", "submitted_by")
            .order_by("period__start", "pk")
        ),
        results=list(
            OperationalResult.objects.visible_to(user, "view")
            .filter(action=action)
            .select_related("result_type", "country")
        ),
        parts=page_parts.action_parts(user, action),
    )


def action_for_page(user, pk: int) -> Action:
    queryset = actions_visible_to(user).select_related(
        "horizontal_goal", "leader", "leader__country"
    )
    queryset = queryset.prefetch_related(
        Prefetch("co_leaders", queryset=Organisation.objects.select_related("country")),
        Prefetch("plan_goals", queryset=PlanGoal.objects.order_by("number")),
    )
    return get_object_or_404(queryset, pk=pk)


def _of_country(country_ids) -> Q:
    """The participations of the countries: their own, or one of their organisations' (by the
    organisation's id, as in :func:`actions_of_countries`, not an ``OR`` across the join)."""
    return Q(country__in=country_ids) | Q(organisation__in=_organisations_of(country_ids))


def _organisations_of(countries) -> QuerySet:
    """Ids of the organisations of the countries (ids, or a subquery of them)."""
    return Organisation.objects.filter(country__in=countries).order_by().values("pk")


# --- the country page --------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryPlan:
    """One plan on the country page and the country's actions in it."""

    plan: OperationalActionPlan
    actions: list[OperationalAction]


COUNTRY_PAGE_SIZE = 50  # actions a page of the country page


def country_actions(user, country: Country, cycle: Cycle | None = None) -> list[CountryPlan]:
    """Every action the country leads, co-leads or takes part in that the user may see, grouped
    by plan, in one cycle or (``cycle=None``) in all. Each action carries
    ``country_participations`` (the country's own participations, directly or through one of its
    organisations, each with ``may_decide``) and ``country_co_leaders``. A fixed number of queries.
    """
    return _country_groups(user, country, list(_country_actions_qs(user, country, cycle)))


@dataclass(frozen=True)
class CountryPage:
    """One page of the country page's actions, grouped by plan, and the counts of all pages."""

    page: Page
    plans: list[CountryPlan]
    pending: int  # the country's participations awaiting confirmation, on every page


def country_actions_page(
    user, country: Country, cycle: Cycle | None, number, per_page: int = COUNTRY_PAGE_SIZE
) -> CountryPage:
    """``country_actions`` a page at a time (a large cycle has hundreds of actions per country):
    the page's actions grouped by plan, with the counts over all of them."""
    actions = _country_actions_qs(user, country, cycle)
    page = Paginator(actions, per_page).get_page(number)
    pending = (
        Participation.objects.visible_to(user, "view")
        .filter(_of_country([country]), action__in=actions.order_by().values("pk"))
        .filter(confirmation=Participation.Confirmation.PENDING)
        .count()
    )
    return CountryPage(page, _country_groups(user, country, list(page.object_list)), pending)


def _country_actions_qs(user, country: Country, cycle: Cycle | None) -> QuerySet:
    participations = Participation.objects.visible_to(user, "view").filter(_of_country([country]))
    actions = (
        OperationalAction.objects.visible_to(user, "view")
        .filter(pk__in=actions_of_country(country))
        .select_related("plan__priority__cycle", "leader__country")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=participations.select_related("organisation__country", "country"),
                to_attr="country_participations",
            ),
            Prefetch(
                "co_leaders",
                queryset=Organisation.objects.visible_to(user, "view")
                .filter(country=country)
                .select_related("country"),
                to_attr="country_co_leaders",
            ),
        )
        .order_by("-plan__first_year", "plan__code", "position", "code", "pk")
    )
    if cycle is not None:
        actions = actions.filter(plan__priority__cycle=cycle)
    return actions


def _country_groups(user, country: Country, actions: list[OperationalAction]) -> list[CountryPlan]:
    decidable = set(
        Participation.objects.visible_to(user, "confirm")
        .filter(_of_country([country]), action__in=[action.pk for action in actions])
        .values_list("pk", flat=True)
    )
    groups: dict[int, CountryPlan] = {}
    for action in actions:
        for participation in action.country_participations:
            participation.may_decide = participation.pk in decidable
        group = groups.setdefault(action.plan_id, CountryPlan(action.plan, []))
        group.actions.append(action)
    return list(groups.values())
