"""Writes and workflow steps on reporting periods and progress reports: the report save
keeps the narrative, KPI values and new results all or nothing.

Every function takes the acting user, runs in one transaction on a locked row, checks the actor's
right through the permission gate and the state, and records one Event under a dotted code. The
HTML views and the API call the same functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cycles.models import Cycle
from cycles.timetable import reporting_periods
from empact import clock, events
from empact.access import require_writable
from empact.services import (
    ConflictError,
    WorkflowError,
    assign_changed,
    check_version,
    object_create,
    object_delete,
    object_update,
    require,
    save_change,
)
from empact.workflow import transition
from oaps import workflows  # noqa: F401  (declares the steps run by transition)
from oaps.models import (
    KpiValue,
    LockException,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    ProgressReport,
    ReportingPeriod,
)
from oaps.services.operations import result_new

Report = ProgressReport


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
            require_unlocked(actor, action, period)
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
            if report.status == Report.Status.ACCEPTED:
                raise WorkflowError(_("This report was accepted; it is locked."))
            if report.status not in OPEN:
                raise WorkflowError(_("This report was submitted; it can no longer be edited."))
            require_unlocked(actor, action, period)
            code = "oaps.report.saved"
            changed = assign_changed(report, data)
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
                recorded.append(result_new(actor, {**row, "action": action}, event=False))
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
    """The action leader submits a complete report to the drivers; after the due date it is
    marked late (by how many days), after the lock date it needs a lock exception."""

    def check(locked: Report) -> None:
        require_unlocked(actor, locked.action, locked.period)
        _report_complete(locked)

    return transition(
        actor,
        report,
        "submit",
        check=check,
        submitted_by=actor,
        submitted_at=clock.now(),
        days_late=report.period.days_late(clock.today()),
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


# --- the lock date and its exceptions ----------------------------------------------------------


def active_exception(user, action: OperationalAction, period: ReportingPeriod):
    """The lock exception that lets ``user`` still write this report today, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        LockException.objects.filter(
            period=period, action=action, user=user, until__gte=clock.today()
        )
        .order_by("-until")
        .first()
    )


def require_unlocked(actor, action: OperationalAction, period: ReportingPeriod) -> None:
    """Refuse (WorkflowError: 409) a write of a report of a closed period without an exception."""
    if period.is_locked(clock.today()) and active_exception(actor, action, period) is None:
        raise WorkflowError(
            _(
                "The reporting period %(period)s closed on %(day)s: no report can be written or "
                "changed any more. A driver of the plan or the COSI secretariat can grant you a "
                "lock exception."
            )
            % {"period": period, "day": period.locks_on.isoformat()}
        )


def lock_exception_create(*, actor, data: Mapping[str, Any]) -> LockException:
    """A driver of the plan or the secretariat lets one person write one action's report of a
    closed period until a day, with the reason (recorded, as who granted it)."""
    if not str(data.get("reason", "")).strip():
        raise ValidationError({"reason": _("Say why the exception is granted.")})
    until = data.get("until")
    if until is not None and until < clock.today():
        raise ValidationError({"until": _("The exception must last until today or later.")})
    action, person = data.get("action"), data.get("user")
    if action is not None and person is not None:
        from oaps.selectors.lock_exceptions import report_writers

        if person not in report_writers(action, clock.today()):
            raise ValidationError(
                {
                    "user": _(
                        "Choose one of the action's leaders or co-leaders: they write its report."
                    )
                }
            )
    return object_create(
        actor=actor,
        model=LockException,
        data=data,
        code="oaps.lock_exception.added",
        granted_by=actor,
    )


def lock_exception_update(
    *, actor, lock_exception: LockException, data: Mapping[str, Any], version: str | None = None
) -> LockException:
    return object_update(
        actor=actor,
        obj=lock_exception,
        data=data,
        version=version,
        code="oaps.lock_exception.changed",
    )


def lock_exception_delete(*, actor, lock_exception: LockException) -> None:
    object_delete(actor=actor, obj=lock_exception, code="oaps.lock_exception.removed")


# --- reporting periods -------------------------------------------------------------------------


def period_defaults(data: Mapping[str, Any]) -> dict[str, Any]:
    """The due date defaults to 15 days after the period ends, the lock date to 30 days (and
    never before the due date)."""
    data = dict(data)
    end = data.get("end")
    if end is not None:
        if not data.get("deadline"):
            data["deadline"] = end + ReportingPeriod.DUE_AFTER
        if not data.get("lock_date"):
            data["lock_date"] = max(end + ReportingPeriod.LOCKED_AFTER, data["deadline"])
    return data


def reporting_period_create(*, actor, data: Mapping[str, Any]) -> ReportingPeriod:
    data = period_defaults(data)
    return object_create(
        actor=actor, model=ReportingPeriod, data=data, code="oaps.reporting_period.created"
    )


def reporting_periods_generate(
    *,
    actor,
    cycle: Cycle,
    plans: Sequence[OperationalActionPlan] | None = None,
    months: int = 6,
    days_to_report: int = 15,
) -> list[ReportingPeriod]:
    """The reporting periods of consecutive ``months`` months (six: the half-years), each due
    ``days_to_report`` days after it ends: for each of ``plans`` over its years, or, without
    plans, for the whole cycle over its four years. A period that already starts on the same day
    for the same plan (or the cycle) is kept as it is. One Event on the cycle lists the new
    periods."""
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        require(actor, "change", cycle)
        if plans:
            owners = [({"plan": plan}, plan.period_start, plan.period_end) for plan in plans]
        else:
            first = datetime.date(cycle.first_year, 1, 1)
            owners = [({"cycle": cycle}, first, datetime.date(cycle.last_year, 12, 31))]
        created = []
        for owner, first, last in owners:
            taken = set(ReportingPeriod.objects.filter(**owner).values_list("start", flat=True))
            for title, start, end, deadline in reporting_periods(
                first, last, months=months, days_to_report=days_to_report
            ):
                if start in taken:
                    continue
                period = ReportingPeriod(
                    **owner, title=title, start=start, end=end, deadline=deadline
                )
                save_change(period, actor=actor, code="oaps.reporting_period.created", event=False)
                require(actor, "add", period)
                created.append(period)
        if created:
            events.record(
                actor=actor,
                code="oaps.reporting_period.generated",
                obj=cycle,
                details={
                    "periods": [
                        f"{p.plan or cycle}: {p.title} (due {p.deadline:%Y-%m-%d})" for p in created
                    ]
                },
            )
    return created


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
