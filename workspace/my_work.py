"""Reads for "my work": what needs the signed-in user's attention, by the roles they hold.

Every function takes the user and reads through the permission gate (``visible_to``), so nobody
is shown an object they may not see. Each runs a fixed number of queries whatever the amount of
data: long lists are cut at ``LIMIT`` rows and carry their full count. Which sections apply to a
role is read off the access matrix, not hard-coded per role.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from actors.models import ROLE_SCOPES, Country, RoleAssignment, Scope
from assessments import selectors as assessment_selectors
from cycles.models import Milestone
from discussion.selectors import AddressedComment, comments_addressed_to
from empact import clock
from empact.access import MATRIX, user_roles
from empact.access.gate import active_assignment_q
from oaps.models import (
    OperationalAction,
    OperationalActionPlan,
    Participation,
    ProgressReport,
    ReportingPeriod,
)
from reviews import selectors as review_selectors
from reviews.services import delegation_country

LIMIT = 10
DUE_SOON_DAYS = 30
MILESTONE_DAYS = 60
OPEN_REPORT = (ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED)


@dataclass(frozen=True)
class Capped:
    """The first rows of a list and how many there are in all."""

    items: list[Any]
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.items)

    def __bool__(self) -> bool:
        return self.count > 0


def _capped(queryset: QuerySet, limit: int = LIMIT) -> Capped:
    return Capped(items=list(queryset[:limit]), count=queryset.count())


@dataclass(frozen=True)
class DueReport:
    """A report the user owes: the action, the period, and the draft if one is started."""

    action: OperationalAction
    period: ReportingPeriod
    report: ProgressReport | None
    overdue: bool

    @property
    def url(self) -> str:
        """Where to write it: the draft, or a new report of the action for the period."""
        if self.report is not None:
            return reverse("report-edit", args=[self.report.pk])
        return f"{reverse('action-report', args=[self.action.pk])}?period={self.period.pk}"


@dataclass(frozen=True)
class CountryWork:
    country: Country
    pending: int


@dataclass
class MyWork:
    """Everything the home page shows; a section is ``None`` when the user's roles skip it."""

    plans: list[OperationalActionPlan] = field(default_factory=list)
    actions: list[OperationalAction] = field(default_factory=list)
    reports_due: list[DueReport] | None = None
    reports_to_review: Capped | None = None
    plans_to_decide: Capped | None = None
    participations_to_confirm: Capped | None = None
    milestones: Capped | None = None
    countries: list[CountryWork] | None = None
    # The recent comments addressed to the user, and the drivers' plans COSI returned.
    comments_addressed: list[AddressedComment] | None = None
    returned_plans: list[OperationalActionPlan] | None = None
    # COSI's review rounds: a delegate's positions to give; the secretariat's rounds still
    # missing positions and plans ready for COSI's decision.
    positions_to_give: list[review_selectors.PositionToGive] | None = None
    rounds_missing_positions: list[review_selectors.RoundProgress] | None = None
    plans_ready_for_decision: list[review_selectors.PlanReady] | None = None
    # COSI's assessments: the items a delegate's country has not commented on in an open
    # window; the items awaiting Europol's or the drivers' findings; the assessments whose
    # window closed, awaiting the secretariat's adoption.
    assessment_comments_to_give: Capped | None = None
    assessment_findings_to_give: Capped | None = None
    assessments_to_adopt: Capped | None = None

    @property
    def has_reviews(self) -> bool:
        return any(
            section is not None
            for section in (
                self.positions_to_give,
                self.rounds_missing_positions,
                self.plans_ready_for_decision,
            )
        )

    @property
    def has_assessments(self) -> bool:
        return any(
            section is not None
            for section in (
                self.assessment_comments_to_give,
                self.assessment_findings_to_give,
                self.assessments_to_adopt,
            )
        )

    @property
    def has_decisions(self) -> bool:
        return any(
            section is not None
            for section in (
                self.reports_to_review,
                self.plans_to_decide,
                self.participations_to_confirm,
            )
        )


def _roles_that_may(type_key: str, action: str, relation: str | None = None) -> set[str]:
    """The roles the matrix lets ``action`` objects of ``type_key`` (through ``relation``)."""
    object_type = MATRIX.type(type_key)
    return {
        role
        for role in MATRIX.roles
        if any(
            relation is None or rule.relation == relation
            for rule in object_type.rules(action, role)
        )
    }


