"""Progress report pages: start or continue the report of an action for a period, edit a draft,
review a submitted report. Thin: parse the forms, call ``oaps.services``, render.

A draft is never lost: the page autosaves it with htmx every ``AUTOSAVE_SECONDS`` (only the
report and its KPI values; results are recorded when the user saves), a plain "Save draft"
keeps every valid entry even when others fail validation, and a conflict with somebody else's
save shows both versions and keeps the user's input for merging.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from actors.models import Country
from empact import clock
from empact.access import can
from empact.access.unsaved import can_unsaved
from empact.services import ConflictError, WorkflowError, version_of
from empact.views import require_can
from oaps import page_parts, services
from oaps.models import (
    Kpi,
    KpiValue,
    OperationalAction,
    OperationalResult,
    ProgressReport,
    ReportingPeriod,
    ResultType,
)
from oaps.report_forms import (
    MAX_RESULT_ROWS,
    REPORT_FIELDS,
    KpiValueForm,
    ProgressReportForm,
    ReviewForm,
    kpi_forms,
    result_formset,
)
from oaps.views import apply_validation_error, vary_on_htmx, wants_partial

AUTOSAVE_SECONDS = 60
OPEN = (ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED)
FIELD_LABELS = {
    "narrative": gettext_lazy("Progress narrative"),
    "completion_estimate": gettext_lazy("Completion estimate (%)"),
    "obstacles": gettext_lazy("Obstacles"),
}


# --- reads -----------------------------------------------------------------------------------


def _reports(user) -> QuerySet[ProgressReport]:
    return ProgressReport.objects.visible_to(user, "view").select_related(
        "action__plan__priority__cycle", "period", "submitted_by", "reviewed_by"
    )


def _periods_of(user, action: OperationalAction) -> QuerySet[ReportingPeriod]:
    """The periods an action reports on: its plan's and its cycle's."""
    return (
        ReportingPeriod.objects.visible_to(user, "view")
        .filter(Q(plan=action.plan_id) | Q(cycle=action.plan.priority.cycle_id))
        .order_by("start", "pk")
    )


def _may_start(user, action: OperationalAction, period: ReportingPeriod) -> bool:
    """Whether the user may start the report of this action for this period: the gate's answer
    for the report not saved yet (nothing is written to ask)."""
    return can_unsaved(user, "add", ProgressReport(action=action, period=period))


def _breadcrumbs(action: OperationalAction, last: str) -> list[tuple[str, str]]:
    return [
        (_("Home"), reverse("home")),
        (action.plan.code, reverse("plan-detail", args=[action.plan_id])),
        (action.code, reverse("action-detail", args=[action.pk])),
        (last, ""),
    ]


def _report_title(action: OperationalAction, period: ReportingPeriod) -> str:
    return _("Progress report %(action)s, %(period)s") % {
        "action": action.code,
        "period": period.title,
    }


def _report_meta(period: ReportingPeriod, report: ProgressReport | None) -> list[str]:
    """The page header's meta line: the report's status, the period and its deadline."""

    def day(value) -> str:
        return formats.date_format(value, "SHORT_DATE_FORMAT")

    status = report.get_status_display() if report else _("not started")
    meta = [
        _("Status: %(status)s") % {"status": status},
        _("Period %(start)s to %(end)s") % {"start": day(period.start), "end": day(period.end)},
        _("Report due by %(deadline)s") % {"deadline": day(period.deadline)},
    ]
    if report and report.submitted_at and report.submitted_by:
        meta.append(
            _("Submitted by %(who)s on %(day)s")
            % {"who": report.submitted_by, "day": day(timezone.localdate(report.submitted_at))}
        )
    if report and report.reviewed_at and report.reviewed_by:
        meta.append(
            _("Reviewed by %(who)s on %(day)s")
            % {"who": report.reviewed_by, "day": day(timezone.localdate(report.reviewed_at))}
        )
    return meta


def _lock_notice(user, action: OperationalAction, period: ReportingPeriod) -> dict | None:
    """What the report page says about a closed period: since when, the user's own exception
    if one lets them still write, and the link to grant one for those who may."""
    if not period.is_locked(clock.today()):
        return None
    may_grant = can(user, "grant_lock_exception", action)
    return {
        "since": period.locks_on,
        "exception": services.active_exception(user, action, period),
        "grant_url": (
            f"{reverse('lock-exception-create', args=[action.pk])}?period={period.pk}"
            if may_grant
            else ""
        ),
    }


# --- start or continue a report ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def action_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Create or continue the report of an action for ``?period=``; without it, list periods."""
    action = get_object_or_404(
        OperationalAction.objects.visible_to(request.user, "view").select_related(
            "plan__priority__cycle"
        ),
        pk=pk,
    )
    periods = _periods_of(request.user, action)
    period_id = request.GET.get("period", "")
    if not period_id.isdigit():
        return _period_choice(request, action, periods)
    period = get_object_or_404(periods, pk=period_id)
    report = _reports(request.user).filter(action=action, period=period).first()
    if report is not None and request.method == "GET" and not wants_partial(request):
        return redirect("report-edit", pk=report.pk)
    return _report_page(request, action, period, report)


