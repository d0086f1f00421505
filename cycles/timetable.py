"""The milestone timetable: the standard milestones of a cycle, generated from its first year
(DOMAIN.md), and the half-year reporting periods.

Every date is a default: COSI moves milestones as the cycle unfolds, so they are stored as
editable rows, never computed on the fly.
"""

from __future__ import annotations

import dataclasses
import datetime

from cycles.models import Cycle, Milestone

MilestoneKind = Milestone.Kind
Step = Cycle.Step


@dataclasses.dataclass(frozen=True)
class MilestoneSpec:
    kind: str
    step: int
    title: str
    due_date: datetime.date
    responsible: str  # organisation handle


def cycle_milestones(
    first_year: int, *, plan_periods: list[tuple[int, int]] | None = None
) -> list[MilestoneSpec]:
    """The standard milestones of the cycle starting in ``first_year``; all dates are defaults."""
    y = first_year
    name = f"{y}-{y + 3}"
    periods = plan_periods or [(y, y + 1), (y + 2, y + 3)]
    specs = [
        MilestoneSpec(
            MilestoneKind.PRIORITIES_ADOPTED,
            Step.POLICY_SETTING,
            f"Council adopts the EU crime priorities {name}",
            datetime.date(y - 1, 6, 30),
            "GSC",
        ),
        MilestoneSpec(
            MilestoneKind.MASP_APPROVED,
            Step.POLICY_SETTING,
            f"COSI approves the general MASP {name}",
            datetime.date(y - 1, 10, 31),
            "GSC",
        ),
    ]
    for index, (first, last) in enumerate(periods):
        label = f"{first}" if first == last else f"{first}-{last}"
        specs.append(
            MilestoneSpec(
                MilestoneKind.OAPS_APPROVED,
                Step.POLICY_SETTING if index == 0 else Step.IMPLEMENTATION,
                f"COSI approves the OAPs {label}",
                datetime.date(first - 1, 12, 15),
                "GSC",
            )
        )
    specs += [
        MilestoneSpec(
            MilestoneKind.INTERIM_REPORT,
            Step.IMPLEMENTATION,
            f"Interim report on new, changing and emerging threats {y + 1}",
            datetime.date(y + 1, 6, 30),
            "EUROPOL",
        ),
        MilestoneSpec(
            MilestoneKind.MID_TERM_ASSESSMENT,
            Step.IMPLEMENTATION,
            f"Mid-term assessment of EMPACT {name} by COSI",
            datetime.date(y + 2, 10, 31),
            "GSC",
        ),
        MilestoneSpec(
            # It opens the next cycle, but is written while this one is being evaluated.
            MilestoneKind.SOCTA,
            Step.EVALUATION,
            f"EU-SOCTA {y + 3} for the next cycle",
            datetime.date(y + 3, 3, 31),
            "EUROPOL",
        ),
        MilestoneSpec(
            MilestoneKind.INDEPENDENT_EVALUATION,
            Step.EVALUATION,
            f"Independent evaluation of EMPACT {name}",
            datetime.date(y + 3, 6, 30),
            "DG HOME",
        ),
        MilestoneSpec(
            MilestoneKind.POLICY_DECISION,
            Step.EVALUATION,
            f"Policy decision on EMPACT after {y + 3}",
            datetime.date(y + 3, 6, 30),
            "GSC",
        ),
        MilestoneSpec(
            MilestoneKind.FINAL_ASSESSMENT,
            Step.IMPLEMENTATION,
            f"Final assessment of EMPACT {name} by COSI",
            datetime.date(y + 3, 12, 15),
            "GSC",
        ),
    ]
    for year in range(periods[0][0], y + 4):
        for half, (_start, end) in enumerate(half_years(year), start=1):
            specs.append(
                MilestoneSpec(
                    MilestoneKind.PROGRESS_REPORTS,
                    Step.IMPLEMENTATION,
                    f"Progress reports H{half} {year} due",
                    end + datetime.timedelta(days=31),
                    "EUROPOL",
                )
            )
    return specs


def half_years(year: int) -> list[tuple[datetime.date, datetime.date]]:
    """The two six-month reporting periods of a year."""
    return [
        (datetime.date(year, 1, 1), datetime.date(year, 6, 30)),
        (datetime.date(year, 7, 1), datetime.date(year, 12, 31)),
    ]
