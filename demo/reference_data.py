"""The reference data as the demo looks it up: by code, handle or name.

The rows themselves are every installation's reference data, owned by the apps
(``actors/reference.py``, ``oaps/reference.py``, ``funding/reference.py``) and loaded by
``empact.reference``.
"""

from __future__ import annotations

import dataclasses

from actors.models import Country, Organisation
from actors.reference import MEMBER_STATES
from empact import reference
from empact.upsert import Upserter
from funding.models import FundingSource
from oaps.models import ResultType

Discipline = Organisation.Discipline


@dataclasses.dataclass
class ReferenceData:
    """The loaded reference rows, looked up by code, handle or name."""

    countries: dict[str, Country]
    organisations: dict[str, Organisation]
    result_types: dict[str, ResultType]
    funding_sources: dict[str, FundingSource]

    def national(self, country_code: str, discipline: str = Discipline.POLICE) -> Organisation:
        """The first national authority of this discipline in a country."""
        return self.organisations[f"{country_code}:{discipline!s}"]

    def member_state_codes(self) -> list[str]:
        return [code for code, _ in MEMBER_STATES]


def reference_load(*, upserter: Upserter | None = None) -> ReferenceData:
    """Load (or bring up to date) all reference data; safe to run again."""
    loaded = reference.reference_load(upserter=upserter)
    return ReferenceData(
        countries=loaded["countries"],
        organisations=loaded["organisations"],
        result_types=loaded["result_types"],
        funding_sources=loaded["funding_sources"],
    )
