"""Celery tasks of the actors app: thin wrappers around services, safe to run twice."""

from celery import shared_task

from actors.grants import sync_due_grants


@shared_task(name="actors.sync_role_grants")
def sync_role_grants() -> int:
    """Apply the role assignments that started or ended by date (beat runs it every hour)."""
    return sync_due_grants()
