"""Reminder e-mails end to end: a real Redis broker, a real Celery worker process and a local SMTP
capture server (aiosmtpd), all started here. The scan run twice sends each e-mail once; a mail
server failing then recovering delivers each e-mail once; a worker killed with SIGKILL mid-batch
and started again delivers the rest without sending again what was recorded as sent.

The worker runs on the real clock, so the data is dated from today.
"""

from __future__ import annotations

import datetime
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.contrib.contenttypes.models import ContentType

from actors.models import Role
from empact import clock
from reminders.models import Notification
from reminders.scan import enqueue, rescue, scan
from tests import factories
from tests.empact.test_celery import _database_url

BASE_DIR = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


class Capture:
    """An SMTP handler that keeps every message; it refuses the first ``failures`` with a 451
    and waits ``delay`` seconds before accepting each one (a slow batch to kill)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, bytes]] = []
        self.failures = 0
        self.delay = 0.0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.failures > 0:
                self.failures -= 1
                return "451 4.3.0 Try again later"
        if self.delay:
            time.sleep(self.delay)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.messages.append((recipient, envelope.content))
        return "250 OK"

    def to(self, address: str) -> int:
        with self.lock:
            return sum(1 for recipient, _ in self.messages if recipient == address)

    def count(self) -> int:
        with self.lock:
            return len(self.messages)


@pytest.fixture
def smtp():
    handler = Capture()
    with socket.socket() as probe:  # a free port (aiosmtpd checks its own port by connecting)
        probe.bind(("127.0.0.1", 0))
        handler.port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    controller.stop()


def _start_worker(smtp: Capture) -> subprocess.Popen:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.fail("REDIS_URL is not set: run the tests with `make test`, which starts Redis.")
    env = {
        **os.environ,
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": url,
        "DATABASE_URL": _database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "0",
        "REMINDERS_RETRY_SECONDS": "1",
        "REMINDERS_CLAIM_TIMEOUT": "3",
        "CELERY_VISIBILITY_TIMEOUT": "5",
    }
    return subprocess.Popen(
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
            "-n",
            f"reminders-{os.getpid()}-{time.monotonic_ns()}@%h",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def worker(smtp):
    processes = [_start_worker(smtp)]
    yield processes
    for process in processes:
        _stop(process)


def _wait(condition, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _sent(ids) -> set[int]:
    return set(Notification.objects.filter(pk__in=ids, email="sent").values_list("pk", flat=True))


def _report_due_in_a_week():
    today = clock.today()
    action = factories.OperationalActionFactory(plan__status="approved")
    leader = factories.RoleAssignmentFactory(
        role=Role.ACTION_LEADER, action=action, starts_on=today - datetime.timedelta(days=10)
    ).user
    factories.ReportingPeriodFactory(
        plan=action.plan,
        start=today - datetime.timedelta(days=40),
        end=today - datetime.timedelta(days=10),
        deadline=today + datetime.timedelta(days=7),
    )
    return leader


def _pending(count: int) -> list[Notification]:
    plan = factories.OperationalActionPlanFactory(status="approved")
    content_type = ContentType.objects.get_for_model(plan)
    return [
        Notification.objects.create(
            recipient=factories.UserFactory(),
            kind="plan_approved",
            content_type=content_type,
            object_id=plan.pk,
            due_date=clock.today(),
            offset=n,
            title=f"Plan approved {n}",
            url=f"/plans/{plan.pk}/",
        )
        for n in range(count)
    ]


def test_the_scan_run_twice_sends_each_email_once(smtp, worker):
    leader = _report_due_in_a_week()
    first = scan()
    second = scan()
    assert len(first) == 1 and second == []
    (row,) = first
    assert _wait(lambda: _sent([row.pk])), "the worker sent the e-mail"
    time.sleep(1.5)
    assert smtp.to(leader.email) == 1
    message = smtp.messages[0][1].decode()
    assert "text/html" in message and "text/plain" in message
    assert f"/actions/{row.object_id}/report/" in message, "a direct link to the report"


def test_a_failing_mail_server_is_retried_and_delivers_each_email_once(smtp, worker):
    smtp.failures = 2
    (row,) = _pending(1)
    enqueue([row.pk])
    assert _wait(lambda: _sent([row.pk]), 120), "delivered after the server recovered"
    row.refresh_from_db()
    assert row.email_attempts == 3
    time.sleep(1.5)
    assert smtp.to(row.recipient.email) == 1


def test_a_worker_killed_mid_batch_delivers_the_rest_without_duplicates(smtp, worker):
    smtp.delay = 0.7
    rows = _pending(8)
    ids = [row.pk for row in rows]
    enqueue(ids)
    assert _wait(lambda: len(_sent(ids)) >= 3), "the batch started"
    os.kill(worker[0].pid, signal.SIGKILL)
    worker[0].wait(timeout=20)
    sent_before = _sent(ids)
    assert len(sent_before) < len(ids), "killed mid-batch"
    smtp.delay = 0.0
    worker.append(_start_worker(smtp))
    time.sleep(4)  # past the claim timeout of the row the dead worker held
    rescue(stale_after=datetime.timedelta(seconds=3), pending_after=datetime.timedelta(0))
    assert _wait(lambda: _sent(ids) == set(ids), 120), "the rest is delivered"
    by_pk = {row.pk: row.recipient.email for row in rows}
    for pk in sent_before:
        assert smtp.to(by_pk[pk]) == 1, "recorded as sent: never sent again"
    assert all(1 <= smtp.to(address) <= 2 for address in by_pk.values())
    # At most the one message in flight when the worker died may go out twice.
    assert smtp.count() <= len(ids) + 1
