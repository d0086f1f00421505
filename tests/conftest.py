"""Test-wide fixtures. The suite runs against PostgreSQL (see scripts/test.sh)."""

from __future__ import annotations

import contextlib
import datetime
import os
import zoneinfo
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings

from empact import clock

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
# A frozen day starts at this Brussels time: mid-morning, far from either midnight.
FROZEN_TIME = datetime.time(10, 30)


def pytest_configure(config: pytest.Config) -> None:
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine and not os.environ.get("EMPACT_ALLOW_SQLITE_TESTS"):
        raise pytest.UsageError(
            "The tests run against PostgreSQL: use `make test`, or set DATABASE_URL to a "
            "PostgreSQL database (EMPACT_ALLOW_SQLITE_TESTS=1 to override for a quick look)."
        )


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.fail("REDIS_URL is not set: run the tests with `make test`, which starts Redis.")
    return url


def _freeze(
    patch: pytest.MonkeyPatch, when: datetime.date | datetime.datetime
) -> datetime.datetime:
    if isinstance(when, datetime.datetime):
        if when.tzinfo is None:
            raise ValueError(f"freeze the clock at an aware moment, not {when!r}")
        moment = when
    else:
        moment = datetime.datetime.combine(when, FROZEN_TIME, tzinfo=BRUSSELS)
    patch.setattr(clock, "now", lambda: moment)
    return moment


@contextlib.contextmanager
def clock_frozen_at(when: datetime.date | datetime.datetime) -> Iterator[datetime.datetime]:
    """The clock stopped at ``when`` (as :func:`freeze_clock`) for a block: for fixtures wider
    than a test, such as a module's world, whose rows must carry timestamps of the frozen day."""
    with pytest.MonkeyPatch.context() as patch:
        yield _freeze(patch, when)


@pytest.fixture
def freeze_clock(monkeypatch) -> Callable[[datetime.date | datetime.datetime], datetime.datetime]:
    """``freeze_clock(day)`` or ``freeze_clock(moment)`` stops the application clock there:
    ``clock.now()`` answers that moment (aware; a day means its 10:30 in Brussels) and
    ``clock.today()``, which reads ``clock.now()``, its Brussels date. Call again to move it.
    Rows saved meanwhile take their timestamps from it (``TimestampedModel``)."""
    return lambda when: _freeze(monkeypatch, when)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters (sign-in attempts, password-reset mails, API rates) live in the cache:
    each test starts with none, whatever the test before it tried."""
    from django.core.cache import cache

    cache.clear()
