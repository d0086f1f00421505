"""The dated events of the demo story: joint action days, funding calls, recommendations.

Also the typical sizes of results and grant requests, from which the demo draws its numbers.
"""

from __future__ import annotations

import dataclasses
import datetime

from cycles.models import Cycle, EmpactDocument, Milestone
from funding.reference import (
    AGENCY_BUDGET,
    EASTERN_PARTNERSHIP_GRANTS,
    HIGH_VALUE_GRANTS,
    ISF_EMPACT,
    LOW_VALUE_GRANTS,
    NATIONAL_BUDGET,
)

DocumentKind = EmpactDocument.Kind
MilestoneKind = Milestone.Kind
Step = Cycle.Step

# Words in an action title that mark it as (including) a joint action day.
JAD_WORDS = (
    "JAD",
    "joint action day",
    "Joint action day",
    "Action Days",
    "EMMA",
    "OPSON",
    "SHIELD",
)

# (kind, title, days from the first load, step, responsible)
MILESTONES_DUE_SOON = [
    (
        MilestoneKind.OAPS_APPROVED,
        "COSI approves the remaining OAPs 2026-2027",
        12,
        Step.IMPLEMENTATION,
        "GSC",
    ),
    (
        MilestoneKind.OTHER,
        "NEC meeting under the Presidency: participation in the OAPs 2026-2027",
        19,
        Step.IMPLEMENTATION,
        "GSC",
    ),
    (
        MilestoneKind.PROGRESS_REPORTS,
        "Action leaders update KPI values before the COSI meeting",
        33,
        Step.IMPLEMENTATION,
        "EUROPOL",
    ),
]


@dataclasses.dataclass(frozen=True)
class JadSpec:
    title: str
    start: datetime.date
    end: datetime.date
    lead: str
    centre: str
    plans: tuple[str, ...]
    keywords: tuple[str, ...]
    countries: int
    results: tuple[str, ...]
    status: str
    factsheet: datetime.date | None


EUROPOL_CENTRE = "Europol operational centre, The Hague"
_D = datetime.date
JOINT_ACTION_DAYS = [
    JadSpec(
        "JAD Mobile 2024",
        _D(2024, 6, 10),
        _D(2024, 6, 14),
        "FR:GN",
        EUROPOL_CENTRE,
        ("OAP OPC 2024-2025",),
        ("JAD Mobile",),
        28,
        ("arrests", "persons-checked", "vehicles-checked", "stolen-vehicles-recovered"),
        "completed",
        _D(2024, 7, 4),
    ),
    JadSpec(
        "Global Airport Action Days 2024",
        _D(2024, 6, 3),
        _D(2024, 6, 7),
        "AT:BK",
        EUROPOL_CENTRE,
        ("OAP FRAUD-ONL 2024-2025",),
        ("Global Airport",),
        41,
        ("persons-checked", "arrests", "investigations-initiated"),
        "completed",
        _D(2024, 6, 27),
    ),
    JadSpec(
        "EMMA 10: European Money Mule Action",
        _D(2024, 9, 2),
        _D(2024, 11, 29),
        "EUROPOL",
        "Europol, The Hague",
        ("OAP CFML 2024-2025", "OAP FRAUD-ONL 2024-2025"),
        ("Money Mule", "money mule"),
        26,
        ("money-mules-identified", "arrests", "investigations-initiated"),
        "completed",
        _D(2024, 12, 12),
    ),
    JadSpec(
        "JAD Ports: cocaine in containers 2025",
        _D(2025, 3, 17),
        _D(2025, 3, 21),
        "ES:GC",
        EUROPOL_CENTRE,
        ("OAP DRUGS-CCH 2024-2025",),
        ("seaports", "container"),
        27,
        ("cocaine-seized", "containers-checked", "arrests"),
        "completed",
        _D(2025, 4, 10),
    ),
    JadSpec(
        "JAD Arktos 2025",
        _D(2025, 5, 12),
        _D(2025, 5, 18),
        "FRONTEX",
        "Frontex situation centre, Warsaw",
        ("OAP MS 2024-2025",),
        ("JAD Arktos", "external borders"),
        32,
        ("arrests", "irregular-migrants-detected", "forged-documents-detected", "vehicles-checked"),
        "completed",
        _D(2025, 6, 5),
    ),
    JadSpec(
        "Western Balkans firearms action days 2025",
        _D(2025, 9, 22),
        _D(2025, 9, 26),
        "HR:PNUSKOK",
        EUROPOL_CENTRE,
        ("OAP FIREARMS 2024-2025",),
        ("Western Balkan", "at the borders"),
        33,
        ("firearms-seized", "ammunition-seized", "explosives-seized", "arrests"),
        "completed",
        _D(2025, 10, 16),
    ),
    JadSpec(
        "JAD Ciconia Alba 2025",
        _D(2025, 10, 6),
        _D(2025, 10, 12),
        "NL:police",
        EUROPOL_CENTRE,
        ("OAP THB 2024-2025", "OAP CSE 2024-2025"),
        ("Ciconia Alba", "sexual exploitation"),
        29,
        ("victims-identified", "victims-minors", "arrests", "premises-checked"),
        "completed",
        _D(2025, 11, 6),
    ),
    JadSpec(
        "JAD Arktos 2026",
        _D(2026, 5, 11),
        _D(2026, 5, 17),
        "FRONTEX",
        "Frontex situation centre, Warsaw",
        ("OAP MSTHB 2026-2027",),
        ("JAD Arktos", "external borders"),
        34,
        ("arrests", "irregular-migrants-detected", "forged-documents-detected"),
        "completed",
        _D(2026, 6, 4),
    ),
    JadSpec(
        "JAD firearms in parcels and postal services 2027",
        _D(2027, 3, 15),
        _D(2027, 3, 19),
        "SE:NOA",
        EUROPOL_CENTRE,
        ("OAP FIREX 2026-2027",),
        ("parcel",),
        26,
        (),
        "planned",
        None,
    ),
]

