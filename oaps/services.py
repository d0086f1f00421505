"""Writes and workflow steps on plans, actions, KPIs, participations, reports and results.

Every function takes the acting user, runs in one transaction on a locked row, checks the actor's
right through the permission gate and the state, and records history under a dotted event code.
The HTML views and the API call the same functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from empact import clock, events
from empact.access import require_writable
from empact.access.fields import may_write_some_field
from empact.services import (
    ConflictError,
    WorkflowError,
    check_version,
    delete_change,
    object_create,
    object_delete,
    object_update,
    require,
    save_change,
    split_many,
)
from empact.workflow import transition
from oaps import workflows  # noqa: F401  (declares the steps run by transition)
from oaps.models import (
    Assessment,
    AssessmentItem,
    JointActionDay,
    Kpi,
    KpiValue,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanGoal,
    ProgressReport,
    ReportingPeriod,
    ResultType,
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


def plan_submit(*, actor, plan: Plan) -> Plan:
    """The driver submits the plan to COSI; it becomes read-only."""
    require(actor, "submit", plan)  # first: whoever may not submit learns nothing of the plan
    if not plan.actions.exclude(status=OperationalAction.Status.CANCELLED).exists():
        raise WorkflowError(_("Add at least one operational action before submitting the plan."))
    return transition(actor, plan, "submit", decision_comment="")


def plan_approve(*, actor, plan: Plan, comment: str = "") -> Plan:
    """The COSI secretariat records COSI's approval."""
    return transition(actor, plan, "approve", decision_comment=comment, comment=comment)


def plan_return(*, actor, plan: Plan, comment: str) -> Plan:
    """The COSI secretariat returns the plan to the drivers for changes."""
    if not comment.strip():
        raise WorkflowError(_("Say what needs to change when returning a plan."))
    return transition(actor, plan, "return", decision_comment=comment, comment=comment)


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
    return transition(actor, action, "cancel")


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


class ResultsInvalid(ValidationError):
    """Some of the new results of a report save were refused: nothing was saved. ``rows`` maps
    the index of each refused row to its error (a ``ValidationError`` or ``PermissionDenied``)."""

    def __init__(self, rows: dict[int, Exception]) -> None:
        self.rows = rows
        messages: dict[str, list[str]] = {}
        for index, error in rows.items():
            if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    field = "non_field_errors" if name == NON_FIELD_ERRORS else name
                    messages[f"results.{index}.{field}"] = errors
            else:
                text = getattr(error, "messages", None) or [str(error)]
                messages[f"results.{index}.non_field_errors"] = list(text)
        super().__init__(messages)


def _last_saved_by(report: Report, actor) -> bool:
    """Whether the report's newest version is the actor's own save (their autosave, another
    tab): overwriting it with their latest input is no conflict."""
    from empact.models import Event

    last = (
        Event.objects.filter(
            content_type=ContentType.objects.get_for_model(Report), object_id=report.pk
        )
        .order_by("-at", "-pk")
        .values_list("actor_id", flat=True)
        .first()
    )
    return last is not None and last == actor.pk


