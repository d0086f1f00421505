"""Writes and workflow steps on plans, actions, KPIs, participations, reports and results.

Every function takes the acting user, runs in one transaction on a locked row, checks the actor's
right through the permission gate and the state, and records history under a dotted event code.
The HTML views and the API call the same functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from empact import clock, events
from empact.access import require_writable
from empact.access.fields import may_write_some_field
from empact.services import (
    WorkflowError,
    check_version,
    delete_change,
    require,
    save_change,
    split_many,
)
from oaps.models import (
    Assessment,
    Kpi,
    KpiValue,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanGoal,
    ProgressReport,
    ReportingPeriod,
)

Plan = OperationalActionPlan
Report = ProgressReport


def _assign(obj, data: Mapping[str, Any]) -> list[str]:
    """Set plain fields from ``data``; returns the names of fields whose value changed."""
    changed = []
    for name, value in data.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


# --- plans -------------------------------------------------------------------------------------


def plan_update(*, actor, plan: Plan, data: Mapping[str, Any], version: str | None) -> Plan:
    """Edit a plan's definition (only while it is a draft or returned)."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        # each field needs its own right: the setup fields are the secretariat's
        require_writable(actor, Plan, data, plan)
        if not data and not may_write_some_field(actor, plan):
            raise PermissionDenied(_("You are not allowed to change this."))
        plain, m2m = split_many(Plan, data)
        check_version(plan, version, plain)
        changed = _assign(plan, plain)
        save_change(plan, actor=actor, code="oaps.plan.changed", fields=changed, many=m2m)
    return plan


def _plan_step(
    actor, plan: Plan, step: str, allowed_from: tuple, to: str, code: str, comment: str = ""
) -> Plan:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        require(actor, step, plan)
        if plan.status not in allowed_from:
            raise WorkflowError(
                _("The plan is %(status)s; this step is possible only when it is %(allowed)s.")
                % {
                    "status": plan.get_status_display().lower(),
                    "allowed": _(" or ").join(
                        str(Plan.Status(s).label).lower() for s in allowed_from
                    ),
                }
            )
        plan.status = to
        plan.decision_comment = comment
        save_change(plan, actor=actor, code=code, fields=["status", "decision_comment"])
    return plan


def plan_submit(*, actor, plan: Plan) -> Plan:
    """The driver submits the plan to COSI; it becomes read-only."""
    require(actor, "submit", plan)  # first: whoever may not submit learns nothing of the plan
    if not plan.actions.exclude(status=OperationalAction.Status.CANCELLED).exists():
        raise WorkflowError(_("Add at least one operational action before submitting the plan."))
    return _plan_step(
        actor, plan, "submit", Plan.EDITABLE_STATUSES, Plan.Status.SUBMITTED, "oaps.plan.submitted"
    )


def plan_approve(*, actor, plan: Plan, comment: str = "") -> Plan:
    """The COSI secretariat records COSI's approval."""
    return _plan_step(
        actor,
        plan,
        "approve",
        (Plan.Status.SUBMITTED,),
        Plan.Status.APPROVED,
        "oaps.plan.approved",
        comment,
    )


def plan_return(*, actor, plan: Plan, comment: str) -> Plan:
    """The COSI secretariat returns the plan to the drivers for changes."""
    if not comment.strip():
        raise WorkflowError(_("Say what needs to change when returning a plan."))
    return _plan_step(
        actor,
        plan,
        "return",
        (Plan.Status.SUBMITTED,),
        Plan.Status.RETURNED,
        "oaps.plan.returned",
        comment,
    )


# --- plan goals ---------------------------------------------------------------------------------


def plan_goal_save(
    *, actor, plan: Plan, goal: PlanGoal | None, data: Mapping[str, Any], version: str | None
) -> PlanGoal:
    with transaction.atomic():
        if goal is None:
            require_writable(actor, PlanGoal, data)
            goal = PlanGoal(plan=plan, **data)
            save_change(goal, actor=actor, code="oaps.plan_goal.created")
            require(actor, "add", goal)
            return goal
        goal = PlanGoal.objects.select_for_update().get(pk=goal.pk)
        require(actor, "change", goal)
        require_writable(actor, PlanGoal, data, goal)
        check_version(goal, version, data)
        changed = _assign(goal, data)
        return save_change(goal, actor=actor, code="oaps.plan_goal.changed", fields=changed)


def plan_goal_delete(*, actor, goal: PlanGoal) -> None:
    with transaction.atomic():
        goal = PlanGoal.objects.select_for_update().get(pk=goal.pk)
        require(actor, "delete", goal)
        delete_change(goal, actor=actor, code="oaps.plan_goal.deleted")


# --- actions -----------------------------------------------------------------------------------


def action_create(*, actor, plan: Plan, data: Mapping[str, Any]) -> OperationalAction:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        require_writable(actor, OperationalAction, data)
        plain, m2m = split_many(OperationalAction, data)
        action = OperationalAction(plan=plan, **plain)
        if not action.position:
            action.position = plan.actions.count() + 1
        save_change(action, actor=actor, code="oaps.action.created", many=m2m)
        require(actor, "add", action)
    return action


