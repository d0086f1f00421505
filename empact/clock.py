"""The clock of the application: one place to ask for today, so tests can move time."""

from __future__ import annotations

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    """Today in the display time zone (Europe/Brussels): EMPACT deadlines are Brussels dates."""
    return timezone.localdate(now())
