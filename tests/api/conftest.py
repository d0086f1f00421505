"""Fixtures of the API tests: the access-test world, API clients per role, no rate limits."""

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from empact.api import throttling
from tests.access.world import TODAY, build_world


@pytest.fixture(autouse=True)
def today(freeze_clock):
    """Date and time stand still on the world's day."""
    freeze_clock(TODAY)
    return TODAY


@pytest.fixture(autouse=True)
def generous_rates(monkeypatch):
    """The tests send thousands of requests a minute; the rate test sets its own limits."""
    monkeypatch.setattr(
        throttling._PerUserOrToken,
        "THROTTLE_RATES",
        {"burst": "1000000/min", "sustained": "1000000/hour", "export": "1000000/hour"},
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction that is rolled back at the end; each test
    runs in its own savepoint on top of it (like Django's setUpTestData)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def api(world):
    """``api("driver")``: an API client acting as the world's user of that role."""
    return lambda role: client_for(world.users[role])
