"""Fixtures of the security tests: the access world of tests/access (built once per module), a
frozen today, and no API rate limits (these tests send many requests)."""

import pytest
from django.db import transaction
from django.test import Client

from empact.api import throttling
from tests.access.world import TODAY, build_world


@pytest.fixture(autouse=True)
def today(freeze_clock):
    """Date and time stand still on the world's day (as in the access, API and page tests)."""
    freeze_clock(TODAY)
    return TODAY


@pytest.fixture(autouse=True)
def generous_rates(monkeypatch):
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


@pytest.fixture
def client_for(db):
    """A test client signed in as the given user."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
