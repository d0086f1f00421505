"""Approved versions of a plan, the draft of an open amendment, and their comparison.

A snapshot is plain JSON (``plan_snapshot``): what a reader sees of the plan (names, dates and
numbers as text) plus the ids that match an object across versions. It reads only fields and
related managers, so the data migration that writes the first version of plans approved before
versions existed can build it from the historical models.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from empact.access import can
from oaps.models import (
    AmendmentChange,
    Kpi,
    OperationalAction,
    OperationalActionPlan,
    PlanAmendment,
    PlanVersion,
)

Snapshot = dict[str, Any]

PLAN_FIELDS = ("code", "title", "first_year", "last_year", "driver", "co_drivers")
GOAL_FIELDS = ("number", "title", "description")
ACTION_FIELDS = (
    "code",
    "title",
    "description",
    "horizontal_goal",
    "plan_goals",
    "leader",
    "co_leaders",
    "start_date",
    "end_date",
    "methods",
    "expected_results",
    "is_joint_action_day",
    "participants",
)
KPI_FIELDS = ("name", "definition", "unit", "baseline", "target", "direction")
DRAFT = "draft"


# --- what a reader sees of a value -------------------------------------------------------------


def label_of(obj: Any) -> str:
    """A related object as text; works on the models and on a migration's historical models."""
    if obj is None:
        return ""
    name = type(obj).__name__
    if name == "Organisation":
        country = getattr(obj, "country", None)
        short = obj.acronym or obj.name
        return f"{short} ({country.code})" if country is not None else short
    if name == "HorizontalGoal":
        return f"CHSG {obj.number}: {obj.title}"
    if name == "PlanGoal":
        return f"G{obj.number}"
    if name == "Country":
        return obj.name
    return str(obj)