def _my_assignments(user, today: datetime.date) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.visible_to(user, "view").filter(
        active_assignment_q(today=today), user=user
    )


def my_plans(user, *, today: datetime.date | None = None) -> list[OperationalActionPlan]:
    """The plans the user drives or co-drives today, each with ``my_assignments``."""
    mine = _my_assignments(user, today or clock.today()).filter(plan__isnull=False)
    return list(
        OperationalActionPlan.objects.visible_to(user, "view")
        .filter(pk__in=mine.values("plan"))
        .select_related("priority__cycle")
        .prefetch_related(Prefetch("role_assignments", queryset=mine, to_attr="my_assignments"))
        .order_by("-first_year", "code")
    )


def my_actions(user, *, today: datetime.date | None = None) -> list[OperationalAction]:
    """The actions the user leads, co-leads or takes part in today, with ``my_assignments``."""
    mine = _my_assignments(user, today or clock.today()).filter(action__isnull=False)
    return list(
        OperationalAction.objects.visible_to(user, "view")
        .filter(pk__in=mine.values("action"))
        .select_related("plan")
        .prefetch_related(Prefetch("role_assignments", queryset=mine, to_attr="my_assignments"))
        .order_by("-plan__first_year", "plan__code", "position", "code")
    )


def reports_due(
    user, *, today: datetime.date | None = None, days: int = DUE_SOON_DAYS
) -> list[DueReport]:
    """Reports the user must write: periods of their actions whose deadline is past or within
    ``days``, without a submitted report. Only for the roles that write reports (the matrix's
    ``progress_report.add`` in their action); cancelled actions and closed plans owe nothing.
    """
    today = today or clock.today()
    writers = _roles_that_may("progress_report", "add", relation="action")
    mine = _my_assignments(user, today).filter(role__in=writers, action__isnull=False)
    actions = list(
        OperationalAction.objects.visible_to(user, "view")
        .filter(pk__in=mine.values("action"))
        .exclude(status=OperationalAction.Status.CANCELLED)
        .exclude(plan__status=OperationalActionPlan.Status.CLOSED)
        .select_related("plan__priority")
    )
    plan_ids = {action.plan_id for action in actions}
    cycle_ids = {action.plan.priority.cycle_id for action in actions}
    periods = list(
        ReportingPeriod.objects.visible_to(user, "view")
        .filter(Q(plan__in=plan_ids) | Q(cycle__in=cycle_ids))
        .filter(deadline__lte=today + datetime.timedelta(days=days))
    )
    reports = {
        (report.action_id, report.period_id): report
        for report in ProgressReport.objects.visible_to(user, "view").filter(
            action__in=[action.pk for action in actions],
            period__in=[period.pk for period in periods],
        )
    }
    due = []
    for action in actions:
        for period in periods:
            of_action = (
                period.plan_id == action.plan_id or period.cycle_id == action.plan.priority.cycle_id
            )
            overlaps = period.start <= action.end_date and period.end >= action.start_date
            report = reports.get((action.pk, period.pk))
            if of_action and overlaps and (report is None or report.status in OPEN_REPORT):
                due.append(DueReport(action, period, report, overdue=period.deadline < today))
    due.sort(key=lambda d: (d.period.deadline, d.action.plan.code, d.action.position, d.action.pk))
    return due


def reports_to_review(user) -> Capped:
    """Submitted reports the user may accept or return (the drivers of the plan)."""
    return _capped(
        ProgressReport.objects.visible_to(user, "accept")
        .filter(status=ProgressReport.Status.SUBMITTED)
        .select_related("action__plan", "period")
        .order_by("submitted_at", "pk")
    )


def plans_to_decide(user) -> Capped:
    """Plans submitted to COSI that the user may approve or return (the secretariat)."""
    return _capped(
        OperationalActionPlan.objects.visible_to(user, "approve")
        .filter(status=OperationalActionPlan.Status.SUBMITTED)
        .select_related("priority")
        .order_by("updated_at", "pk")
    )


def returned_plans(user, *, today: datetime.date | None = None) -> list[OperationalActionPlan]:
    """The plans the user drives or co-drives that COSI returned, with the changes requested
    (``decision_comment``): they wait for the user to fix and resubmit them."""
    mine = _my_assignments(user, today or clock.today()).filter(plan__isnull=False)
    return list(
        OperationalActionPlan.objects.visible_to(user, "submit")
        .filter(pk__in=mine.values("plan"), status=OperationalActionPlan.Status.RETURNED)
        .order_by("code", "pk")
    )


