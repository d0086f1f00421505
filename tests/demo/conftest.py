from __future__ import annotations

import datetime
import os

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from empact import clock
from tests.conftest import clock_frozen_at
from tests.domain_apps import BUSINESS_APPS as EMPACT_APPS


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


def days_to_try(today: datetime.date) -> dict[str, datetime.date]:
    """Days on which the demo must hold as well as today: a year ahead, and the turn of that
    year (the last day of December and the first of January)."""
    ahead = (
        today.replace(year=today.year + 1)
        if (today.month, today.day) != (2, 29)
        else (today + datetime.timedelta(days=365))
    )
    return {
        "a-year-ahead": ahead,
        "new-years-eve": datetime.date(ahead.year, 12, 31),
        "new-years-day": datetime.date(ahead.year + 1, 1, 1),
    }


# Today, and the last day of the year ahead (more than a year moved, and the turn of the year):
# each day loads the whole demo, so the others of ``days_to_try`` are for a run by hand, e.g.
# ``EMPACT_DEMO_DAYS=a-year-ahead,new-years-day`` (comma-separated keys, "today" included).
DEMO_DAYS = tuple(
    day.strip()
    for day in os.environ.get("EMPACT_DEMO_DAYS", "today,new-years-eve").split(",")
    if day.strip()
)


@pytest.fixture(scope="module")
def demo_day(request) -> datetime.date:
    """The day the demo is loaded and checked on: today, unless a module moves it (``param``:
    "today" or a key of ``days_to_try``)."""
    today = clock.today()
    day = getattr(request, "param", "today")
    if day != "today" and day not in days_to_try(today):
        raise pytest.UsageError(
            f"EMPACT_DEMO_DAYS: {day!r} is not one of {sorted(days_to_try(today))}"
        )
    return days_to_try(today).get(day, today)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_day):
    """The demo, loaded once per module in a transaction rolled back at the end, with the clock
    (date and time) frozen on ``demo_day`` for the module; each test runs in its own savepoint
    on top of it."""
    with clock_frozen_at(demo_day), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", demo_database=True, verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
