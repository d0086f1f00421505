"""The milestone timetable: the standard milestones of a cycle, read from the default timetable
(``TimetableEntry``, loaded by ``cycles/reference.py`` and editable in the admin), and the
half-year reporting periods.

Every date is a default: COSI moves milestones as the cycle unfolds, so they are stored as
editable rows, never computed on the fly.
"""

from __future__ import annotations

import dataclasses
import datetime

from actors.models import Organisation
from cycles.models import TimetableEntry


@dataclasses.dataclass(frozen=True)
class MilestoneSpec:
    kind: str
    step: int
    title: str
    due_date: datetime.date
    responsible: Organisation | None


def cycle_milestones(first_year: int) -> list[MilestoneSpec]:
    """The milestones of the default timetable for the cycle starting in ``first_year``."""
    return [
        MilestoneSpec(
            kind=entry.kind,
            step=entry.step,
            title=entry.title(first_year),
            due_date=entry.due_date(first_year),
            responsible=entry.responsible,
        )
        for entry in TimetableEntry.objects.select_related("responsible").order_by(
            "year_offset", "month", "day", "pk"
        )
    ]


def half_years(year: int) -> list[tuple[datetime.date, datetime.date]]:
    """The two six-month reporting periods of a year."""
    return [
        (datetime.date(year, 1, 1), datetime.date(year, 6, 30)),
        (datetime.date(year, 7, 1), datetime.date(year, 12, 31)),
    ]


def reporting_periods(
    first: datetime.date, last: datetime.date, *, months: int = 6, days_to_report: int = 15
) -> list[tuple[str, datetime.date, datetime.date, datetime.date]]:
    """(title, start, end, deadline) of consecutive periods of ``months`` months from ``first``
    to ``last``; each report is due ``days_to_report`` days after its period ends. Six months
    give the half-years "H1 2026", "H2 2026"; other lengths are titled by their months."""
    periods = []
    start = first
    while start <= last:
        month_index = start.month - 1 + months
        following = datetime.date(start.year + month_index // 12, month_index % 12 + 1, 1)
        end = min(following - datetime.timedelta(days=1), last)
        if months == 6 and start.day == 1 and start.month in (1, 7):
            title = f"H{1 if start.month == 1 else 2} {start.year}"
        elif months == 12 and start.day == 1 and start.month == 1:
            title = str(start.year)
        else:
            title = f"{start:%m/%Y}-{end:%m/%Y}"
        periods.append((title, start, end, end + datetime.timedelta(days=days_to_report)))
        start = end + datetime.timedelta(days=1)
    return periods
