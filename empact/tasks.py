"""Celery tasks of the project package."""

from celery import shared_task

from empact.events import deliver


@shared_task(name="empact.announce_event")
def announce_event(event_id: int) -> int:
    """Run the subscribers of one committed event (safe to run twice: subscribers are)."""
    return deliver(event_id)
