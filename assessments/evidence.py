"""The evidence of an assessment's items, compiled from the plans' own records.

For each item, the actions it covers: a plan's actions, the actions of the cycle linked to a
CHSG (``OperationalAction.horizontal_goal``), or the actions of a plan goal (its ``actions``).
Over those actions, the evidence counts

- the actions by status (for a CHSG: the actions of the cycle's approved or closed plans);
- each KPI's latest value (from the most recent reporting period of a report handed in:
  submitted or accepted) against its target, and how many KPIs reach it (higher is better:
  at least the target; lower is better: at most the target; keep at target: equal to it);
- the results by type (every reported result, and the part Europol validated);
- the progress reports due (of live actions of approved or closed plans, for each reporting
  period already due that the action runs in): on time, late, or missing;
- the funding requested (of every request handed in), granted and spent (of granted requests).

``compile_evidence`` runs a fixed number of queries whatever the number of items. It reads
every record, not only those one user may see: the evidence is the same for every reader of the
assessment, and once the assessment is adopted it is stored as compiled then. What a reader is
shown of it is narrowed by ``evidence_for(..., user=)`` (see ``withheld_from``).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Q, Subquery

from assessments.models import Assessment, AssessmentItem
from empact import clock
from empact.access.gate import EVERYTHING, visible_q
from funding.models import FundingRequest
from oaps.models import (
    Kpi,
    KpiValue,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    ProgressReport,
    ReportingPeriod,
)

HANDED_IN = (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED)
REPORTING_PLANS = (OperationalActionPlan.Status.APPROVED, OperationalActionPlan.Status.CLOSED)
ZERO = Decimal("0.00")


def _amount(value: Decimal | None) -> str:
    return f"{(value or ZERO):.2f}"


def kpi_reaches_target(direction: str, value: Decimal | None, target: Decimal) -> bool:
    if value is None:
        return False
    if direction == Kpi.Direction.DECREASE:
        return value <= target
    if direction == Kpi.Direction.MAINTAIN:
        return value == target
    return value >= target


def _actions_of_items(items: list[AssessmentItem]) -> tuple[dict[int, set[int]], dict]:
    """Each item's action ids, and the actions (as value rows) by id: three queries."""
    cycles = dict(
        Assessment.objects.filter(pk__in={i.assessment_id for i in items}).values_list(
            "pk", "cycle_id"
        )
    )
    plan_ids = {i.plan_id for i in items if i.plan_id}
    chsg_ids = {i.horizontal_goal_id for i in items if i.horizontal_goal_id}
    goal_ids = {i.plan_goal_id for i in items if i.plan_goal_id}
    links = OperationalAction.plan_goals.through.objects.filter(plangoal_id__in=goal_ids)
    by_goal: dict[int, set[int]] = defaultdict(set)
    for goal_id, action_id in links.values_list("plangoal_id", "operationalaction_id"):
        by_goal[goal_id].add(action_id)
    linked = {a for actions in by_goal.values() for a in actions}
    rows = OperationalAction.objects.filter(
        Q(plan_id__in=plan_ids)
        | Q(
            horizontal_goal_id__in=chsg_ids,
            plan__priority__cycle_id__in=set(cycles.values()),
            plan__status__in=REPORTING_PLANS,
        )
        | Q(pk__in=linked)
    ).values(
        "pk",
        "code",
        "plan_id",
        "plan__code",
        "plan__status",
        "plan__priority__cycle_id",
        "horizontal_goal_id",
        "status",
        "start_date",
        "end_date",
    )
    actions = {row["pk"]: row for row in rows}
    by_plan: dict[int, set[int]] = defaultdict(set)
    by_chsg: dict[tuple[int, int], set[int]] = defaultdict(set)
    for row in actions.values():
        by_plan[row["plan_id"]].add(row["pk"])
        by_chsg[(row["horizontal_goal_id"], row["plan__priority__cycle_id"])].add(row["pk"])
    covered = {}
    for item in items:
        if item.plan_id:
            covered[item.pk] = by_plan.get(item.plan_id, set())
        elif item.horizontal_goal_id:
            key = (item.horizontal_goal_id, cycles.get(item.assessment_id))
            assessed = by_chsg.get(key, set())
            covered[item.pk] = {
                pk for pk in assessed if actions[pk]["plan__status"] in REPORTING_PLANS
            }
        else:
            covered[item.pk] = by_goal.get(item.plan_goal_id, set()) & set(actions)
    return covered, actions


