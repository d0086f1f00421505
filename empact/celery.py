"""The Celery app: Redis broker in production, a filesystem broker when run embedded.

The beat schedule lives here and only here.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "empact.settings")

app = Celery("empact")
app.config_from_object("django.conf:settings", namespace="CELERY")


def _configure_embedded_broker() -> None:
    """Point the filesystem transport at var/celery/ and make sure the folders exist."""
    from django.conf import settings

    if not str(settings.CELERY_BROKER_URL).startswith("filesystem://"):
        return
    folder = settings.CELERY_FILESYSTEM_FOLDER
    queue = folder / "queue"
    processed = folder / "processed"
    for path in (queue, processed, folder / "results"):
        path.mkdir(parents=True, exist_ok=True)
    app.conf.broker_transport_options = {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(processed),
        "store_processed": False,
    }


_configure_embedded_broker()


def _configure_redeliveries() -> None:
    """With Redis, an unacknowledged task (its worker died) is delivered again after this."""
    from django.conf import settings

    if str(settings.CELERY_BROKER_URL).startswith("redis"):
        app.conf.broker_transport_options = {
            "visibility_timeout": settings.CELERY_VISIBILITY_TIMEOUT
        }


_configure_redeliveries()
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
    result_expires=60 * 60 * 24,
    timezone="Europe/Brussels",
    beat_schedule={
        # Roles start and end by date: derive guardian grants shortly after midnight and hourly,
        # so a missed run heals within the hour.
        "sync-role-grants": {
            "task": "actors.sync_role_grants",
            "schedule": crontab(minute=5),
        },
        # The one reminder scan (issue 13): hourly, so a missed run heals within the hour; the
        # notifications' unique constraint makes every extra run a no-op. Exactly one beat
        # process may run (docker-compose.yml, docs/reminders.md).
        "reminders-scan": {
            "task": "reminders.scan",
            "schedule": crontab(minute=20),
        },
        "reminders-digest": {
            "task": "reminders.send_digests",
            "schedule": crontab(hour=7, minute=0),
        },
    },
)
app.autodiscover_tasks()


@app.task(name="empact.ping")
def ping(value: str = "pong") -> str:
    """A trivial task: proves a worker consumes from the broker and returns a result."""
    return value


@task_prerun.connect
def _log_task_id(task_id: str | None = None, **_: object) -> None:
    from empact.logging import request_id_var

    request_id_var.set(f"task-{task_id}")