def action_update(
    *, actor, action: OperationalAction, data: Mapping[str, Any], version: str | None
) -> OperationalAction:
    with transaction.atomic():
        action = OperationalAction.objects.select_for_update().get(pk=action.pk)
        require(actor, "change", action)
        require_writable(actor, OperationalAction, data, action)
        plain, m2m = split_many(OperationalAction, data)
        check_version(action, version, plain)
        changed = _assign(action, plain)
        save_change(action, actor=actor, code="oaps.action.changed", fields=changed, many=m2m)
    return action


def action_cancel(*, actor, action: OperationalAction) -> OperationalAction:
    """Cancel an action of a plan in preparation (its history and reports are kept)."""
    with transaction.atomic():
        action = OperationalAction.objects.select_for_update().get(pk=action.pk)
        require(actor, "delete", action)
        action.status = OperationalAction.Status.CANCELLED
        save_change(action, actor=actor, code="oaps.action.cancelled", fields=["status"])
    return action


def actions_reorder(*, actor, plan: Plan, order: list[int]) -> None:
    """Put the plan's actions in the given order of ids."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        require(actor, "change", plan)
        actions = {a.pk: a for a in plan.actions.all()}
        if set(order) != set(actions):
            raise WorkflowError(_("The new order must list every action of the plan once."))
        moved = {}
        for position, pk in enumerate(order, start=1):
            if actions[pk].position != position:
                moved[actions[pk].code] = [actions[pk].position, position]
                actions[pk].position = position
                save_change(
                    actions[pk],
                    actor=actor,
                    code="oaps.plan.reordered",
                    fields=["position"],
                    clean=False,
                    event=False,
                )
        if moved:  # one change of the plan, one Event: each action's position before and after
            events.record(
                actor=actor, code="oaps.plan.reordered", obj=plan, details={"positions": moved}
            )


# --- KPIs and participations -------------------------------------------------------------------


def kpi_save(
    *,
    actor,
    action: OperationalAction,
    kpi: Kpi | None,
    data: Mapping[str, Any],
    version: str | None = None,
) -> Kpi:
    with transaction.atomic():
        if kpi is None:
            require_writable(actor, Kpi, data)
            kpi = Kpi(action=action, **data)
            save_change(kpi, actor=actor, code="oaps.kpi.created")
            require(actor, "add", kpi)
            return kpi
        kpi = Kpi.objects.select_for_update().get(pk=kpi.pk)
        require(actor, "change", kpi)
        require_writable(actor, Kpi, data, kpi)
        check_version(kpi, version, data)
        changed = _assign(kpi, data)
        return save_change(kpi, actor=actor, code="oaps.kpi.changed", fields=changed)


def kpi_delete(*, actor, kpi: Kpi) -> None:
    with transaction.atomic():
        kpi = Kpi.objects.select_for_update().get(pk=kpi.pk)
        require(actor, "delete", kpi)
        delete_change(kpi, actor=actor, code="oaps.kpi.deleted")


def participation_add(
    *, actor, action: OperationalAction, data: Mapping[str, Any]
) -> Participation:
    require_writable(actor, Participation, data)
    with transaction.atomic():
        participation = Participation(action=action, **data)
        save_change(participation, actor=actor, code="oaps.participation.added")
        require(actor, "add", participation)
    return participation


def participations_remove(*, actor, participations) -> None:
    """Remove participants from an action (its definition must be editable)."""
    with transaction.atomic():
        for participation in participations:
            participation = Participation.objects.select_for_update().get(pk=participation.pk)
            require(actor, "delete", participation)
            delete_change(participation, actor=actor, code="oaps.participation.removed")


def participation_decide(*, actor, participation: Participation, confirm: bool) -> Participation:
    """The NEC of the participant's country confirms or declines the participation."""
    with transaction.atomic():
        participation = Participation.objects.select_for_update().get(pk=participation.pk)
        require(actor, "confirm", participation)
        participation.confirmation = (
            Participation.Confirmation.CONFIRMED if confirm else Participation.Confirmation.DECLINED
        )
        participation.confirmed_by = actor
        participation.confirmed_at = clock.now()
        code = "oaps.participation.confirmed" if confirm else "oaps.participation.declined"
        save_change(
            participation,
            actor=actor,
            code=code,
            fields=["confirmation", "confirmed_by", "confirmed_at"],
        )
    return participation


# --- progress reports --------------------------------------------------------------------------

OPEN = (Report.Status.DRAFT, Report.Status.RETURNED)


def progress_report_save(
    *,
    actor,
    action: OperationalAction,
    period: ReportingPeriod,
    data: Mapping[str, Any],
    kpi_values: Mapping[int, tuple[Any, str]] | None = None,
    version: str | None = None,
) -> Report:
    """Save a draft report (creating it on first save). Incomplete drafts are fine."""
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(action=action, period=period).first()
        if report is None:
            require_writable(actor, Report, data)
            report = Report(action=action, period=period, **data)
            save_change(report, actor=actor, code="oaps.report.drafted")
            require(actor, "add", report)
        else:
            require(actor, "change", report)
            require_writable(actor, Report, data, report)
            check_version(report, version, data)
            if report.status not in OPEN:
                raise WorkflowError(_("This report was submitted; it can no longer be edited."))
            changed = _assign(report, data)
            save_change(report, actor=actor, code="oaps.report.saved", fields=changed)
        if kpi_values:
            stored = {v.kpi_id: v for v in report.kpi_values.all()}
            for kpi_id, (value, comment) in kpi_values.items():
                _kpi_value_save(actor, report, kpi_id, value, comment, stored.get(kpi_id))
    return report