def _kpis(action_ids: set[int]) -> dict[int, list[dict]]:
    latest = (
        KpiValue.objects.filter(kpi=OuterRef("pk"), report__status__in=HANDED_IN)
        .order_by("-report__period__start", "-report__period__pk", "-pk")
        .values("value")[:1]
    )
    rows = (
        Kpi.objects.filter(action_id__in=action_ids)
        .annotate(latest_value=Subquery(latest))
        .values("pk", "action_id", "name", "unit", "target", "direction", "latest_value")
        .order_by("action_id", "pk")
    )
    by_action: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_action[row["action_id"]].append(row)
    return by_action


def _results(action_ids: set[int]) -> dict[int, list[dict]]:
    rows = (
        OperationalResult.objects.filter(action_id__in=action_ids)
        .values(
            "action_id",
            "quantity",
            "validated_at",
            "result_type__name",
            "result_type__unit",
            "result_type__position",
        )
        .order_by("result_type__position", "result_type__name", "pk")
    )
    by_action: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_action[row["action_id"]].append(row)
    return by_action


def _reports(actions: dict[int, dict], today: datetime.date) -> dict[int, Counter]:
    """Per action, its reports on time, late and missing (as ``oaps.selectors.compliance``
    counts them), for live actions of approved or closed plans: two queries."""
    live = {
        pk: row
        for pk, row in actions.items()
        if row["plan__status"] in REPORTING_PLANS
        and row["status"] != OperationalAction.Status.CANCELLED
    }
    plans = {row["plan_id"] for row in live.values()}
    cycles = {row["plan__priority__cycle_id"] for row in live.values()}
    periods = list(
        ReportingPeriod.objects.filter(Q(plan_id__in=plans) | Q(cycle_id__in=cycles)).values(
            "pk", "plan_id", "cycle_id", "start", "end", "deadline"
        )
    )
    handed_in = {
        (action_id, period_id): days_late or 0
        for action_id, period_id, days_late in ProgressReport.objects.filter(
            action_id__in=set(live), status__in=HANDED_IN
        ).values_list("action_id", "period_id", "days_late")
    }
    counts: dict[int, Counter] = defaultdict(Counter)
    for pk, row in live.items():
        for period in periods:
            mine = period["plan_id"] == row["plan_id"] or (
                period["cycle_id"] == row["plan__priority__cycle_id"]
            )
            if not mine or period["start"] > row["end_date"] or period["end"] < row["start_date"]:
                continue
            late = handed_in.get((pk, period["pk"]))
            if late is not None:
                counts[pk]["late" if late else "on_time"] += 1
            elif period["deadline"] < today:
                counts[pk]["missing"] += 1
    return counts


def _funding(action_ids: set[int]) -> dict[int, dict[str, Decimal]]:
    rows = (
        FundingRequest.objects.filter(action_id__in=action_ids)
        .exclude(status__in=(FundingRequest.Status.DRAFT, FundingRequest.Status.WITHDRAWN))
        .values_list("action_id", "status", "requested", "granted", "spent")
    )
    by_action: dict[int, dict[str, Decimal]] = defaultdict(
        lambda: {"requested": ZERO, "granted": ZERO, "spent": ZERO}
    )
    for action_id, status, requested, granted, spent in rows:
        sums = by_action[action_id]
        sums["requested"] += requested or ZERO
        if status == FundingRequest.Status.GRANTED:
            sums["granted"] += granted or ZERO
            sums["spent"] += spent or ZERO
    return by_action


