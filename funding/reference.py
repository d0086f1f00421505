"""Reference data every installation needs, of funding: the funding sources.

Editable data, loaded idempotently by natural key (``manage.py load_reference``). Facts the domain
marks as unconfirmed (the high-value grant ceiling) stay empty and say so in the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from empact.upsert import Upserter
from funding.models import FundingSource

LOW_VALUE_GRANTS = "EMPACT grants - low-value grants"
HIGH_VALUE_GRANTS = "EMPACT grants - high-value grants"
EASTERN_PARTNERSHIP_GRANTS = "EMPACT Eastern Partnership grants"
ISF_EMPACT = "Internal Security Fund 2021-2027 - thematic facility, EMPACT specific action"
NATIONAL_BUDGET = "National budget"
AGENCY_BUDGET = "Agency budget"

FundingKind = FundingSource.Kind

# (name, kind, managing body handle or "", maximum amount or None, eligibility)
FUNDING_SOURCES: list[tuple[str, str, str, Decimal | None, str]] = [
    (
        LOW_VALUE_GRANTS,
        FundingKind.EMPACT_GRANT,
        "EUROPOL",
        Decimal("60000.00"),
        "Ad-hoc grants for operational activities of an approved OAP, up to EUR 60,000 each "
        "(public record). Member-state authorities taking part in the action apply to Europol.",
    ),
    (
        HIGH_VALUE_GRANTS,
        FundingKind.EMPACT_GRANT,
        "EUROPOL",
        None,
        "Annual call per OAP year for larger operational actions. The maximum amount per grant is "
        "not confirmed (unconfirmed): set it here once Europol publishes the call conditions.",
    ),
    (
        EASTERN_PARTNERSHIP_GRANTS,
        FundingKind.EASTERN_PARTNERSHIP,
        "EUROPOL",
        None,
        "Grants for EMPACT actions involving Eastern Partnership countries (Armenia, Azerbaijan, "
        "Georgia, Moldova, Ukraine).",
    ),
    (
        ISF_EMPACT,
        FundingKind.ISF,
        "DG HOME",
        None,
        "Internal Security Fund 2021-2027 (Regulation (EU) 2021/1149), thematic facility: specific "
        "action for EMPACT, managed by the European Commission.",
    ),
    (
        NATIONAL_BUDGET,
        FundingKind.NATIONAL_BUDGET,
        "",
        None,
        "Member states' own budgets for national participation in operational actions.",
    ),
    (
        AGENCY_BUDGET,
        FundingKind.AGENCY_BUDGET,
        "",
        None,
        "EU agencies' own budgets for EMPACT actions included in their work programmes.",
    ),
]


def reference_load(*, upserter: Upserter, loaded: Mapping[str, Any]) -> dict[str, Any]:
    """Load (or bring up to date) the funding sources, keyed by name; safe to run again. A
    source's managing body is an organisation loaded by ``actors`` (by handle)."""
    organisations = loaded["organisations"]
    funding_sources = {
        name: upserter.ensure(
            FundingSource,
            key={"name": name},
            values={
                "kind": kind,
                "managing_body": organisations[body] if body else None,
                "maximum_amount": maximum,
                "eligibility": eligibility,
            },
        )
        for name, kind, body, maximum, eligibility in FUNDING_SOURCES
    }
    return {"funding_sources": funding_sources}