def shown(value: Any) -> Any:
    """A plain value as JSON a reader understands: dates ISO, decimals as text, lists sorted."""
    if value is None:
        return None
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, list | tuple | set):
        return sorted(shown(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return label_of(value)
    return str(value)


def _participant(p) -> str:
    who = p.organisation if p.organisation_id else p.country
    return f"{label_of(who)} ({p.role})"


def kpi_snapshot(kpi) -> dict[str, Any]:
    return {"id": kpi.pk, **{name: shown(getattr(kpi, name)) for name in KPI_FIELDS}}


def action_snapshot(action) -> dict[str, Any]:
    row: dict[str, Any] = {"id": action.pk}
    for name in ACTION_FIELDS:
        if name == "participants":
            row[name] = sorted(_participant(p) for p in action.participations.all())
        elif name in ("plan_goals", "co_leaders"):
            row[name] = sorted(label_of(o) for o in getattr(action, name).all())
        elif name in ("horizontal_goal", "leader"):
            row[name] = label_of(getattr(action, name))
        else:
            row[name] = shown(getattr(action, name))
    row["kpis"] = [kpi_snapshot(k) for k in action.kpis.all()]
    return row


def plan_snapshot(plan) -> Snapshot:
    """Everything COSI approves of a plan (not the actions' implementation status; cancelled
    actions are no longer part of the plan)."""
    head = {name: shown(getattr(plan, name)) for name in PLAN_FIELDS[:4]}
    head["driver"] = label_of(plan.driver)
    head["co_drivers"] = sorted(label_of(o) for o in plan.co_drivers.all())
    goals = [
        {"id": g.pk, **{name: shown(getattr(g, name)) for name in GOAL_FIELDS}}
        for g in plan.goals.order_by("number")
    ]
    actions = [
        action_snapshot(a)
        for a in plan.actions.exclude(status="cancelled")
        .order_by("position", "code")
        .select_related("horizontal_goal", "leader__country")
        .prefetch_related(
            "plan_goals",
            "co_leaders__country",
            "participations__organisation__country",
            "participations__country",
            "kpis",
        )
    ]
    return {"plan": head, "goals": goals, "actions": actions}


# --- reads for a user ----------------------------------------------------------------------------


def plan_versions(*, user, plan: OperationalActionPlan):
    """The plan's approved versions, newest first, without their (large) snapshots."""
    return (
        PlanVersion.objects.visible_to(user, "view")
        .filter(plan=plan)
        .select_related("approved_by", "amendment")
        .defer("snapshot")
        .order_by("-number")
    )


def version_in_force(plan: OperationalActionPlan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def open_amendment(plan: OperationalActionPlan) -> PlanAmendment | None:
    return plan.amendments.filter(status__in=PlanAmendment.OPEN_STATUSES).first()


def amendment_parts(user, plan: OperationalActionPlan) -> dict:
    """What the plan page shows of versions and amendments: the version in force, the open
    amendment (if the user may see it) and whether the user may open one."""
    open_one = open_amendment(plan)
    return {
        "version_in_force": plan.versions.order_by("-number").only("number", "plan").first(),
        "open_amendment": open_one if open_one and can(user, "view", open_one) else None,
        "can_amend": plan.status == OperationalActionPlan.Status.APPROVED
        and open_one is None
        and can(user, "amend", plan),
    }


def amendment_draft(amendment: PlanAmendment, base: Snapshot | None = None) -> Snapshot:
    """The plan as it would be if COSI approved the amendment: its changes laid over the
    version in force, without touching a live row."""
    if base is None:
        version = version_in_force(amendment.plan)
        base = version.snapshot if version else plan_snapshot(amendment.plan)
    draft: Snapshot = {
        "plan": dict(base["plan"]),
        "goals": [dict(g) for g in base["goals"]],
        "actions": [{**a, "kpis": [dict(k) for k in a["kpis"]]} for a in base["actions"]],
    }
    for change in amendment.changes.all():
        _lay_over(draft, change)
    return draft


def _rows(draft: Snapshot, change: AmendmentChange) -> list[dict]:
    if change.target_type == AmendmentChange.Target.PLAN_GOAL:
        return draft["goals"]
    if change.target_type == AmendmentChange.Target.ACTION:
        return draft["actions"]
    if change.target_type == AmendmentChange.Target.KPI:
        if change.kind == AmendmentChange.Kind.ADD:
            parent = next((a for a in draft["actions"] if a["id"] == change.parent_id), None)
            return parent["kpis"] if parent else []
        return [k for a in draft["actions"] for k in a["kpis"]]
    return []


def _lay_over(draft: Snapshot, change: AmendmentChange) -> None:
    if change.target_type == AmendmentChange.Target.PLAN:
        draft["plan"][change.field] = change.after
        return
    if change.kind == AmendmentChange.Kind.ADD:
        row = {"id": f"new-{change.pk}", **(change.after or {})}
        if change.target_type == AmendmentChange.Target.ACTION:
            row.setdefault("kpis", [])
        _rows(draft, change).append(row)
        return
    if change.target_type == AmendmentChange.Target.KPI:
        for action in draft["actions"]:
            for kpi in list(action["kpis"]):
                if kpi["id"] == change.target_id:
                    if change.kind == AmendmentChange.Kind.REMOVE:
                        action["kpis"].remove(kpi)
                    else:
                        kpi[change.field] = change.after
        return
    rows = _rows(draft, change)
    for row in list(rows):
        if row["id"] == change.target_id:
            if change.kind == AmendmentChange.Kind.REMOVE:
                rows.remove(row)
            else:
                row[change.field] = change.after


# --- the comparison ------------------------------------------------------------------------------


def as_text(value: Any) -> str:
    """A snapshot value as one line of text ("-" for nothing)."""
    if value in (None, "", []):
        return "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


@dataclass
class FieldDiff:
    field: str
    label: str
    before: Any
    after: Any
    reason: str = ""

    @property
    def before_text(self) -> str:
        return as_text(self.before)

    @property
    def after_text(self) -> str:
        return as_text(self.after)


@dataclass
class ObjectDiff:
    change: str  # added, removed, changed
    id: Any
    label: str
    fields: list[FieldDiff] = field(default_factory=list)
    reason: str = ""
    kpis: list[ObjectDiff] = field(default_factory=list)


@dataclass
class Comparison:
    plan: OperationalActionPlan
    a_label: str
    b_label: str
    plan_fields: list[FieldDiff]
    goals: list[ObjectDiff]
    actions: list[ObjectDiff]

    @property
    def is_empty(self) -> bool:
        return not (self.plan_fields or self.goals or self.actions)


def _field_label(model, name: str) -> str:
    if name == "participants":
        return str(_("participants"))
    return str(model._meta.get_field(name).verbose_name)


Reasons = Mapping[tuple[str, Any, str], str]


def _fields(model, target: str, key: Any, a: dict, b: dict, names, reasons: Reasons):
    return [
        FieldDiff(n, _field_label(model, n), a.get(n), b.get(n), reasons.get((target, key, n), ""))
        for n in names
        if a.get(n) != b.get(n)
    ]


def _objects(model, target, a_rows, b_rows, names, reasons, label, nested=None):
    a_by_id = {row["id"]: row for row in a_rows}
    b_by_id = {row["id"]: row for row in b_rows}
    diffs = []
    for row in a_rows:
        if row["id"] not in b_by_id:
            diffs.append(
                ObjectDiff(
                    "removed",
                    row["id"],
                    label(row),
                    reason=reasons.get((target, row["id"], ""), ""),
                )
            )
    for row in b_rows:
        old = a_by_id.get(row["id"])
        if old is None:
            diffs.append(
                ObjectDiff(
                    "added", row["id"], label(row), reason=reasons.get((target, row["id"], ""), "")
                )
            )
            continue
        changed = _fields(model, target, row["id"], old, row, names, reasons)
        inner = nested(old, row) if nested else []
        if changed or inner:
            diffs.append(ObjectDiff("changed", row["id"], label(row), changed, kpis=inner))
    return diffs


def compare_snapshots(
    plan: OperationalActionPlan,
    a: Snapshot,
    b: Snapshot,
    *,
    a_label: str,
    b_label: str,
    reasons: Reasons | None = None,
) -> Comparison:
    reasons = reasons or {}

    def kpis(old, new):
        return _objects(
            Kpi,
            "kpi",
            old.get("kpis", []),
            new.get("kpis", []),
            KPI_FIELDS,
            reasons,
            lambda r: r.get("name", ""),
        )

    return Comparison(
        plan=plan,
        a_label=a_label,
        b_label=b_label,
        plan_fields=_fields(
            OperationalActionPlan, "plan", plan.pk, a["plan"], b["plan"], PLAN_FIELDS, reasons
        ),
        goals=_objects(
            plan.goals.model,
            "plan_goal",
            a["goals"],
            b["goals"],
            GOAL_FIELDS,
            reasons,
            lambda r: f"G{r.get('number')}: {r.get('title', '')}",
        ),
        actions=_objects(
            OperationalAction,
            "action",
            a["actions"],
            b["actions"],
            ACTION_FIELDS,
            reasons,
            lambda r: f"{r.get('code', '')} {r.get('title', '')}".strip(),
            nested=kpis,
        ),
    )


def reasons_of(changes: Iterable[AmendmentChange], *, draft: bool = False) -> dict:
    """Each change's reason by (object type, object id, field): "" for an added or removed
    object. ``draft``: an object the amendment adds has no id yet, only its change's key."""
    reasons: dict[tuple[str, Any, str], list[str]] = {}
    for change in changes:
        if not change.reason:
            continue
        key: Any = change.target_id
        if change.kind == AmendmentChange.Kind.ADD and (draft or key is None):
            key = f"new-{change.pk}"
        if change.target_type == AmendmentChange.Target.PLAN:
            key = change.amendment.plan_id
        reasons.setdefault((change.target_type, key, change.field), []).append(change.reason)
    return {key: "; ".join(values) for key, values in reasons.items()}


class UnknownVersion(LookupError):
    """A version number the plan does not have (HTTP 400, or a message in the page)."""


def plan_comparison(*, user, plan: OperationalActionPlan, a: str, b: str) -> Comparison:
    """Two versions of a plan side by side: ``a`` and ``b`` are version numbers, or ``draft``,
    the open amendment's draft laid over the version in force. ``user`` must see the plan (and,
    for the draft, its amendment)."""
    visible = PlanVersion.objects.visible_to(user, "view").filter(plan=plan)
    wanted = {int(t) for t in (a, b) if t != DRAFT and str(t).isdigit()}
    versions = {v.number: v for v in visible.filter(number__in=wanted)}
    amendment = None

    def resolve(token: str) -> tuple[Snapshot, str, int | None]:
        nonlocal amendment
        if token == DRAFT:
            amendment = (
                PlanAmendment.objects.visible_to(user, "view")
                .filter(plan=plan, status__in=PlanAmendment.OPEN_STATUSES)
                .first()
            )
            if amendment is None:
                raise UnknownVersion(_("This plan has no open amendment."))
            latest = visible.order_by("-number").first()
            base = latest.snapshot if latest else None
            return (
                amendment_draft(amendment, base),
                _("Amendment %(n)s (draft)") % {"n": amendment.number},
                None,
            )
        try:
            version = versions[int(token)]
        except (KeyError, TypeError, ValueError):
            raise UnknownVersion(_("This plan has no version %(v)s.") % {"v": token}) from None
        return version.snapshot, _("Version %(n)s") % {"n": version.number}, version.number

    a_snap, a_label, a_number = resolve(a)
    b_snap, b_label, b_number = resolve(b)
    if amendment is not None:
        changes = amendment.changes.select_related("amendment")
        reasons = reasons_of(changes, draft=True)
    else:
        low, high = sorted((a_number or 0, b_number or 0))
        changes = AmendmentChange.objects.filter(
            amendment__version__plan=plan,
            amendment__version__number__gt=low,
            amendment__version__number__lte=high,
        ).select_related("amendment")
        reasons = reasons_of(changes)
    return compare_snapshots(
        plan, a_snap, b_snap, a_label=a_label, b_label=b_label, reasons=reasons
    )
