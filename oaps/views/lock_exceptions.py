"""The lock exceptions page: after a period's lock date, a driver of the plan, the secretariat
or the administrator lets one of the action's report writers still write its report until a
day, with the reason; the same page lists the exceptions of that report and revokes them.
Thin: the rules (who, a day not past, a reason) are ``oaps.services``'."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from empact import clock
from empact.access import can
from empact.views import require_can
from oaps import selectors, services
from oaps.models import LockException, OperationalAction, ReportingPeriod
from oaps.report_forms import LockExceptionForm
from oaps.views import apply_validation_error
from oaps.views.reporting import _breadcrumbs, _periods_of


def page_url(action: OperationalAction, period: ReportingPeriod) -> str:
    return f"{reverse('lock-exception-create', args=[action.pk])}?period={period.pk}"


@require_http_methods(["GET", "POST"])
def lock_exception_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Grant a lock exception on the action's report of ``?period=`` (without it: the list of
    the action's periods, where each report page links here)."""
    user = request.user
    action = get_object_or_404(
        OperationalAction.objects.visible_to(user, "view").select_related("plan__priority__cycle"),
        pk=pk,
    )
    require_can(user, "grant_lock_exception", action)
    period_id = request.GET.get("period", "")
    if not period_id.isdigit():
        return redirect("action-report", pk=action.pk)
    period = get_object_or_404(_periods_of(user, action), pk=period_id)
    form = LockExceptionForm(
        request.POST if request.method == "POST" else None,
        writers=selectors.report_writers(action, clock.today()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            exception = services.lock_exception_create(
                actor=user, data={"period": period, "action": action, **form.cleaned_data}
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("%(user)s may write this report until %(day)s.")
                % {"user": exception.user, "day": exception.until.isoformat()},
            )
            return redirect(page_url(action, period))
    exceptions = [
        (exception, can(user, "delete", exception))
        for exception in selectors.lock_exceptions_of(user, action, period)
    ]
    title = _("Lock exceptions: %(action)s, %(period)s") % {
        "action": action.code,
        "period": period.title,
    }
    return render(
        request,
        "oaps/lock_exceptions.html",
        {
            "action": action,
            "period": period,
            "form": form,
            "exceptions": exceptions,
            "today": clock.today(),
            "title": title,
            "breadcrumbs": _breadcrumbs(action, title),
            "report_url": f"{reverse('action-report', args=[action.pk])}?period={period.pk}",
        },
    )


@require_POST
def lock_exception_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke a lock exception: its person may no longer write the closed report."""
    exception = get_object_or_404(
        LockException.objects.visible_to(request.user, "view").select_related(
            "action", "period", "user"
        ),
        pk=pk,
    )
    require_can(request.user, "delete", exception)
    action, period = exception.action, exception.period
    services.lock_exception_delete(actor=request.user, lock_exception=exception)
    messages.success(
        request, _("The lock exception of %(user)s was revoked.") % {"user": exception.user}
    )
    return redirect(page_url(action, period))
