"""The Celery app round-trips a task through a real Redis broker and a real worker process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.celery


@pytest.fixture
def worker(redis_url):
    env = {**os.environ, "CELERY_BROKER_URL": redis_url, "CELERY_RESULT_BACKEND": redis_url}
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
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_task_round_trips_through_redis_and_a_worker(worker, redis_url):
    from empact.celery import app, ping

    assert app.conf.broker_url == redis_url, "settings take the broker from REDIS_URL"
    result = ping.delay("hello from the test")
    assert result.get(timeout=60) == "hello from the test"
    assert worker.poll() is None, "the worker process died"


def test_beat_schedule_is_defined_in_the_celery_app():
    from empact.celery import app

    assert isinstance(app.conf.beat_schedule, dict)


def test_tasks_are_acknowledged_late_so_a_crashed_worker_does_not_lose_them():
    from empact.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
