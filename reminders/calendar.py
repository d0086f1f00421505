"""The iCalendar feeds: a person's own deadlines, or a country's for its NEC (RFC 5545, built
with ``icalendar``). Each deadline is an all-day event with a stable UID, so a calendar that
subscribes sees a moved date move instead of a second event."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from empact import clock
from reminders.kinds import DRIVERS, LEADERS, OPEN_PLAN, REPORTED


def _event(uid: str, day: datetime.date, summary: str, url: str) -> CalendarEvent:
    event = CalendarEvent()
    event.add("uid", f"{uid}@empact")
    event.add("dtstamp", clock.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("url", settings.SITE_URL.rstrip("/") + url)
    return event


def _report_deadlines(actions) -> list[CalendarEvent]:
    from oaps.models import ReportingPeriod

    found = []
    actions = list(actions.select_related("plan__priority"))
    plans = {a.plan_id for a in actions}
    cycles = {a.plan.priority.cycle_id for a in actions}
    periods = list(ReportingPeriod.objects.filter(Q(plan_id__in=plans) | Q(cycle_id__in=cycles)))
    for action in actions:
        for period in periods:
            if period.plan_id not in (None, action.plan_id) or (
                period.cycle_id and period.cycle_id != action.plan.priority.cycle_id
            ):
                continue
            url = reverse("action-report", args=[action.pk])
            found.append(
                _event(
                    f"report-{action.pk}-{period.pk}",
                    period.deadline,
                    f"{action.plan.code} {action.code}: progress report {period.title} due",
                    url,
                )
            )
            if period.locks_on is None:
                continue
            found.append(
                _event(
                    f"lock-{action.pk}-{period.pk}",
                    period.locks_on,
                    f"{action.plan.code} {action.code}: {period.title} reporting closes",
                    url,
                )
            )
    return found


def _live(actions):
    return actions.exclude(status="cancelled").filter(plan__status="approved")


def user_events(user, today: datetime.date) -> list[CalendarEvent]:
    from actors.models import RoleAssignment
    from oaps.models import OperationalAction, OperationalActionPlan

    held = RoleAssignment.objects.filter(user=user, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    actions = OperationalAction.objects.filter(
        pk__in=held.filter(role__in=LEADERS).values("action_id")
    )
    events = _report_deadlines(_live(actions).exclude(progress_reports__status__in=REPORTED))
    plans = OperationalActionPlan.objects.filter(
        pk__in=held.filter(role__in=DRIVERS).values("plan_id"), status__in=OPEN_PLAN
    )
    for plan in plans:
        events.append(
            _event(
                f"plan-{plan.pk}",
                plan.period_start,
                f"{plan.code}: submit the plan before its period starts",
                reverse("plan-detail", args=[plan.pk]),
            )
        )
    for assignment in held.exclude(ends_on__isnull=True):
        events.append(
            _event(
                f"role-{assignment.pk}",
                assignment.ends_on,
                f"Your role {assignment.get_role_display()} ends",
                reverse("profile"),
            )
        )
    return events


def country_events(country) -> list[CalendarEvent]:
    from oaps.models import OperationalAction
    from oaps.selectors import actions_of_country

    actions = OperationalAction.objects.filter(pk__in=actions_of_country(country))
    return _report_deadlines(_live(actions))


def render(feed) -> bytes:
    """The feed's calendar, as the bytes of an .ics file."""
    calendar = Calendar()
    calendar.add("prodid", "-//EU//EMPACT cycle manager//EN")
    calendar.add("version", "2.0")
    name = f"EMPACT {feed.country.code}" if feed.country_id else f"EMPACT {feed.user}"
    calendar.add("x-wr-calname", name)
    today = clock.today()
    events = country_events(feed.country) if feed.country_id else user_events(feed.user, today)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
