"""Reference data every installation needs, of operations: the types of operational results.

Editable data, loaded idempotently by natural key (``manage.py load_reference``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from empact.upsert import Upserter
from oaps.models import ResultType

ResultUnit = ResultType.Unit

# (code, name, unit, category)
RESULT_TYPES: list[tuple[str, str, str, str]] = [
    ("arrests", "Arrests", ResultUnit.COUNT, "Persons"),
    ("investigations-initiated", "Investigations initiated", ResultUnit.COUNT, "Persons"),
    ("high-value-targets-identified", "High-value targets identified", ResultUnit.COUNT, "Persons"),
    ("cash-seized", "Cash seized", ResultUnit.EUR, "Assets"),
    ("assets-seized-frozen", "Assets seized or frozen", ResultUnit.EUR, "Assets"),
    ("cocaine-seized", "Cocaine seized", ResultUnit.KG, "Drugs"),
    ("cannabis-seized", "Cannabis seized", ResultUnit.KG, "Drugs"),
    ("heroin-seized", "Heroin seized", ResultUnit.KG, "Drugs"),
    ("synthetic-drugs-seized", "Synthetic drugs seized", ResultUnit.KG, "Drugs"),
    ("nps-seized", "New psychoactive substances seized", ResultUnit.KG, "Drugs"),
    ("precursors-seized", "Drug precursors seized", ResultUnit.LITRE, "Drugs"),
    ("drug-laboratories-dismantled", "Drug laboratories dismantled", ResultUnit.COUNT, "Drugs"),
    ("firearms-seized", "Firearms seized", ResultUnit.UNITS, "Firearms and explosives"),
    ("ammunition-seized", "Ammunition seized", ResultUnit.UNITS, "Firearms and explosives"),
    ("explosives-seized", "Explosives seized", ResultUnit.KG, "Firearms and explosives"),
    ("victims-identified", "Victims of trafficking identified", ResultUnit.COUNT, "Victims"),
    (
        "victims-minors",
        "Victims of trafficking identified, of which minors",
        ResultUnit.COUNT,
        "Victims",
    ),
    ("child-victims-safeguarded", "Child abuse victims identified", ResultUnit.COUNT, "Victims"),
    ("irregular-migrants-detected", "Irregular migrants detected", ResultUnit.COUNT, "Migration"),
    ("persons-checked", "Persons checked", ResultUnit.COUNT, "Controls"),
    ("vehicles-checked", "Vehicles checked", ResultUnit.COUNT, "Controls"),
    ("premises-checked", "Premises checked", ResultUnit.COUNT, "Controls"),
    ("containers-checked", "Containers checked", ResultUnit.COUNT, "Controls"),
    ("forged-documents-detected", "Forged documents detected", ResultUnit.COUNT, "Document fraud"),
    ("websites-taken-down", "Websites and online accounts taken down", ResultUnit.COUNT, "Online"),
    ("servers-seized", "Servers seized or taken offline", ResultUnit.COUNT, "Online"),
    ("money-mules-identified", "Money mules identified", ResultUnit.COUNT, "Financial"),
    ("stolen-vehicles-recovered", "Stolen vehicles recovered", ResultUnit.COUNT, "Property"),
    ("cultural-goods-seized", "Cultural goods seized", ResultUnit.UNITS, "Property"),
    ("cigarettes-seized", "Cigarettes seized", ResultUnit.UNITS, "Excise"),
    ("fuel-seized", "Fuel and mineral oil seized", ResultUnit.LITRE, "Excise"),
    (
        "counterfeit-goods-seized",
        "Counterfeit goods seized",
        ResultUnit.UNITS,
        "Intellectual property",
    ),
    ("waste-seized", "Illegal waste shipments stopped", ResultUnit.KG, "Environment"),
    (
        "protected-species-seized",
        "Protected species specimens seized",
        ResultUnit.UNITS,
        "Environment",
    ),
]


def reference_load(*, upserter: Upserter, loaded: Mapping[str, Any]) -> dict[str, Any]:
    """Load (or bring up to date) the result types, keyed by code; safe to run again."""
    result_types = {
        code: upserter.ensure(
            ResultType,
            key={"code": code},
            values={"name": name, "unit": unit, "category": category, "position": position},
        )
        for position, (code, name, unit, category) in enumerate(RESULT_TYPES, start=1)
    }
    return {"result_types": result_types}
