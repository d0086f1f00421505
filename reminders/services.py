"""The writes of the reminders app: reading notifications, the e-mail preference, renewing a
calendar feed, and nudging the people who owe a missing report.

Notifications are the recipient's own: only they mark them read (no Event: reading changes
nothing anybody else sees). A preference or a feed renewal records one Event; a nudge records
one Event on the action's history and writes the notifications like the scan (once a day at
most per person and report).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from empact import clock, events
from empact.access import can
from empact.services import WorkflowError
from reminders import kinds as registry
from reminders.models import CalendarFeed, Notification, Preference
from reminders.scan import notify, record_reminder


def notification_read(*, actor, notification: Notification) -> Notification:
    if notification.recipient_id != actor.pk:
        raise PermissionDenied(_("This notification is not yours."))
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=clock.now()
        )
        notification.refresh_from_db(fields=["read_at"])
    return notification


def notifications_read_all(*, actor) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=clock.now()
    )


def preference_of(user) -> Preference:
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def preference_update(*, actor, data: Mapping[str, Any]) -> Preference:
    """The actor's own e-mail preference (each at once or a daily digest; other e-mail on/off)."""
    unknown = set(data) - {"mode", "other_email"}
    if unknown:
        raise PermissionDenied(_("You may not change these fields: %s.") % ", ".join(unknown))
    with transaction.atomic():
        preference = Preference.objects.select_for_update().filter(
            user=actor
        ).first() or Preference(user=actor)
        before = {"mode": preference.mode, "other_email": preference.other_email}
        for name, value in data.items():
            setattr(preference, name, value)
        preference.full_clean()
        preference.save()
        changes = {
            name: [before[name], getattr(preference, name)]
            for name in before
            if before[name] != getattr(preference, name)
        }
        events.record(
            actor=actor, code="reminders.preference.changed", obj=preference, changes=changes
        )
    return preference


def feed_for(user, country=None) -> CalendarFeed:
    """The user's feed (or their country's, for its NEC), created on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user, country=country)
    return feed


def may_have_country_feed(user, country) -> bool:
    return any(
        u.pk == user.pk for u in registry.holders(clock.today(), ["nec"], country_id=country.pk)
    )


def feed_renew(*, actor, country=None) -> CalendarFeed:
    """A new token for the actor's feed: the old address stops working at once."""
    if country is not None and not may_have_country_feed(actor, country):
        raise PermissionDenied(_("Only the country's NEC has its calendar."))
    with transaction.atomic():
        feed = feed_for(actor, country)
        feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
        feed.token = CalendarFeed._meta.get_field("token").default()
        feed.created_at = clock.stamp()
        feed.save(update_fields=["token", "created_at"])
        events.record(actor=actor, code="reminders.calendar_feed.renewed", obj=feed)
    return feed


NUDGE_TITLE = gettext_lazy("%(who)s asks for the progress report of %(action)s for %(period)s")


def nudge(*, actor, action, period) -> list[Notification]:
    """Remind the action's leaders (from a driver, a NEC or the secretariat) that its report
    for the period is missing: at most once a day per person and report."""
    if not can(actor, "nudge", action):
        raise PermissionDenied(_("You may not send reminders about this action."))
    plan = action.plan
    if not (
        period.plan_id == plan.pk
        or (period.plan_id is None and period.cycle_id == plan.priority.cycle_id)
    ):
        raise ValidationError(_("Choose a reporting period of this action's plan or cycle."))
    if registry.action_reported(action, period.deadline):
        raise WorkflowError(_("This report was handed in: there is nobody to remind."))
    today = clock.today()
    if period.deadline >= today:
        raise ValidationError(_("The report is not due yet: the reminders go out by themselves."))
    people = registry.holders(today, registry.LEADERS, action=action)
    if not people:
        raise WorkflowError(_("Nobody holds the action's leader role today: nobody to remind."))
    with transaction.atomic():
        rows = notify(
            recipients=people,
            kind="nudge",
            obj=action,
            due_date=period.deadline,
            offset=-(today - period.deadline).days,
            title=registry._Title(
                NUDGE_TITLE, who=str(actor), action=action.code, period=period.title
            ),
            url=reverse("action-report", args=[action.pk]),
            mandatory=True,
        )
        if rows:
            record_reminder(action, rows, code="reminders.action.nudged", actor=actor)
    return rows
