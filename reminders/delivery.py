"""Sending the e-mails of notifications, so that nothing recorded as sent is sent again.

Each row is claimed by a conditional update (``pending`` -> ``sending``, with the claim of the
task run), sent, then recorded ``sent`` (only by its claimant). A worker killed mid-batch leaves
its current row ``sending`` under its claim: the redelivered task (same id, ``acks_late``) takes
it up again, the rows recorded as sent are never claimed again, and a claim older than
``REMINDERS_CLAIM_TIMEOUT`` may be taken by anyone (the scan re-enqueues those rows).
"""

from __future__ import annotations

import datetime
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from empact import clock
from reminders import kinds as registry
from reminders.models import Notification

E = Notification.Email
# What a retry is for: the mail server refused or could not be reached.
TRANSIENT = (smtplib.SMTPException, OSError)


class DeliveryFailed(Exception):
    def __init__(self, notification_id: int, error: Exception) -> None:
        super().__init__(f"notification {notification_id}: {error}")
        self.error = error


def _stale() -> datetime.datetime:
    return clock.now() - datetime.timedelta(
        seconds=getattr(settings, "REMINDERS_CLAIM_TIMEOUT", 900)
    )


def claim(notification_id: int, claimant: str, states: Iterable[str] = (E.PENDING,)) -> bool:
    """Take the row for sending, if nobody else holds it: one conditional UPDATE."""
    mine = Q(email=E.SENDING, email_claim=claimant)
    abandoned = Q(email=E.SENDING, email_claimed_at__lt=_stale())
    return bool(
        Notification.objects.filter(pk=notification_id)
        .filter(Q(email__in=list(states)) | mine | abandoned)
        .update(email=E.SENDING, email_claim=claimant, email_claimed_at=clock.now())
    )


def _finish(notification_id: int, claimant: str, **fields) -> None:
    Notification.objects.filter(pk=notification_id, email=E.SENDING, email_claim=claimant).update(
        **fields
    )


def link(notification: Notification) -> str:
    return settings.SITE_URL.rstrip("/") + (notification.url or "/")


def is_done(notification: Notification) -> bool:
    """Whether what the reminder asks for was done since it was written (then it is not sent)."""
    kind = registry.kind(notification.kind)
    done = getattr(kind, "done", None)
    if done is None:
        if notification.kind == "nudge":
            done = registry.action_reported
        else:
            return False
    obj = notification.content_type.get_object_for_this_type(pk=notification.object_id)
    return done(obj, notification.due_date)


def message(notifications: list[Notification], *, digest: bool = False) -> EmailMultiAlternatives:
    """The e-mail (plain text and HTML) in the recipient's language, with direct links."""
    recipient = notifications[0].recipient
    with translation.override(recipient.language or "en"):
        items = [{"title": n.title, "body": n.body, "link": link(n)} for n in notifications]
        context = {
            "recipient": recipient,
            "items": items,
            "site_url": settings.SITE_URL,
            "preferences": settings.SITE_URL.rstrip("/") + "/notifications/",
        }
        if digest:
            subject = _("EMPACT: your daily digest (%(count)s)") % {"count": len(items)}
        else:
            # A title holding a line break would make the header invalid and block the e-mail.
            subject = "EMPACT: " + " ".join(str(notifications[0].title).split())
        text = render_to_string("reminders/email/notification.txt", context)
        html = render_to_string("reminders/email/notification.html", context)
    mail = EmailMultiAlternatives(
        subject=subject[:200], body=text, to=[recipient.email], connection=get_connection()
    )
    mail.attach_alternative(html, "text/html")
    return mail


def send_one(notification_id: int, claimant: str) -> str:
    """Claim, send and record one notification's e-mail; its outcome (``sent``, ``skipped``,
    ``taken``: somebody else has it). A transient mail error puts it back (``pending``) and
    raises ``DeliveryFailed`` for the task to retry."""
    if not claim(notification_id, claimant):
        return "taken"
    notification = Notification.objects.select_related("recipient", "content_type").get(
        pk=notification_id
    )
    try:
        done = is_done(notification)
    except Exception:  # the object is gone: nothing left to ask for
        done = True
    if done:
        _finish(notification_id, claimant, email=E.SKIPPED, email_claim="")
        return "skipped"
    try:
        message([notification]).send()
    except TRANSIENT as error:
        _finish(
            notification_id,
            claimant,
            email=E.PENDING,
            email_claim="",
            email_attempts=notification.email_attempts + 1,
            email_error=str(error)[:500],
        )
        raise DeliveryFailed(notification_id, error) from error
    _finish(
        notification_id,
        claimant,
        email=E.SENT,
        email_sent_at=clock.now(),
        email_attempts=notification.email_attempts + 1,
        email_error="",
    )
    return "sent"


def give_up(ids: Iterable[int], error: str) -> None:
    """After the last retry: the rows still unsent are recorded as failed (an operator sees
    them in the admin; ``manage.py send_reminders`` does not pick them again)."""
    Notification.objects.filter(pk__in=list(ids), email=E.PENDING).update(
        email=E.FAILED, email_error=error[:500]
    )


def send_digest(user_id: int, claimant: str) -> int:
    """One e-mail with every digest notification of the user; the number it listed."""
    ids = list(
        Notification.objects.filter(recipient_id=user_id, email=E.DIGEST).values_list(
            "pk", flat=True
        )
    )
    claimed = [pk for pk in ids if claim(pk, claimant, states=(E.DIGEST,))]
    rows = list(
        Notification.objects.filter(pk__in=claimed).select_related("recipient", "content_type")
    )
    live = []
    for row in rows:
        try:
            done = is_done(row)
        except Exception:
            done = True
        if done:
            _finish(row.pk, claimant, email=E.SKIPPED, email_claim="")
        else:
            live.append(row)
    if not live:
        return 0
    try:
        message(live, digest=True).send()
    except TRANSIENT as error:
        for row in live:
            _finish(row.pk, claimant, email=E.DIGEST, email_claim="", email_error=str(error))
        raise DeliveryFailed(live[0].pk, error) from error
    for row in live:
        _finish(row.pk, claimant, email=E.SENT, email_sent_at=clock.now())
    return len(live)
