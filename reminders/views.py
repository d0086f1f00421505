"""The notification pages, the bell, the calendar feeds and the missing-reports page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from actors.models import Country
from empact import clock
from empact.access import may
from empact.services import WorkflowError
from empact.views import require_can
from oaps.models import OperationalAction, ReportingPeriod
from oaps.selectors import missing_reports
from reminders import calendar, selectors, services
from reminders.forms import PreferenceForm


def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(
        selectors.notifications_of(request.user).select_related("content_type"), 50
    ).get_page(request.GET.get("page"))
    form = PreferenceForm(instance=services.preference_of(request.user))
    return render(
        request,
        "reminders/notification_list.html",
        {"page": page, "form": form, "unread": selectors.unread_count(request.user)},
    )


@require_GET
def notification_bell(request: HttpRequest) -> HttpResponse:
    """The bell with the unread count (htmx loads it into the header of every page)."""
    return render(request, "reminders/_bell.html", {"unread": selectors.unread_count(request.user)})


@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark the posted notification read and open its object's page."""
    pk = request.POST.get("notification", "")
    if not pk.isdigit() or int(pk) >= 2**63:
        return redirect("notification-list")
    notification = get_object_or_404(selectors.notifications_of(request.user), pk=int(pk))
    services.notification_read(actor=request.user, notification=notification)
    target = notification.url or reverse("notification-list")
    if request.POST.get("stay") or not url_has_allowed_host_and_scheme(target, None):
        target = reverse("notification-list")
    return redirect(target)


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_read_all(actor=request.user)
    messages.success(request, _("%(n)s notifications marked as read.") % {"n": count})
    return redirect("notification-list")


@require_POST
def notification_preferences(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST, instance=services.preference_of(request.user))
    if form.is_valid():
        services.preference_update(
            actor=request.user,
            data={name: form.cleaned_data[name] for name in ("mode", "other_email")},
        )
        messages.success(request, _("Your e-mail preference was saved."))
    else:
        messages.error(request, _("Choose how you want to receive e-mail."))
    return redirect("notification-list")


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A private iCalendar feed, opened by a calendar program with the token alone."""
    feed = selectors.feed_by_token(token)
    if feed is None:
        raise Http404
    if feed.country_id and not services.may_have_country_feed(feed.user, feed.country):
        raise Http404
    response = HttpResponse(calendar.render(feed), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    country = None
    chosen = request.POST.get("country", "")
    if chosen:
        if not chosen.isdigit() or int(chosen) >= 2**63:
            raise Http404
        country = get_object_or_404(Country, pk=int(chosen))
    try:
        services.feed_renew(actor=request.user, country=country)
    except PermissionDenied:
        raise
    messages.success(request, _("The calendar has a new address; the old one no longer works."))
    return redirect("profile")


def reports_missing(request: HttpRequest) -> HttpResponse:
    """For drivers, NECs and the secretariat: the reports due and not handed in."""
    if not may(request.user, "action", "nudge"):
        raise PermissionDenied
    rows = missing_reports(request.user, clock.today())
    return render(request, "reminders/reports_missing.html", {"rows": rows})


@require_POST
def report_nudge(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(OperationalAction.objects.visible_to(request.user, "view"), pk=pk)
    require_can(request.user, "nudge", action)
    chosen = request.POST.get("period", "")
    period = ReportingPeriod.objects.filter(pk=chosen).first() if chosen.isdigit() else None
    if period is None:
        messages.error(request, _("Choose the reporting period of the missing report."))
        return redirect("reports-missing")
    try:
        rows = services.nudge(actor=request.user, action=action, period=period)
    except (WorkflowError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if rows:
            messages.success(
                request,
                ngettext(
                    "Reminder sent to %(count)s leader of the action.",
                    "Reminder sent to %(count)s leaders of the action.",
                    len(rows),
                )
                % {"count": len(rows)},
            )
        else:
            messages.info(request, _("They were already reminded today."))
    return redirect("reports-missing")