def _evidence_of(
    action_ids: set[int],
    actions: dict[int, dict],
    kpis: dict[int, list[dict]],
    results: dict[int, list[dict]],
    reports: dict[int, Counter],
    funding: dict[int, dict[str, Decimal]],
    today: datetime.date,
) -> dict[str, Any]:
    ordered = sorted(action_ids, key=lambda pk: (actions[pk]["plan__code"], actions[pk]["code"]))
    statuses = Counter(actions[pk]["status"] for pk in ordered)
    kpi_rows = []
    for pk in ordered:
        for kpi in kpis.get(pk, []):
            latest = kpi["latest_value"]
            kpi_rows.append(
                {
                    "kpi": kpi["pk"],
                    "action": actions[pk]["code"],
                    "plan": actions[pk]["plan__code"],
                    "name": kpi["name"],
                    "unit": kpi["unit"],
                    "target": _amount(kpi["target"]),
                    "latest": None if latest is None else _amount(latest),
                    "reached": kpi_reaches_target(kpi["direction"], latest, kpi["target"]),
                }
            )
    by_type: dict[str, dict[str, Any]] = {}
    for pk in ordered:
        for result in results.get(pk, []):
            row = by_type.setdefault(
                result["result_type__name"],
                {
                    "type": result["result_type__name"],
                    "unit": result["result_type__unit"],
                    "count": 0,
                    "quantity": ZERO,
                    "validated": ZERO,
                    "_order": (result["result_type__position"], result["result_type__name"]),
                },
            )
            row["count"] += 1
            row["quantity"] += result["quantity"]
            if result["validated_at"] is not None:
                row["validated"] += result["quantity"]
    result_rows = [
        {**{k: v for k, v in row.items() if k != "_order"}}
        | {"quantity": _amount(row["quantity"]), "validated": _amount(row["validated"])}
        for row in sorted(by_type.values(), key=lambda row: row["_order"])
    ]
    report_counts = Counter()
    for pk in ordered:
        report_counts.update(reports.get(pk, Counter()))
    money = {"requested": ZERO, "granted": ZERO, "spent": ZERO}
    for pk in ordered:
        for key, value in funding.get(pk, {}).items():
            money[key] += value
    return {
        "compiled_on": today.isoformat(),
        "actions": {
            "total": len(ordered),
            "by_status": {
                value: statuses.get(value, 0) for value in OperationalAction.Status.values
            },
        },
        "kpis": {
            "total": len(kpi_rows),
            "with_value": sum(1 for row in kpi_rows if row["latest"] is not None),
            "reaching_target": sum(1 for row in kpi_rows if row["reached"]),
            "values": kpi_rows,
        },
        "results": result_rows,
        "reports": {
            "due": sum(report_counts[k] for k in ("on_time", "late", "missing")),
            "on_time": report_counts["on_time"],
            "late": report_counts["late"],
            "missing": report_counts["missing"],
        },
        "funding": {key: _amount(value) for key, value in money.items()},
    }


def compile_evidence(
    items: Iterable[AssessmentItem], today: datetime.date | None = None
) -> dict[int, dict[str, Any]]:
    """The evidence of each item, by item id, as of ``today`` (default: today), in eight
    queries for any number of items."""
    items = list(items)
    if not items:
        return {}
    today = today or clock.today()
    covered, actions = _actions_of_items(items)
    action_ids = set(actions)
    kpis = _kpis(action_ids)
    results = _results(action_ids)
    reports = _reports(actions, today)
    funding = _funding(action_ids)
    return {
        item.pk: _evidence_of(covered[item.pk], actions, kpis, results, reports, funding, today)
        for item in items
    }


def evidence_for(
    items: Iterable[AssessmentItem], today: datetime.date | None = None, *, user=None
) -> dict:
    """The evidence to show for each item: stored for an adopted assessment (never compiled
    again), compiled live for an open one; for ``user``, without what ``withheld_from`` names."""
    items = list(items)
    live = [item for item in items if item.assessment.status != Assessment.Status.ADOPTED]
    compiled = compile_evidence(live, today) if live else {}
    shown = {item.pk: compiled.get(item.pk, item.evidence) for item in items}
    if user is None:
        return shown
    withheld = withheld_from(user)  # once for the page, not once per item
    return {pk: _without(evidence, withheld) for pk, evidence in shown.items()}


# The parts of the evidence that list the rows behind its counts, and the model whose every row
# a reader must be allowed to see to be shown them.
_DETAILED_PARTS = (("kpis", KpiValue), ("results", OperationalResult), ("funding", FundingRequest))


def withheld_from(user) -> tuple[str, ...]:
    """The parts of any evidence ``user`` is not shown. The counts (actions by status, KPIs
    reaching their target, reports on time, late and missing) are COSI's figures for every reader
    of the assessment; the rows behind them (each KPI's latest value, the results by type, which
    count unpublished results, and the funding) only for those who may see every KPI value,
    result and funding request (the secretariat, the delegations, Europol, the Commission)."""
    return tuple(
        part for part, model in _DETAILED_PARTS if visible_q(user, model, "view") is not EVERYTHING
    )


def _without(evidence: dict[str, Any], withheld: tuple[str, ...]) -> dict[str, Any]:
    """``evidence`` with the ``withheld`` parts emptied, and ``withheld`` naming them."""
    if not evidence or not withheld:
        return evidence
    shown = dict(evidence)
    if "kpis" in withheld:
        shown["kpis"] = {**evidence.get("kpis", {}), "values": []}
    if "results" in withheld:
        shown["results"] = []
    if "funding" in withheld:
        shown["funding"] = {}
    shown["withheld"] = list(withheld)
    return shown


def action_statuses(evidence: dict[str, Any]) -> list[tuple[Any, int]]:
    """The evidence's actions by status, with each status's label, in the statuses' order."""
    counts = (evidence.get("actions") or {}).get("by_status") or {}
    return [(label, counts.get(value, 0)) for value, label in OperationalAction.Status.choices]