# (source, title, opens, closes, decision expected)
FUNDING_CALLS = [
    (LOW_VALUE_GRANTS, "EMPACT low-value grants 2024", _D(2024, 1, 15), _D(2024, 10, 31), None),
    (LOW_VALUE_GRANTS, "EMPACT low-value grants 2025", _D(2025, 1, 15), _D(2025, 10, 31), None),
    (LOW_VALUE_GRANTS, "EMPACT low-value grants 2026", _D(2026, 1, 15), _D(2026, 12, 15), None),
    (LOW_VALUE_GRANTS, "EMPACT low-value grants 2027", _D(2027, 1, 15), _D(2027, 10, 31), None),
    (
        HIGH_VALUE_GRANTS,
        "EMPACT high-value grants 2024",
        _D(2023, 9, 1),
        _D(2023, 10, 31),
        _D(2024, 1, 31),
    ),
    (
        HIGH_VALUE_GRANTS,
        "EMPACT high-value grants 2025",
        _D(2024, 9, 2),
        _D(2024, 10, 31),
        _D(2025, 1, 31),
    ),
    (
        HIGH_VALUE_GRANTS,
        "EMPACT high-value grants 2026",
        _D(2025, 9, 1),
        _D(2025, 10, 31),
        _D(2026, 1, 30),
    ),
    (
        HIGH_VALUE_GRANTS,
        "EMPACT high-value grants 2027",
        _D(2026, 9, 1),
        _D(2026, 12, 11),
        _D(2027, 2, 26),
    ),
    (
        EASTERN_PARTNERSHIP_GRANTS,
        "EMPACT Eastern Partnership grants 2024-2025",
        _D(2024, 2, 1),
        _D(2024, 4, 30),
        _D(2024, 7, 1),
    ),
    (
        ISF_EMPACT,
        "ISF thematic facility: EMPACT specific action 2025",
        _D(2025, 3, 3),
        _D(2025, 5, 30),
        _D(2025, 9, 30),
    ),
]

RECOMMENDATIONS = [
    (
        "Keep the number of priorities limited and align the OAPs closely with the EU-SOCTA.",
        "done",
    ),
    (
        "Give every national EMPACT coordinator the mandate and resources to integrate EMPACT "
        "actions into national planning.",
        "in_progress",
    ),
    (
        "Make funding available early enough for actions to start at the beginning of the OAP "
        "period.",
        "in_progress",
    ),
    (
        "Measure results against SMART goals and KPIs rather than by counting activities.",
        "in_progress",
    ),
    (
        "Involve non-EU partners more systematically, through the EEAS and the EU delegations.",
        "planned",
    ),
    ("Publish operational results and factsheets in a common format under #EMPACT.", "done"),
    (
        "Reduce the reporting burden on action leaders with a single digital reporting tool.",
        "in_progress",
    ),
    ("Balance prevention and repression in every OAP.", "planned"),
]