def progress_report_save(
    *,
    actor,
    action: OperationalAction,
    period: ReportingPeriod,
    data: Mapping[str, Any],
    kpi_values: Mapping[int, tuple[Any, str]] | None = None,
    results: Sequence[Mapping[str, Any]] = (),
    version: str | None = None,
) -> Report:
    """Save a draft report (creating it on first save) with its KPI values and new results of
    the action: all or nothing, and one Event (``oaps.report.drafted`` the first time, then
    ``oaps.report.saved``) whose payload holds every change. Incomplete drafts are fine.

    ``version`` is the report's version as the user loaded it: a newer one saved by somebody
    else is a ``ConflictError``; a newer one the actor saved themselves is not. A refused
    result raises ``ResultsInvalid`` (rows by index) and saves nothing.
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(action=action, period=period).first()
        if report is None:
            require_writable(actor, Report, data)
            report = Report(action=action, period=period, **data)
            code = "oaps.report.drafted"
            changes = events.changes_of(report)
            save_change(report, actor=actor, code=code, event=False)
            require(actor, "add", report)
        else:
            require(actor, "change", report)
            require_writable(actor, Report, data, report)
            try:
                check_version(report, version, data)
            except ConflictError:
                if not _last_saved_by(report, actor):
                    raise
            if report.status not in OPEN:
                raise WorkflowError(_("This report was submitted; it can no longer be edited."))
            code = "oaps.report.saved"
            changed = _assign(report, data)
            changes = events.changes_of(report, changed)
            save_change(report, actor=actor, code=code, fields=changed, event=False)
        details: dict[str, Any] = {}
        if kpi_values:
            stored = {v.kpi_id: v for v in report.kpi_values.all()}
            kpi_changes = {}
            for kpi_id, (value, comment) in kpi_values.items():
                change = _kpi_value_save(actor, report, kpi_id, value, comment, stored.get(kpi_id))
                if change:
                    kpi_changes[str(kpi_id)] = change
            if kpi_changes:
                details["kpi_values"] = kpi_changes
        if results:
            details["results"] = [r.pk for r in _results_record(actor, action, results)]
        events.record(actor=actor, code=code, obj=report, changes=changes, details=details)
    return report


def _results_record(
    actor, action: OperationalAction, rows: Sequence[Mapping[str, Any]]
) -> list[OperationalResult]:
    """Record the report's new results (parts of the report's change: no Event of their own);
    every refused row is reported, then the whole save rolls back."""
    recorded, refused = [], {}
    for index, row in enumerate(rows):
        try:
            with transaction.atomic():
                recorded.append(_result_new(actor, {**row, "action": action}, event=False))
        except (ValidationError, PermissionDenied) as exc:
            refused[index] = exc
    if refused:
        raise ResultsInvalid(refused)
    return recorded


def _kpi_value_save(
    actor, report: Report, kpi_id: int, value, comment: str, existing: KpiValue | None
) -> list | None:
    """Write one KPI value of the report (its Event is the report's); the change, if any."""
    before = [str(existing.value), existing.comment] if existing else None
    if value is None:
        if existing:
            existing._history_user = actor
            existing._change_reason = "oaps.kpi_value.removed"
            existing.delete()
            return [before, None]
        return None
    if existing is None:
        save_change(
            KpiValue(report=report, kpi_id=kpi_id, value=value, comment=comment),
            actor=actor,
            code="oaps.kpi_value.recorded",
            event=False,
        )
    elif (existing.value, existing.comment) != (value, comment):
        existing.value, existing.comment = value, comment
        save_change(
            existing,
            actor=actor,
            code="oaps.kpi_value.changed",
            fields=["value", "comment"],
            event=False,
        )
    else:
        return None
    return [before, [str(value), comment]]


def _report_complete(report: Report) -> None:
    missing = []
    if not report.narrative.strip():
        missing.append(_("the progress narrative"))
    if report.completion_estimate is None:
        missing.append(_("the completion estimate"))
    if report.action.kpis.exclude(values__report=report).exists():
        missing.append(_("a value for every KPI"))
    if missing:
        raise WorkflowError(
            _("The report is not complete yet: add %(missing)s. Your draft is saved.")
            % {"missing": ", ".join(str(m) for m in missing)}
        )


def progress_report_submit(*, actor, report: Report) -> Report:
    """The action leader submits a complete report to the drivers."""
    return transition(
        actor,
        report,
        "submit",
        check=_report_complete,
        submitted_by=actor,
        submitted_at=clock.now(),
    )


def _review(actor, report: Report, step: str, comment: str) -> Report:
    return transition(
        actor,
        report,
        step,
        reviewed_by=actor,
        reviewed_at=clock.now(),
        review_comment=comment,
        comment=comment,
    )


def progress_report_accept(*, actor, report: Report, comment: str = "") -> Report:
    return _review(actor, report, "accept", comment)


def progress_report_return(*, actor, report: Report, comment: str) -> Report:
    if not comment.strip():
        raise WorkflowError(_("Say what needs to change when returning a report."))
    return _review(actor, report, "return", comment)


# --- results -----------------------------------------------------------------------------------


def _result_new(actor, data: Mapping[str, Any], *, event: bool) -> OperationalResult:
    require_writable(actor, OperationalResult, data)
    result = OperationalResult(reported_by=actor, **data)
    save_change(result, actor=actor, code="oaps.result.recorded", event=event)
    require(actor, "add", result)
    return result


def result_record(*, actor, data: Mapping[str, Any]) -> OperationalResult:
    with transaction.atomic():
        return _result_new(actor, data, event=True)


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
    return transition(actor, assessment, "adopt", adopted_on=adopted_on or clock.today())


# --- plans -------------------------------------------------------------------------------------


def plan_create(*, actor, data: Mapping[str, Any]) -> Plan:
    return object_create(actor=actor, model=Plan, data=data, code="oaps.plan.created")


def plan_delete(*, actor, plan: Plan) -> None:
    object_delete(actor=actor, obj=plan, code="oaps.plan.deleted")


# --- participations ----------------------------------------------------------------------------


def participation_update(
    *, actor, participation: Participation, data: Mapping[str, Any], version: str | None = None
) -> Participation:
    return object_update(
        actor=actor,
        obj=participation,
        data=data,
        version=version,
        code="oaps.participation.changed",
    )


# --- reporting periods -------------------------------------------------------------------------


def reporting_period_create(*, actor, data: Mapping[str, Any]) -> ReportingPeriod:
    return object_create(
        actor=actor, model=ReportingPeriod, data=data, code="oaps.reporting_period.created"
    )


def reporting_period_update(
    *, actor, reporting_period: ReportingPeriod, data: Mapping[str, Any], version: str | None = None
) -> ReportingPeriod:
    return object_update(
        actor=actor,
        obj=reporting_period,
        data=data,
        version=version,
        code="oaps.reporting_period.changed",
    )


def reporting_period_delete(*, actor, reporting_period: ReportingPeriod) -> None:
    object_delete(actor=actor, obj=reporting_period, code="oaps.reporting_period.deleted")


# --- progress reports --------------------------------------------------------------------------


def progress_report_delete(*, actor, progress_report: Report) -> None:
    object_delete(actor=actor, obj=progress_report, code="oaps.report.deleted")


# --- joint action days -------------------------------------------------------------------------


def joint_action_day_create(*, actor, data: Mapping[str, Any]) -> JointActionDay:
    return object_create(
        actor=actor, model=JointActionDay, data=data, code="oaps.joint_action_day.created"
    )


def joint_action_day_update(
    *, actor, joint_action_day: JointActionDay, data: Mapping[str, Any], version: str | None = None
) -> JointActionDay:
    return object_update(
        actor=actor,
        obj=joint_action_day,
        data=data,
        version=version,
        code="oaps.joint_action_day.changed",
    )


def joint_action_day_delete(*, actor, joint_action_day: JointActionDay) -> None:
    object_delete(actor=actor, obj=joint_action_day, code="oaps.joint_action_day.deleted")


# --- result types ------------------------------------------------------------------------------


def result_type_create(*, actor, data: Mapping[str, Any]) -> ResultType:
    return object_create(actor=actor, model=ResultType, data=data, code="oaps.result_type.created")


def result_type_update(
    *, actor, result_type: ResultType, data: Mapping[str, Any], version: str | None = None
) -> ResultType:
    return object_update(
        actor=actor, obj=result_type, data=data, version=version, code="oaps.result_type.changed"
    )


def result_type_delete(*, actor, result_type: ResultType) -> None:
    object_delete(actor=actor, obj=result_type, code="oaps.result_type.deleted")


# --- results -----------------------------------------------------------------------------------


def result_update(
    *, actor, result: OperationalResult, data: Mapping[str, Any], version: str | None = None
) -> OperationalResult:
    return object_update(
        actor=actor, obj=result, data=data, version=version, code="oaps.result.changed"
    )


def result_delete(*, actor, result: OperationalResult) -> None:
    object_delete(actor=actor, obj=result, code="oaps.result.deleted")


# --- assessments -------------------------------------------------------------------------------


def assessment_create(*, actor, data: Mapping[str, Any]) -> Assessment:
    return object_create(actor=actor, model=Assessment, data=data, code="oaps.assessment.created")


def assessment_update(
    *, actor, assessment: Assessment, data: Mapping[str, Any], version: str | None = None
) -> Assessment:
    return object_update(
        actor=actor, obj=assessment, data=data, version=version, code="oaps.assessment.changed"
    )


def assessment_delete(*, actor, assessment: Assessment) -> None:
    object_delete(actor=actor, obj=assessment, code="oaps.assessment.deleted")


# --- assessment items --------------------------------------------------------------------------


def assessment_item_create(*, actor, data: Mapping[str, Any]) -> AssessmentItem:
    return object_create(
        actor=actor, model=AssessmentItem, data=data, code="oaps.assessment_item.created"
    )


def assessment_item_update(
    *, actor, assessment_item: AssessmentItem, data: Mapping[str, Any], version: str | None = None
) -> AssessmentItem:
    return object_update(
        actor=actor,
        obj=assessment_item,
        data=data,
        version=version,
        code="oaps.assessment_item.changed",
    )


def assessment_item_delete(*, actor, assessment_item: AssessmentItem) -> None:
    object_delete(actor=actor, obj=assessment_item, code="oaps.assessment_item.deleted")