def participations_to_confirm(user) -> Capped:
    """Participations awaiting the decision of the user, NEC of the participant's country."""
    return _capped(
        Participation.objects.visible_to(user, "confirm")
        .filter(confirmation=Participation.Confirmation.PENDING)
        .select_related("action__plan", "country", "organisation__country")
        .order_by("action__plan__code", "action__position", "action__code", "pk")
    )


def upcoming_milestones(
    user, *, today: datetime.date | None = None, days: int = MILESTONE_DAYS
) -> Capped:
    """Milestones of the user's cycles due in the next ``days`` days and not done yet."""
    today = today or clock.today()
    return _capped(
        Milestone.objects.visible_to(user, "view")
        .filter(
            done_date__isnull=True,
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=days),
        )
        .select_related("cycle")
        .order_by("due_date", "pk")
    )


def _of_country(country_ids) -> Q:
    return Q(country__in=country_ids) | Q(organisation__country__in=country_ids)


def my_countries(user, *, today: datetime.date | None = None) -> list[CountryWork]:
    """The countries the user coordinates or represents, with their pending participations."""
    mine = _my_assignments(user, today or clock.today()).filter(country__isnull=False)
    countries = list(Country.objects.visible_to(user, "view").filter(pk__in=mine.values("country")))
    pending: dict[int, int] = defaultdict(int)
    rows = (
        Participation.objects.visible_to(user, "view")
        .filter(_of_country([c.pk for c in countries]))
        .filter(confirmation=Participation.Confirmation.PENDING)
        .values_list("country_id", "organisation__country_id")
    )
    for country_id, organisation_country_id in rows:
        pending[country_id or organisation_country_id] += 1
    return [CountryWork(country, pending[country.pk]) for country in countries]


def my_work(user, *, today: datetime.date | None = None) -> MyWork:
    """The home page of ``user``: the sections their roles call for, each read through the gate."""
    today = today or clock.today()
    roles = user_roles(user, today)
    work = MyWork(plans=my_plans(user, today=today), actions=my_actions(user, today=today))
    if roles & _roles_that_may("progress_report", "add", relation="action"):
        work.reports_due = reports_due(user, today=today)
    if roles & _roles_that_may("progress_report", "accept"):
        work.reports_to_review = reports_to_review(user)
    if roles & _roles_that_may("plan", "approve"):
        work.plans_to_decide = plans_to_decide(user)
    if roles & _roles_that_may("participation", "confirm"):
        work.participations_to_confirm = participations_to_confirm(user)
    if roles & _roles_that_may("plan", "submit", relation="plan"):
        work.returned_plans = returned_plans(user, today=today)
    if roles:
        work.milestones = upcoming_milestones(user, today=today)
        work.comments_addressed = comments_addressed_to(user)
    if any(ROLE_SCOPES.get(role) == Scope.COUNTRY for role in roles):
        work.countries = my_countries(user, today=today)
    if roles & _roles_that_may("position", "add"):
        work.positions_to_give = review_selectors.positions_to_give(
            user, delegation_country(user), today=today
        )
    if roles & _roles_that_may("review_round", "close"):
        work.rounds_missing_positions = review_selectors.rounds_with_missing_positions(
            user, today=today
        )
        work.plans_ready_for_decision = review_selectors.plans_ready_for_decision(user, today=today)
    _assessment_work(work, user, roles, today)
    return work


def _assessment_work(work: MyWork, user, roles: frozenset[str], today: datetime.date) -> None:
    if roles & _roles_that_may("delegation_comment", "add"):
        work.assessment_comments_to_give = _capped(
            assessment_selectors.items_awaiting_comment(user, today)
        )
    findings = [
        action
        for action in ("give_europol_findings", "give_drivers_findings")
        if roles & _roles_that_may("assessment_item", action)
    ]
    if findings:
        work.assessment_findings_to_give = _capped(
            assessment_selectors.items_awaiting_findings(user, findings[0])
        )
    if roles & _roles_that_may("assessment", "adopt"):
        work.assessments_to_adopt = _capped(
            assessment_selectors.assessments_awaiting_adoption(user, today)
        )
