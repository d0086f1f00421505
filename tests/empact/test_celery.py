"""The Celery app: tasks round-trip through a real Redis broker and a real worker process, and every
task of the beat schedule exists and, run by that worker against the test database, does its work.

The worker is a subprocess on the test database (its own connection, so the tests that give it
data commit it: ``transaction=True``). It runs the real clock, so the data is dated days away from
today: the outcome does not depend on the hour at which the suite runs.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery.beat import ScheduleEntry
from celery.schedules import BaseSchedule
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from actors.grants import sync_user_grants
from actors.models import Role, RoleAssignment
from empact import clock
from empact.celery import app
from oaps.models import ActionGrant, PlanGrant
from tests import factories

BASE_DIR = Path(__file__).resolve().parents[2]
DAYS = datetime.timedelta(days=10)

pytestmark = pytest.mark.celery


def _database_url() -> str:
    """The URL of the test database pytest-django created (not the one DATABASE_URL names)."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker):
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.fail("REDIS_URL is not set: run the tests with `make test`, which starts Redis.")
    with django_db_blocker.unblock():
        database_url = _database_url()
    env = {
        **os.environ,
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": url,
        "DATABASE_URL": database_url,
        # The reminder e-mails of the scheduled tasks stay in the worker (tests/reminders has
        # the tests against a real SMTP server).
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "empact",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--include",
            "tests.empact.event_subscriber",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _run_in_worker(worker, name: str, entry: dict | None = None):
    """Send the task as beat sends it (by name, with the entry's arguments) and wait for it."""
    entry = entry or {}
    result = app.send_task(name, args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
    value = result.get(timeout=90)
    assert worker.poll() is None, "the worker process died"
    return value


def test_a_task_round_trips_through_redis_and_a_worker(worker, redis_url):
    from empact.celery import ping

    assert app.conf.broker_url == redis_url, "settings take the broker from REDIS_URL"
    assert ping.delay("hello from the test").get(timeout=90) == "hello from the test"


def test_every_beat_entry_names_a_registered_task_on_a_valid_schedule():
    app.loader.import_default_modules()  # what a worker does at start: autodiscover the tasks
    schedule = app.conf.beat_schedule
    assert schedule, "the beat schedule is empty"
    for name, spec in schedule.items():
        assert spec["task"] in app.tasks, f"{name}: no task {spec['task']!r} is registered"
        entry = ScheduleEntry(name=name, app=app, **spec)
        assert isinstance(entry.schedule, BaseSchedule), f"{name}: {entry.schedule!r}"
        _due, next_in = entry.is_due()
        assert 0 < next_in <= 24 * 60 * 60, f"{name} next runs in {next_in} seconds"


def _role_grants_setup() -> dict:
    """A leader whose role ended twenty days ago but still has its grant, and a driver whose role
    started ten days ago but has no grant yet: what a missed midnight run leaves behind."""
    today = clock.today()  # the worker runs on the real clock: never frozen here
    ended = factories.RoleAssignmentFactory(role=Role.ACTION_LEADER, starts_on=today - 3 * DAYS)
    sync_user_grants(ended.user, today)
    RoleAssignment.objects.filter(pk=ended.pk).update(ends_on=today - 2 * DAYS)
    assert ActionGrant.objects.filter(user=ended.user).exists()
    started = factories.RoleAssignmentFactory(role=Role.DRIVER, starts_on=today - DAYS)
    assert not PlanGrant.objects.filter(user=started.user).exists()
    return {"ended": ended, "started": started}


def _role_grants_check(data: dict, run) -> None:
    ended: RoleAssignment = data["ended"]
    started: RoleAssignment = data["started"]
    assert run() == 2, "the task reports the two users it brought in line"
    assert not ActionGrant.objects.filter(user=ended.user).exists()
    assert PlanGrant.objects.filter(user=started.user, content_object=started.plan).exists()
    assert run() == 0, "running it again changes nothing"


def _reminder_scan_setup() -> dict:
    """An approved plan's action whose report is due in a week, with its leader."""
    today = clock.today()
    action = factories.OperationalActionFactory(plan__status="approved")
    leader = factories.RoleAssignmentFactory(
        role=Role.ACTION_LEADER, action=action, starts_on=today - DAYS
    )
    factories.ReportingPeriodFactory(
        plan=action.plan,
        start=today - 3 * DAYS,
        end=today - DAYS,
        deadline=today + datetime.timedelta(days=7),
    )
    return {"leader": leader.user}


def _reminder_scan_check(data: dict, run) -> None:
    from reminders.models import Notification

    assert run() == 1, "the scan writes the leader's reminder"
    assert Notification.objects.filter(recipient=data["leader"], kind="report_due").count() == 1
    assert run() == 0, "running it again writes nothing"


def _digest_setup() -> dict:
    from reminders.models import Notification

    plan = factories.OperationalActionPlanFactory(status="approved")
    user = factories.UserFactory()
    row = Notification.objects.create(
        recipient=user,
        kind="plan_approved",
        content_type_id=ContentType.objects.get_for_model(plan).pk,
        object_id=plan.pk,
        due_date=clock.today(),
        offset=1,
        title="Plan approved",
        email="digest",
    )
    return {"row": row}


def _digest_check(data: dict, run) -> None:
    assert run() == 1, "one digest e-mail listing the one notification"
    data["row"].refresh_from_db()
    assert data["row"].email == "sent"
    assert run() == 0, "nothing is listed twice"


# Each task of the beat schedule: how to give it work, and what it must have done.
EFFECTS = {
    "actors.sync_role_grants": (_role_grants_setup, _role_grants_check),
    "reminders.scan": (_reminder_scan_setup, _reminder_scan_check),
    "reminders.send_digests": (_digest_setup, _digest_check),
}


def test_every_beat_task_has_a_worker_test():
    assert {spec["task"] for spec in app.conf.beat_schedule.values()} == set(EFFECTS)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("entry", sorted(app.conf.beat_schedule))
def test_a_real_worker_runs_the_scheduled_task_against_the_database(worker, entry):
    spec = app.conf.beat_schedule[entry]
    setup, check = EFFECTS[spec["task"]]
    data = setup()
    check(data, lambda: _run_in_worker(worker, spec["task"], spec))


def test_tasks_are_acknowledged_late_so_a_crashed_worker_does_not_lose_them():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True


# --- events: announced after commit ------------------------------------------------------------


def _announced(event_id: int, seconds: float) -> str | None:
    import time

    from django.core.cache import cache

    from tests.empact.event_subscriber import cache_key

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = cache.get(cache_key(event_id))
        if found is not None:
            return found
        time.sleep(0.2)
    return None


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_runs_the_subscribers_in_the_worker_and_a_rolled_back_one_nothing(
    worker,
):
    from django.db import transaction

    from empact.services import save_change

    actor = factories.UserFactory()
    plan = factories.OperationalActionPlanFactory()
    with transaction.atomic():
        plan.title = "Never saved"
        rolled_back = save_change(plan, actor=actor, code="oaps.plan.changed", fields=["title"])
        rolled_back_event = plan_event_id(plan)
        transaction.set_rollback(True)
    with transaction.atomic():
        plan.title = "Saved"
        save_change(rolled_back, actor=actor, code="oaps.plan.changed", fields=["title"])
        committed_event = plan_event_id(plan)
        assert _announced(committed_event, 1) is None  # nothing is sent before the commit

    assert _announced(committed_event, 90) == "oaps.plan.changed"
    assert worker.poll() is None, "the worker process died"
    # the worker takes its tasks in order: the rolled-back event would have come first
    assert _announced(rolled_back_event, 0.5) is None


def plan_event_id(plan) -> int:
    from empact.models import Event

    return Event.objects.about(plan).order_by("-id").values_list("id", flat=True)[0]
