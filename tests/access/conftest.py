import pytest
from django.db import transaction

from tests.access.world import TODAY, build_world, enrich_world


@pytest.fixture(autouse=True)
def today(freeze_clock):
    """Date and time stand still on the world's day."""
    freeze_clock(TODAY)
    return TODAY


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction that is rolled back at the end; each test
    runs in its own savepoint on top of it (like Django's setUpTestData)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield enrich_world(build_world())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
