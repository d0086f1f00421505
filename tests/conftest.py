"""Test-wide fixtures. The suite runs against PostgreSQL (see scripts/test.sh)."""

from __future__ import annotations

import os

import pytest
from django.conf import settings


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


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters (sign-in attempts, password-reset mails, API rates) live in the cache:
    each test starts with none, whatever the test before it tried."""
    from django.core.cache import cache

    cache.clear()
