"""The periodic scan: decide what is due today and write the notifications, each exactly once.

The scan only inserts. A notification that exists already (an earlier scan, or another scan
running at the same moment) hits the unique constraint inside its own savepoint and is skipped,
so the scan can run as often as anyone likes. What it inserted is recorded on the object's
history (one Event per object and reminder) and its e-mails are enqueued after the commit.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import translation

from empact import clock, events
from reminders import kinds as registry
from reminders.models import Notification, Preference, ReminderKind

logger = logging.getLogger(__name__)

# The code of the history entry of a reminder, per kind of object (an event is about one model).
REMINDED = {
    "oaps.operationalaction": "reminders.action.reminded",
    "oaps.operationalactionplan": "reminders.plan.reminded",
    "cycles.milestone": "reminders.milestone.reminded",
    "actors.roleassignment": "reminders.role.reminded",
}


def settings_of(code: str) -> tuple[bool, tuple[int, ...], int | None]:
    """(enabled, offsets, repeat days) of a kind: the admin's row, else the kind's defaults."""
    kind = registry.kind(code)
    row = ReminderKind.objects.filter(code=code).first()
    offsets = tuple(getattr(kind, "offsets", ()) or ())
    repeat = getattr(kind, "repeat_days", None)
    if row is None:
        return True, offsets, repeat
    return row.enabled, tuple(int(o) for o in row.offsets or ()), row.repeat_days


def email_state(user, mandatory: bool) -> str:
    """How the notification's e-mail goes, by the recipient's preference."""
    preference = Preference.objects.filter(user=user).first()
    if preference is None:
        return Notification.Email.PENDING
    if not mandatory and not preference.other_email:
        return Notification.Email.NONE
    if preference.mode == Preference.Mode.DIGEST:
        return Notification.Email.DIGEST
    return Notification.Email.PENDING


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    obj: Model,
    due_date: datetime.date,
    offset: int,
    title: Any,
    url: str,
    mandatory: bool,
    body: Any = "",
) -> list[Notification]:
    """Insert one notification per recipient unless it exists; the ones inserted. Runs inside
    the caller's transaction, each row in a savepoint (a duplicate only skips that row)."""
    content_type = ContentType.objects.get_for_model(obj._meta.model)
    created = []
    for user in recipients:
        if not getattr(user, "is_active", False):
            continue
        with translation.override(user.language or "en"):
            text, details = str(title)[:300], str(body)
        row = Notification(
            recipient=user,
            kind=kind,
            content_type=content_type,
            object_id=obj.pk,
            due_date=due_date,
            offset=offset,
            title=text,
            body=details,
            url=url,
            mandatory=mandatory,
            created_at=clock.stamp(),
            email=email_state(user, mandatory),
        )
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            continue  # sent already: by an earlier scan or one running now
        created.append(row)
    if created:
        transaction.on_commit(lambda: enqueue([n.pk for n in created if n.email == "pending"]))
    return created


def record_reminder(
    obj: Model, rows: list[Notification], code: str | None = None, actor: Any = None
) -> None:
    """The reminder on the object's history: which kind, for which date, to whom."""
    code = code or REMINDED.get(obj._meta.label_lower)
    if code is None or not rows:
        return
    first = rows[0]
    events.record(
        actor=actor,
        code=code,
        obj=obj,
        details={
            "kind": first.kind,
            "due_date": first.due_date.isoformat(),
            "offset": first.offset,
            "recipients": [{"id": n.recipient_id, "name": str(n.recipient)} for n in rows],
        },
    )


def enqueue(ids: list[int]) -> None:
    """Hand the e-mails to the worker (after the commit); a broker that is down loses nothing:
    the next scan picks the rows still pending."""
    if not ids:
        return
    from reminders.tasks import send_emails

    try:
        send_emails.apply_async((ids,), retry=False)
    except Exception:
        logger.exception("Could not hand %s reminder e-mails to the task queue", len(ids))


def scan(today: datetime.date | None = None) -> list[Notification]:
    """Write every reminder due today (Brussels date) that was not written yet."""
    today = today or clock.today()
    created: list[Notification] = []
    for kind in registry.deadline_kinds():
        enabled, offsets, repeat = settings_of(kind.code)
        if not enabled:
            continue
        for due in kind.candidates(today):
            offset = registry.step(today, due.due_date, offsets, repeat, kind.overdue_only)
            if offset is None or kind.done(due.obj, due.due_date):
                continue
            with transaction.atomic():
                rows = notify(
                    recipients=due.recipients,
                    kind=kind.code,
                    obj=due.obj,
                    due_date=due.due_date,
                    offset=offset,
                    title=due.title,
                    url=due.url,
                    mandatory=kind.mandatory,
                )
                record_reminder(due.obj, rows)
            created += rows
    rescue()
    return created


def rescue(
    stale_after: datetime.timedelta | None = None,
    pending_after: datetime.timedelta = datetime.timedelta(minutes=2),
) -> int:
    """Enqueue again the e-mails a lost message left behind: pending rows older than a few
    minutes, and rows claimed by a worker that died long ago (their claim is stale)."""
    from django.conf import settings

    stale_after = stale_after or datetime.timedelta(
        seconds=getattr(settings, "REMINDERS_CLAIM_TIMEOUT", 900)
    )
    now = clock.now()
    ids = list(
        Notification.objects.filter(
            email=Notification.Email.PENDING, created_at__lt=now - pending_after
        ).values_list("pk", flat=True)[:1000]
    ) + list(
        Notification.objects.filter(
            email=Notification.Email.SENDING, email_claimed_at__lt=now - stale_after
        ).values_list("pk", flat=True)[:1000]
    )
    transaction.on_commit(lambda: enqueue(ids))
    return len(ids)
