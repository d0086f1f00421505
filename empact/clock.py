"""The clock of the application: one place to ask for the time, so tests can move it."""

from __future__ import annotations

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    """Today in the display time zone (Europe/Brussels): EMPACT deadlines are Brussels dates."""
    return timezone.localdate(now())


def stamp() -> datetime.datetime:
    """The time to record on a new row (a field default), in UTC as the database answers it
    (a version token is its text: an object just saved and one read back must agree). It asks
    ``now()`` when called, so a frozen clock applies (a default bound to ``now`` would not)."""
    return now().astimezone(datetime.UTC)


def later_than(previous: datetime.datetime | None) -> datetime.datetime:
    """``stamp()``, or a microsecond after ``previous`` if the clock has not passed it (frozen,
    or set back): a version stamp that always moves forward."""
    moment = stamp()
    if previous is not None and moment <= previous:
        return previous + datetime.timedelta(microseconds=1)
    return moment