def _kpi_value_save(
    actor, report: Report, kpi_id: int, value, comment: str, existing: KpiValue | None
) -> None:
    if value is None:
        if existing:
            existing._history_user = actor
            existing._change_reason = "oaps.kpi_value.removed"
            existing.delete()
        return
    if existing is None:
        save_change(
            KpiValue(report=report, kpi_id=kpi_id, value=value, comment=comment),
            actor=actor,
            code="oaps.kpi_value.recorded",
        )
    elif (existing.value, existing.comment) != (value, comment):
        existing.value, existing.comment = value, comment
        save_change(
            existing, actor=actor, code="oaps.kpi_value.changed", fields=["value", "comment"]
        )


def progress_report_submit(*, actor, report: Report) -> Report:
    """The action leader submits a complete report to the drivers."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        require(actor, "submit", report)
        if report.status not in OPEN:
            raise WorkflowError(_("This report was already submitted."))
        missing = []
        if not report.narrative.strip():
            missing.append(_("the progress narrative"))
        if report.completion_estimate is None:
            missing.append(_("the completion estimate"))
        kpis_without_value = report.action.kpis.exclude(values__report=report).count()
        if kpis_without_value:
            missing.append(_("a value for every KPI"))
        if missing:
            raise WorkflowError(
                _("The report is not complete yet: add %(missing)s. Your draft is saved.")
                % {"missing": ", ".join(str(m) for m in missing)}
            )
        report.status = Report.Status.SUBMITTED
        report.submitted_by = actor
        report.submitted_at = clock.now()
        save_change(
            report,
            actor=actor,
            code="oaps.report.submitted",
            fields=["status", "submitted_by", "submitted_at"],
        )
    return report


def _review(actor, report: Report, step: str, to: str, comment: str, code: str) -> Report:
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        require(actor, step, report)
        if report.status != Report.Status.SUBMITTED:
            raise WorkflowError(_("Only a submitted report can be accepted or returned."))
        report.status = to
        report.reviewed_by = actor
        report.reviewed_at = clock.now()
        report.review_comment = comment
        save_change(
            report,
            actor=actor,
            code=code,
            fields=["status", "reviewed_by", "reviewed_at", "review_comment"],
        )
    return report


def progress_report_accept(*, actor, report: Report, comment: str = "") -> Report:
    return _review(actor, report, "accept", Report.Status.ACCEPTED, comment, "oaps.report.accepted")


def progress_report_return(*, actor, report: Report, comment: str) -> Report:
    if not comment.strip():
        raise WorkflowError(_("Say what needs to change when returning a report."))
    return _review(actor, report, "return", Report.Status.RETURNED, comment, "oaps.report.returned")


# --- results -----------------------------------------------------------------------------------


def result_record(*, actor, data: Mapping[str, Any]) -> OperationalResult:
    require_writable(actor, OperationalResult, data)
    with transaction.atomic():
        result = OperationalResult(reported_by=actor, **data)
        save_change(result, actor=actor, code="oaps.result.recorded")
        require(actor, "add", result)
    return result


def result_validate(*, actor, result: OperationalResult) -> OperationalResult:
    with transaction.atomic():
        result = OperationalResult.objects.select_for_update().get(pk=result.pk)
        require(actor, "validate", result)
        if result.validated_at:
            raise WorkflowError(_("This result was already validated."))
        result.validated_at = clock.now()
        save_change(result, actor=actor, code="oaps.result.validated", fields=["validated_at"])
    return result


def result_publish(*, actor, result: OperationalResult) -> OperationalResult:
    with transaction.atomic():
        result = OperationalResult.objects.select_for_update().get(pk=result.pk)
        require(actor, "publish", result)
        if not result.validated_at:
            raise WorkflowError(_("Only results validated by Europol can be published."))
        result.is_published = True
        save_change(result, actor=actor, code="oaps.result.published", fields=["is_published"])
    return result


# --- assessments -------------------------------------------------------------------------------


def assessment_adopt(
    *, actor, assessment: Assessment, adopted_on: datetime.date | None = None
) -> Assessment:
    """The COSI secretariat records COSI's adoption of the assessment (on a date, default today).
    An adopted assessment is not adopted again."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        require(actor, "adopt", assessment)
        if assessment.status == Assessment.Status.ADOPTED:
            raise WorkflowError(_("This assessment was already adopted."))
        assessment.status = Assessment.Status.ADOPTED
        assessment.adopted_on = adopted_on or clock.today()
        save_change(
            assessment,
            actor=actor,
            code="oaps.assessment.adopted",
            fields=["status", "adopted_on"],
        )
    return assessment
