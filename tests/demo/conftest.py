from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

EMPACT_APPS = ("actors", "cycles", "priorities", "oaps", "funding")


def row_counts() -> dict[str, int]:
    """Rows per model of the five apps, history and many-to-many tables included."""
    return {
        model._meta.label: model._base_manager.count()
        for label in EMPACT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def business_models() -> list:
    """The models of the five apps without their history tables."""
    return [
        model
        for label in EMPACT_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once per module in a transaction rolled back at the end; each test runs
    in its own savepoint on top of it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", demo_database=True, verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
