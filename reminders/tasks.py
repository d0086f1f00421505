"""The reminder tasks: the periodic scan (one beat entry), the e-mails and the daily digest.

``send_emails`` acknowledges its message only when it finished (``acks_late``): a worker killed
mid-batch has the message redelivered, with the same task id, which is the claim its rows carry.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from reminders import delivery
from reminders.models import Notification


@shared_task(name="reminders.scan")
def scan() -> int:
    """Write every reminder due today; the number written."""
    from reminders.scan import scan as run

    return len(run())


@shared_task(
    bind=True,
    name="reminders.send_emails",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,
)
def send_emails(self, ids: list[int]) -> dict[str, int]:
    """Send the e-mails of these notifications, one claimed row at a time. A mail server error
    retries the rest with an exponential backoff; after the last attempt they are failed."""
    claimant = self.request.id or "inline"
    outcome: dict[str, int] = {}
    for index, pk in enumerate(ids):
        try:
            result = delivery.send_one(pk, claimant)
        except delivery.DeliveryFailed as failure:
            rest = ids[index:]
            limit = getattr(settings, "REMINDERS_EMAIL_RETRIES", 8)
            if self.request.retries >= limit:
                delivery.give_up(rest, str(failure.error))
                outcome["failed"] = len(rest)
                return outcome
            base = getattr(settings, "REMINDERS_RETRY_SECONDS", 60)
            raise self.retry(
                args=(rest,), countdown=base * 2**self.request.retries, exc=failure
            ) from failure
        outcome[result] = outcome.get(result, 0) + 1
    return outcome


@shared_task(bind=True, name="reminders.send_digests", acks_late=True)
def send_digests(self) -> int:
    """Once a day: each person in digest mode gets one e-mail listing their new notifications."""
    users = (
        Notification.objects.filter(email=Notification.Email.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in list(users):
        try:
            sent += delivery.send_digest(user_id, self.request.id or "inline")
        except delivery.DeliveryFailed:
            continue  # kept for tomorrow's digest
    return sent