# Typical size of one result, before scaling: (low, high).
RESULT_SCALE: dict[str, tuple[float, float]] = {
    "arrests": (5, 120),
    "investigations-initiated": (2, 40),
    "high-value-targets-identified": (1, 12),
    "cash-seized": (50_000, 5_000_000),
    "assets-seized-frozen": (200_000, 25_000_000),
    "cocaine-seized": (50, 8_000),
    "cannabis-seized": (100, 5_000),
    "heroin-seized": (5, 400),
    "synthetic-drugs-seized": (10, 2_000),
    "nps-seized": (1, 200),
    "precursors-seized": (100, 20_000),
    "drug-laboratories-dismantled": (1, 8),
    "firearms-seized": (5, 300),
    "ammunition-seized": (200, 30_000),
    "explosives-seized": (1, 150),
    "victims-identified": (5, 200),
    "victims-minors": (0, 40),
    "child-victims-safeguarded": (1, 30),
    "irregular-migrants-detected": (20, 1_500),
    "persons-checked": (500, 60_000),
    "vehicles-checked": (200, 20_000),
    "premises-checked": (20, 1_500),
    "containers-checked": (50, 3_000),
    "forged-documents-detected": (10, 400),
    "websites-taken-down": (5, 800),
    "servers-seized": (2, 100),
    "money-mules-identified": (20, 600),
    "stolen-vehicles-recovered": (5, 300),
    "cultural-goods-seized": (10, 2_000),
    "cigarettes-seized": (100_000, 30_000_000),
    "fuel-seized": (1_000, 500_000),
    "counterfeit-goods-seized": (1_000, 2_000_000),
    "waste-seized": (10_000, 3_000_000),
    "protected-species-seized": (10, 5_000),
}

# Requested amounts in EUR by source: (low, high, rounded to)
AMOUNTS: dict[str, tuple[int, int, int]] = {
    LOW_VALUE_GRANTS: (15_000, 60_000, 500),
    HIGH_VALUE_GRANTS: (120_000, 850_000, 1_000),
    EASTERN_PARTNERSHIP_GRANTS: (60_000, 300_000, 1_000),
    ISF_EMPACT: (200_000, 1_200_000, 5_000),
    NATIONAL_BUDGET: (10_000, 150_000, 500),
    AGENCY_BUDGET: (20_000, 200_000, 1_000),
}

# (kind, title, first year of the cycle or None, [(version, approved on, Council reference, notes)])
DOCUMENTS = [
    (
        DocumentKind.OTHER,
        "Council conclusions on the permanent continuation of the EU policy cycle for "
        "organised and serious international crime: EMPACT 2022+",
        None,
        [(1, None, "6481/21", "The founding text of EMPACT as a permanent instrument.")],
    ),
    (
        DocumentKind.MANDATE,
        "EMPACT mandate",
        None,
        [
            (1, datetime.date(2021, 11, 15), "", "Governance framework approved by COSI."),
            (
                2,
                datetime.date(2025, 11, 20),
                "",
                "Revised after the independent evaluation of EMPACT 2022-2025.",
            ),
        ],
    ),
    (
        DocumentKind.COMPETENT_ACTORS,
        "List of competent actors",
        None,
        [(1, datetime.date(2021, 11, 15), "", "")],
    ),
    (
        DocumentKind.OAP_TEMPLATE,
        "OAP template 2024-2025",
        2022,
        [(1, datetime.date(2023, 6, 20), "", "Two-year OAPs from 2024.")],
    ),
    (
        DocumentKind.OAP_TEMPLATE,
        "OAP template 2026-2027",
        2026,
        [(1, datetime.date(2025, 7, 10), "", "Aligned with the general MASP 2026-2029.")],
    ),
    (
        DocumentKind.PAD,
        "Policy advisory document EMPACT 2022-2025",
        2022,
        [
            (
                1,
                datetime.date(2021, 4, 30),
                "",
                "Prepared by the Presidency and the Commission.",
            )
        ],
    ),
    (
        DocumentKind.PAD,
        "Policy advisory document EMPACT 2026-2029",
        2026,
        [
            (
                1,
                datetime.date(2025, 4, 30),
                "",
                "Prepared by the Presidency and the Commission.",
            )
        ],
    ),
]