def _period_choice(
    request: HttpRequest, action: OperationalAction, periods: QuerySet[ReportingPeriod]
) -> HttpResponse:
    periods = list(periods)
    reports = {
        report.period_id: report
        for report in _reports(request.user).filter(action=action, period__in=periods)
    }
    base = reverse("action-report", args=[action.pk])
    rows = [
        {
            "period": period,
            "report": reports.get(period.pk),
            "url": (
                reverse("report-edit", args=[reports[period.pk].pk])
                if period.pk in reports
                else f"{base}?period={period.pk}"
            ),
        }
        for period in periods
    ]
    title = _("Progress reports of %(action)s") % {"action": action.code}
    return render(
        request,
        "oaps/report_periods.html",
        {
            "action": action,
            "rows": rows,
            "title": title,
            "breadcrumbs": _breadcrumbs(action, title),
        },
    )


@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft or returned report; a read-only page otherwise or for readers."""
    report = get_object_or_404(_reports(request.user), pk=pk)
    return _report_page(request, report.action, report.period, report)


def _report_page(
    request: HttpRequest,
    action: OperationalAction,
    period: ReportingPeriod,
    report: ProgressReport | None,
) -> HttpResponse:
    user = request.user
    if report is not None and report.status not in OPEN:
        if request.method == "POST":
            return _no_longer_editable(request, action, period, report)
        return _detail(request, action, period, report)
    writable = can(user, "change", report) if report else _may_start(user, action, period)
    if not writable:
        if request.method == "POST":
            raise PermissionDenied
        return _detail(request, action, period, report)
    lock = _lock_notice(user, action, period)
    if lock and lock["exception"] is None:
        # Closed: the report is shown, not offered for editing (the service would refuse).
        status = 409 if request.method == "POST" else 200
        return _detail(request, action, period, report, status=status)
    if request.method == "POST":
        return _save(request, action, period, report)
    if wants_partial(request) and "result_row" in request.GET:
        return _result_row(request, action, period)
    editor = Editor.build(request, action, period, report)
    return _render_editor(request, editor)


# --- the editor ---------------------------------------------------------------------------


@dataclass
class Editor:
    """The forms of the report page and what they show beside them."""

    action: OperationalAction
    period: ReportingPeriod
    report: ProgressReport | None
    form: ProgressReportForm
    kpi_rows: list[tuple[Kpi, KpiValueForm]]
    results: Any  # a BaseResultFormSet
    result_types: dict[int, ResultType]
    countries: dict[int, Country]

    @classmethod
    def build(
        cls,
        request: HttpRequest,
        action: OperationalAction,
        period: ReportingPeriod,
        report: ProgressReport | None,
        data=None,
    ) -> Editor:
        user = request.user
        kpis = list(Kpi.objects.visible_to(user, "view").filter(action=action).order_by("pk"))
        values = (
            {v.kpi_id: v for v in KpiValue.objects.visible_to(user, "view").filter(report=report)}
            if report
            else {}
        )
        result_types = {t.pk: t for t in ResultType.objects.visible_to(user, "view")}
        countries = {c.pk: c for c in Country.objects.visible_to(user, "view")}
        try:
            rows = int(request.GET.get("result_rows", 1))
        except ValueError:
            rows = 1
        version = version_of(report) if report else ""
        return cls(
            action=action,
            period=period,
            report=report,
            form=ProgressReportForm(data, initial=ProgressReportForm.initial_for(report, version)),
            kpi_rows=list(zip(kpis, kpi_forms(kpis, values, data), strict=True)),
            results=result_formset(
                data,
                result_types=_choices(result_types),
                countries=[(pk, c.name) for pk, c in countries.items()],
                period=period,
                rows=rows,
            ),
            result_types=result_types,
            countries=countries,
        )

    @property
    def kpi_forms(self) -> list[KpiValueForm]:
        return [form for _kpi, form in self.kpi_rows]

    def content_changed(self) -> bool:
        return self.form.content_changed() or any(f.has_changed() for f in self.kpi_forms)

    def result_data(self, row: dict[str, Any]) -> dict[str, Any]:
        """A new result row as the service takes it (the report's action is implied)."""
        return {
            "result_type": self.result_types[row["result_type"]],
            "quantity": row["quantity"],
            "country": self.countries.get(row["country"]) if row["country"] else None,
            "period_start": row["period_start"],
            "period_end": row["period_end"],
        }


def _choices(result_types: dict[int, ResultType]) -> list[tuple[int, str]]:
    return [(pk, str(result_type)) for pk, result_type in result_types.items()]


def _render_editor(
    request: HttpRequest, editor: Editor, *, conflict: dict | None = None, status: int = 200
) -> HttpResponse:
    action, period, report = editor.action, editor.period, editor.report
    title = _report_title(action, period)
    form_url = (
        reverse("report-edit", args=[report.pk])
        if report
        else f"{reverse('action-report', args=[action.pk])}?period={period.pk}"
    )
    context = {
        "editor": editor,
        "form": editor.form,
        "action": action,
        "period": period,
        "report": report,
        "title": title,
        "breadcrumbs": _breadcrumbs(action, title),
        "form_url": form_url,
        "row_url": f"{form_url}{'&' if '?' in form_url else '?'}result_row=1",
        "autosave_seconds": AUTOSAVE_SECONDS,
        "recorded_results": _recorded_results(request.user, action, period),
        "conflict": conflict,
        "meta": _report_meta(period, report),
        "parts": page_parts.report_parts(request.user, report) if report else {},
        "lock": _lock_notice(request.user, action, period),
    }
    return render(request, "oaps/report_form.html", context, status=status)


def _recorded_results(user, action: OperationalAction, period: ReportingPeriod) -> list:
    """The action's results that overlap the reporting period."""
    return list(
        OperationalResult.objects.visible_to(user, "view")
        .filter(action=action, period_start__lte=period.end, period_end__gte=period.start)
        .select_related("result_type", "country")
        .order_by("period_start", "pk")
    )


def _result_row(request: HttpRequest, action: OperationalAction, period: ReportingPeriod):
    """One more empty result row (htmx), and the formset's new total."""
    editor = Editor.build(request, action, period, None)
    try:
        index = int(request.GET.get("results-TOTAL_FORMS", 1))
    except ValueError:
        index = 1
    if index >= MAX_RESULT_ROWS:
        return HttpResponse(status=204)
    form = editor.results.empty_form
    form.prefix = editor.results.add_prefix(index)
    form.fields["result_type"].widget.attrs["autofocus"] = True  # htmx focuses the new row
    return vary_on_htmx(
        render(
            request,
            "oaps/_report_result_row.html",
            {"result_form": form, "number": index + 1, "total": index + 1, "oob": True},
        )
    )


def _save(
    request: HttpRequest,
    action: OperationalAction,
    period: ReportingPeriod,
    report: ProgressReport | None,
) -> HttpResponse:
    editor = Editor.build(request, action, period, report, data=request.POST)
    autosave = wants_partial(request) and request.POST.get("autosave") == "1"
    valid = [editor.form.is_valid(), *(f.is_valid() for f in editor.kpi_forms)]
    if not autosave:
        valid.append(editor.results.is_valid())
    all_valid = all(valid)
    record_results = all_valid and not autosave and bool(editor.results.recorded_data())
    if autosave and not editor.content_changed():
        return HttpResponse(status=204)  # nothing to save, nothing to announce
    if report is not None and not editor.content_changed() and not record_results:
        saved = report
    else:
        try:
            saved = _write(request, editor, record_results=record_results)
        except ConflictError as exc:
            if autosave:
                return _autosave_reply(
                    request,
                    _(
                        "Not saved: somebody else changed this report. Select Save draft to "
                        "compare your version with theirs."
                    ),
                )
            return _conflict(request, editor, exc)
        except (WorkflowError, PermissionDenied):
            # The matrix lets leaders write open reports only, so a report submitted meanwhile
            # answers "not allowed": look at it again to tell the user why.
            current = _reports(request.user).filter(action=action, period=period).first()
            if current is None or current.status in OPEN:
                raise
            if autosave:
                return _autosave_reply(
                    request, _("Not saved: this report was submitted and can no longer change.")
                )
            return _no_longer_editable(request, action, period, current)
        except services.ResultsInvalid as exc:
            _show_result_errors(editor, exc)
            return _render_editor(request, editor, status=200)
    if autosave:
        now = formats.time_format(timezone.localtime(clock.now()), "TIME_FORMAT")
        message = (
            _("Draft saved at %(time)s.") % {"time": now}
            if all_valid
            else _(
                "Draft saved at %(time)s, except the fields with errors: select Save draft "
                "to see them."
            )
            % {"time": now}
        )
        return _autosave_reply(request, message, version=version_of(saved))
    if not all_valid:
        data = request.POST.copy()
        data["version"] = version_of(saved)
        editor = Editor.build(request, action, period, saved, data=data)
        for form in [editor.form, *editor.kpi_forms]:
            form.is_valid()
        editor.results.is_valid()
        editor.form.add_error(
            None,
            _(
                "Your draft was saved, except the entries marked below: correct them and save "
                "again."
            ),
        )
        return _render_editor(request, editor, status=200)
    if "submit" in request.POST:
        return _submit(request, action, period, saved)
    messages.success(request, _("Your draft was saved."))
    url = reverse("report-edit", args=[saved.pk])
    if "add_result" in request.POST:
        return redirect(f"{url}?result_rows=2#report-results")
    return redirect(url)


def _write(request: HttpRequest, editor: Editor, *, record_results: bool) -> ProgressReport:
    """Save the draft's valid parts and, if asked, the new results: one service call, all or
    nothing (the service also decides that the user's own newer save is no conflict)."""
    return services.progress_report_save(
        actor=request.user,
        action=editor.action,
        period=editor.period,
        data=editor.form.valid_data(),
        kpi_values={
            f.kpi.pk: f.value_and_comment()
            for f in editor.kpi_forms
            if f.is_valid() and f.has_changed()
        },
        results=[editor.result_data(form.cleaned_data) for form in _new_result_forms(editor)]
        if record_results
        else (),
        version=editor.form.cleaned_data.get("version", ""),
    )


def _new_result_forms(editor: Editor) -> list:
    return [form for form in editor.results.forms if form.has_changed()]


def _show_result_errors(editor: Editor, exc: services.ResultsInvalid) -> None:
    """Put each refused result's errors on its row of the form."""
    forms = _new_result_forms(editor)
    for index, error in exc.rows.items():
        if isinstance(error, PermissionDenied):
            forms[index].add_error(None, _("You may not record results for this action."))
        else:
            apply_validation_error(forms[index], error)


def _submit(
    request: HttpRequest,
    action: OperationalAction,
    period: ReportingPeriod,
    report: ProgressReport,
) -> HttpResponse:
    try:
        services.progress_report_submit(actor=request.user, report=report)
    except WorkflowError as exc:
        # The draft and the new results are saved: show the input again, minus those results.
        data = request.POST.copy()
        data["version"] = version_of(report)
        for key in [key for key in data if key.startswith("results-")]:
            del data[key]
        data.update(
            {
                "results-TOTAL_FORMS": "1",
                "results-INITIAL_FORMS": "0",
                "results-0-period_start": period.start.isoformat(),
                "results-0-period_end": period.end.isoformat(),
            }
        )
        editor = Editor.build(request, action, period, report, data=data)
        editor.form.is_valid()
        editor.form.add_error(None, exc.message)
        return _render_editor(request, editor, status=200)
    messages.success(request, _("The report was submitted to the plan's drivers."))
    return redirect("report-edit", pk=report.pk)


def _autosave_reply(request: HttpRequest, message: str, *, version: str | None = None):
    return vary_on_htmx(
        render(request, "oaps/_report_autosave.html", {"message": message, "version": version})
    )


def _conflict(request: HttpRequest, editor: Editor, exc: ConflictError) -> HttpResponse:
    """Show what the other person saved beside the user's input, which is kept for merging."""
    current = exc.current
    data = request.POST.copy()
    data["version"] = version_of(current)
    mine = Editor.build(request, editor.action, editor.period, current, data=data)
    for form in [mine.form, *mine.kpi_forms]:
        form.is_valid()
    mine.results.is_valid()
    changes = []
    for name in REPORT_FIELDS:
        theirs = getattr(current, name)
        yours = editor.form.cleaned_data.get(name, editor.form.data.get(name, ""))
        if (theirs if theirs is not None else "") != (yours if yours is not None else ""):
            changes.append((FIELD_LABELS[name], _shown(theirs), _shown(yours)))
    stored = {v.kpi_id: v for v in KpiValue.objects.filter(report=current)}
    for kpi, form in editor.kpi_rows:
        value = stored.get(kpi.pk)
        theirs = (value.value, value.comment) if value else (None, "")
        yours = (form.cleaned_data.get("value"), form.cleaned_data.get("comment", ""))
        if form.is_valid() and theirs != yours:
            changes.append((kpi.name, _kpi_shown(*theirs), _kpi_shown(*yours)))
    last = current.history.select_related("history_user").first()
    return _render_editor(
        request,
        mine,
        conflict={
            "changes": changes,
            "by": last.history_user if last else None,
            "at": current.updated_at,
        },
        status=409,
    )


def _shown(value: Any) -> str:
    return "-" if value in (None, "") else str(value)


def _kpi_shown(value: Any, comment: str) -> str:
    if value is None:
        return "-"
    return f"{value} ({comment})" if comment else str(value)


# --- read-only pages and the review ----------------------------------------------------------


def _detail(
    request: HttpRequest,
    action: OperationalAction,
    period: ReportingPeriod,
    report: ProgressReport | None,
    *,
    review_form: ReviewForm | None = None,
    unsaved: list | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    title = _report_title(action, period)
    kpi_rows = []
    if report is not None:
        values = {
            v.kpi_id: v for v in KpiValue.objects.visible_to(user, "view").filter(report=report)
        }
        for kpi in Kpi.objects.visible_to(user, "view").filter(action=action).order_by("pk"):
            value = values.get(kpi.pk)
            kpi_rows.append(
                [
                    kpi.name,
                    floatformat(kpi.target, "-2g"),
                    floatformat(value.value, "-2g") if value else "-",
                    kpi.unit,
                    value.comment if value and value.comment else "-",
                ]
            )
    may_review = (
        report is not None
        and report.status == ProgressReport.Status.SUBMITTED
        and can(user, "accept", report)
    )
    return render(
        request,
        "oaps/report_detail.html",
        {
            "action": action,
            "period": period,
            "report": report,
            "title": title,
            "breadcrumbs": _breadcrumbs(action, title),
            "kpi_rows": kpi_rows,
            "recorded_results": _recorded_results(user, action, period),
            "review_form": review_form or (ReviewForm() if may_review else None),
            "meta": _report_meta(period, report),
            "unsaved": unsaved,
            "parts": page_parts.report_parts(user, report) if report else {},
            "lock": _lock_notice(user, action, period),
        },
        status=status,
    )


def _no_longer_editable(
    request: HttpRequest,
    action: OperationalAction,
    period: ReportingPeriod,
    report: ProgressReport,
) -> HttpResponse:
    """The report left the draft state while the user was editing: show what they typed."""
    unsaved = [
        (FIELD_LABELS[name], request.POST.get(name, ""))
        for name in REPORT_FIELDS
        if request.POST.get(name, "").strip()
    ]
    messages.warning(
        request,
        _(
            "This report was submitted while you were editing it, so it can no longer change "
            "and your changes were not saved. They are shown below: copy what you need."
        ),
    )
    return _detail(request, action, period, report, unsaved=unsaved, status=409)


@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The drivers accept a submitted report, or return it with a comment."""
    report = get_object_or_404(_reports(request.user), pk=pk)
    require_can(request.user, "accept", report)
    form = ReviewForm(request.POST)
    decision = request.POST.get("decision")
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if decision == "accept":
                services.progress_report_accept(actor=request.user, report=report, comment=comment)
                messages.success(request, _("The report was accepted."))
            elif decision == "return":
                services.progress_report_return(actor=request.user, report=report, comment=comment)
                messages.success(request, _("The report was returned to the action leaders."))
            else:
                form.add_error(None, _("Choose whether to accept or to return the report."))
        except WorkflowError as exc:
            field = "comment" if decision == "return" and not comment.strip() else None
            form.add_error(field, exc.message)
        if not form.errors:
            return redirect("report-edit", pk=report.pk)
    return _detail(request, report.action, report.period, report, review_form=form, status=200)
