"""Reporting compliance: for each action and each period already due, whether its report came
on time, late, or not at all; summed per plan, per country and per cycle.

A report counts from its submission (``days_late`` is set by the submit step); a period counts
once its due date has passed, or earlier for a report already handed in.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from oaps.models import OperationalAction, OperationalActionPlan, ProgressReport, ReportingPeriod
from oaps.selectors.plans import actions_of_country

ON_TIME, LATE, MISSING = "on_time", "late", "missing"
HANDED_IN = (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED)


@dataclass
class Row:
    action: OperationalAction
    period: ReportingPeriod
    status: str  # on_time, late, missing
    days_late: int = 0


@dataclass
class Compliance:
    on_time: int = 0
    late: int = 0
    missing: int = 0
    rows: list[Row] = field(default_factory=list)

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.missing

    def as_dict(self) -> dict[str, int]:
        return {
            "due": self.due,
            "on_time": self.on_time,
            "late": self.late,
            "missing": self.missing,
        }

    @property
    def missing_rows(self) -> list[Row]:
        return [row for row in self.rows if row.status == MISSING]

    def per_plan(self) -> list[tuple[OperationalActionPlan, Compliance]]:
        """The same figures split by plan (in plan code order): the cycle page's table."""
        plans: dict[int, tuple[OperationalActionPlan, Compliance]] = {}
        for row in self.rows:
            plan = row.action.plan
            _plan, part = plans.setdefault(plan.pk, (plan, Compliance()))
            part.rows.append(row)
            setattr(part, row.status, getattr(part, row.status) + 1)
        return sorted(plans.values(), key=lambda item: (item[0].code, item[0].pk))


def _periods_of(actions: list[OperationalAction]) -> dict[int, list[ReportingPeriod]]:
    """The periods each action reports on: its plan's, and its cycle's."""
    plans = {a.plan_id for a in actions}
    cycles = {a.plan.priority.cycle_id for a in actions}
    periods = ReportingPeriod.objects.filter(Q(plan_id__in=plans) | Q(cycle_id__in=cycles))
    by_plan: dict[int, list] = {}
    by_cycle: dict[int, list] = {}
    for period in periods:
        if period.plan_id:
            by_plan.setdefault(period.plan_id, []).append(period)
        else:
            by_cycle.setdefault(period.cycle_id, []).append(period)
    return {
        a.pk: by_plan.get(a.plan_id, []) + by_cycle.get(a.plan.priority.cycle_id, [])
        for a in actions
    }


def compliance(actions: QuerySet[OperationalAction], today: datetime.date) -> Compliance:
    """The compliance of these actions (live actions of approved plans) on ``today``."""
    actions = list(
        actions.exclude(status=OperationalAction.Status.CANCELLED)
        .filter(plan__status="approved")
        .select_related("plan__priority", "leader")
        .order_by("plan__code", "position", "code")
    )
    periods = _periods_of(actions)
    reports = {
        (r.action_id, r.period_id): r
        for r in ProgressReport.objects.filter(
            action__in=[a.pk for a in actions], status__in=HANDED_IN
        ).only("action_id", "period_id", "days_late", "status")
    }
    result = Compliance()
    for action in actions:
        for period in periods[action.pk]:
            if period.start > action.end_date or period.end < action.start_date:
                continue
            report = reports.get((action.pk, period.pk))
            if report is not None:
                late = report.days_late or 0
                status = LATE if late else ON_TIME
                result.rows.append(Row(action, period, status, late))
            elif period.deadline < today:
                status = MISSING
                result.rows.append(Row(action, period, status, (today - period.deadline).days))
            else:
                continue
            setattr(result, status, getattr(result, status) + 1)
    return result


def _visible_actions(user) -> QuerySet[OperationalAction]:
    return OperationalAction.objects.visible_to(user, "view")


def plan_compliance(user, plan, today: datetime.date) -> Compliance:
    return compliance(_visible_actions(user).filter(plan=plan), today)


def country_compliance(user, country, today: datetime.date, cycle=None) -> Compliance:
    actions = _visible_actions(user).filter(pk__in=actions_of_country(country))
    if cycle is not None:
        actions = actions.filter(plan__priority__cycle=cycle)
    return compliance(actions, today)


def cycle_compliance(user, cycle, today: datetime.date) -> Compliance:
    return compliance(_visible_actions(user).filter(plan__priority__cycle=cycle), today)


def missing_reports(user, today: datetime.date, actions: Iterable | None = None) -> list[Row]:
    """The reports missing in the actions the user may nudge about (drivers: their plans; NECs:
    their country's actions; the secretariat: all)."""
    queryset = OperationalAction.objects.visible_to(user, "nudge")
    if actions is not None:
        queryset = queryset.filter(pk__in=actions)
    return compliance(queryset, today).missing_rows
