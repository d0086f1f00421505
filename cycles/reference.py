"""Reference data every installation needs, of cycles: the default timetable of a cycle.

The milestones of footnote 6 of the EMPACT terms of reference (DOMAIN.md), dated relative to a
cycle's first year. Editable data (admin: "Default timetable"), loaded idempotently by natural
key (``manage.py load_reference``): a second run writes nothing, and what COSI changed in an
entry in the admin stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cycles.models import Cycle, Milestone, TimetableEntry
from empact.upsert import Row, Upserter

Kind = Milestone.Kind
Step = Cycle.Step


def _year(offset: int) -> str:
    """The placeholder of the year ``offset`` years after the cycle's first."""
    return "{year}" if offset == 0 else f"{{year+{offset}}}"


# (kind, step, title pattern, year offset, month, day, responsible organisation handle)
TIMETABLE: list[tuple[str, int, str, int, int, int, str]] = [
    (
        Kind.PRIORITIES_ADOPTED,
        Step.POLICY_SETTING,
        "Council adopts the EU crime priorities {year}-{year+3}",
        -1,
        6,
        30,
        "GSC",
    ),
    (
        Kind.MASP_APPROVED,
        Step.POLICY_SETTING,
        "COSI approves the general MASP {year}-{year+3}",
        -1,
        10,
        31,
        "GSC",
    ),
    (
        Kind.OAPS_APPROVED,
        Step.POLICY_SETTING,
        "COSI approves the OAPs {year}-{year+1}",
        -1,
        12,
        15,
        "GSC",
    ),
    (
        Kind.OAPS_APPROVED,
        Step.IMPLEMENTATION,
        "COSI approves the OAPs {year+2}-{year+3}",
        1,
        12,
        15,
        "GSC",
    ),
    (
        Kind.INTERIM_REPORT,
        Step.IMPLEMENTATION,
        "Interim report on new, changing and emerging threats {year+1}",
        1,
        6,
        30,
        "EUROPOL",
    ),
    (
        Kind.MID_TERM_ASSESSMENT,
        Step.IMPLEMENTATION,
        "Mid-term assessment of EMPACT {year}-{year+3} by COSI",
        2,
        10,
        31,
        "GSC",
    ),
    # It opens the next cycle, but is written while this one is being evaluated.
    (Kind.SOCTA, Step.EVALUATION, "EU-SOCTA {year+3} for the next cycle", 3, 3, 31, "EUROPOL"),
    (
        Kind.INDEPENDENT_EVALUATION,
        Step.EVALUATION,
        "Independent evaluation of EMPACT {year}-{year+3}",
        3,
        6,
        30,
        "DG HOME",
    ),
    (
        Kind.POLICY_DECISION,
        Step.EVALUATION,
        "Policy decision on EMPACT after {year+3}",
        3,
        6,
        30,
        "GSC",
    ),
    (
        Kind.FINAL_ASSESSMENT,
        Step.IMPLEMENTATION,
        "Final assessment of EMPACT {year}-{year+3} by COSI",
        3,
        12,
        15,
        "GSC",
    ),
    # Progress reports on each half-year, due a month after it ends.
    *[
        row
        for offset in range(4)
        for row in (
            (
                Kind.PROGRESS_REPORTS,
                Step.IMPLEMENTATION,
                f"Progress reports H1 {_year(offset)} due",
                offset,
                7,
                31,
                "EUROPOL",
            ),
            (
                Kind.PROGRESS_REPORTS,
                Step.IMPLEMENTATION,
                f"Progress reports H2 {_year(offset)} due",
                offset + 1,
                1,
                31,
                "EUROPOL",
            ),
        )
    ],
]


def reference_load(*, upserter: Upserter, loaded: Mapping[str, Any]) -> dict[str, Any]:
    """Load (or bring up to date) the default timetable; safe to run again."""
    organisations = loaded["organisations"]
    rows = [
        Row(
            key={"kind": kind, "title_pattern": title},
            # Only on creation: what COSI changed in the admin stays.
            initial={
                "step": step,
                "year_offset": offset,
                "month": month,
                "day": day,
                "responsible": organisations[handle],
            },
        )
        for kind, step, title, offset, month, day, handle in TIMETABLE
    ]
    return {"timetable": upserter.ensure_all(TimetableEntry, rows)}
