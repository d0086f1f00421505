"""Fixtures of the API tests: the access-test world, API clients per role, no rate limits."""

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from empact import events
from empact.access.matrix import MATRIX
from empact.api import throttling
from empact.api.urls import COLLECTIONS
from tests.access.world import TODAY, build_world

# The collections of one type of the access matrix each: the generated tests check them cell by
# cell. The audit log (``events``) has no type of its own: an event is visible with the object it
# is about, which tests/api/test_events.py checks against the same oracle.
MATRIX_COLLECTIONS = [
    entry
    for entry in COLLECTIONS
    if any(
        spec.model_label.lower() == entry[1].serializer_class.Meta.model._meta.label_lower
        for spec in MATRIX.types.values()
    )
]


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
            world = build_world()
            record_world_events()
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def record_world_events() -> None:
    """One event about every object of the world whose model declares a ``changed`` code (so the
    audit log has something to filter), recorded by nobody, as a command would."""
    from django.apps import apps

    labels = {kind.model for kind in events.event_types()}
    for label in sorted(labels):
        model = apps.get_model(label)
        try:
            code = events.code_for(model, "changed")
        except LookupError:
            continue
        for obj in model._default_manager.order_by("pk"):
            events.record(actor=None, code=code, obj=obj, changes={"note": ["", "world"]})


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def api(world):
    """``api("driver")``: an API client acting as the world's user of that role."""
    return lambda role: client_for(world.users[role])
