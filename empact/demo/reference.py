"""Reference data every installation needs: countries, organisations, result types, funding.

All of it is editable data, loaded idempotently by natural key (``manage.py load_reference``).
Names of national authorities are the authorities' usual English names; facts the domain marks
as unconfirmed (the high-value grant ceiling) stay empty and say so in the text.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.db import transaction

from actors.models import Country, Organisation
from empact.demo.upsert import Upserter
from funding.models import FundingSource
from oaps.models import ResultType

Kind = Country.Kind
OrgKind = Organisation.Kind
Discipline = Organisation.Discipline

MEMBER_STATES: list[tuple[str, str]] = [
    ("AT", "Austria"),
    ("BE", "Belgium"),
    ("BG", "Bulgaria"),
    ("HR", "Croatia"),
    ("CY", "Cyprus"),
    ("CZ", "Czechia"),
    ("DK", "Denmark"),
    ("EE", "Estonia"),
    ("FI", "Finland"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("GR", "Greece"),
    ("HU", "Hungary"),
    ("IE", "Ireland"),
    ("IT", "Italy"),
    ("LV", "Latvia"),
    ("LT", "Lithuania"),
    ("LU", "Luxembourg"),
    ("MT", "Malta"),
    ("NL", "Netherlands"),
    ("PL", "Poland"),
    ("PT", "Portugal"),
    ("RO", "Romania"),
    ("SK", "Slovakia"),
    ("SI", "Slovenia"),
    ("ES", "Spain"),
    ("SE", "Sweden"),
]

SCHENGEN_ASSOCIATED: list[tuple[str, str]] = [
    ("IS", "Iceland"),
    ("LI", "Liechtenstein"),
    ("NO", "Norway"),
    ("CH", "Switzerland"),
]

THIRD_COUNTRIES: list[tuple[str, str]] = [
    ("GB", "United Kingdom"),
    ("UA", "Ukraine"),
    ("MD", "Moldova"),
    ("GE", "Georgia"),
    ("AM", "Armenia"),
    ("AL", "Albania"),
    ("RS", "Serbia"),
    ("MK", "North Macedonia"),
    ("ME", "Montenegro"),
    ("BA", "Bosnia and Herzegovina"),
    ("TR", "Türkiye"),
    ("US", "United States"),
    ("CA", "Canada"),
    ("AU", "Australia"),
    ("CO", "Colombia"),
    ("BR", "Brazil"),
    ("EC", "Ecuador"),
    ("PE", "Peru"),
    ("MA", "Morocco"),
    ("TN", "Tunisia"),
    ("NG", "Nigeria"),
    ("AE", "United Arab Emirates"),
    ("IL", "Israel"),
]

# (handle, name, acronym, kind). Handles are how the demo refers to an organisation.
EU_AND_INTERNATIONAL: list[tuple[str, str, str, str]] = [
    (
        "GSC",
        "General Secretariat of the Council - COSI Support Group",
        "GSC",
        OrgKind.EU_INSTITUTION,
    ),
    (
        "DG HOME",
        "European Commission - Directorate-General for Migration and Home Affairs",
        "DG HOME",
        OrgKind.EU_INSTITUTION,
    ),
    (
        "DG TAXUD",
        "European Commission - Directorate-General for Taxation and Customs Union",
        "DG TAXUD",
        OrgKind.EU_INSTITUTION,
    ),
    ("EEAS", "European External Action Service", "EEAS", OrgKind.EU_INSTITUTION),
    (
        "EUROPOL",
        "European Union Agency for Law Enforcement Cooperation",
        "Europol",
        OrgKind.EU_AGENCY,
    ),
    (
        "EUROJUST",
        "European Union Agency for Criminal Justice Cooperation",
        "Eurojust",
        OrgKind.EU_AGENCY,
    ),
    ("FRONTEX", "European Border and Coast Guard Agency", "Frontex", OrgKind.EU_AGENCY),
    ("CEPOL", "European Union Agency for Law Enforcement Training", "CEPOL", OrgKind.EU_AGENCY),
    ("EUDA", "European Union Drugs Agency", "EUDA", OrgKind.EU_AGENCY),
    ("OLAF", "European Anti-Fraud Office", "OLAF", OrgKind.EU_AGENCY),
    (
        "EU-LISA",
        "European Union Agency for the Operational Management of Large-Scale IT Systems in the "
        "Area of Freedom, Security and Justice",
        "eu-LISA",
        OrgKind.EU_AGENCY,
    ),
    ("EPPO", "European Public Prosecutor's Office", "EPPO", OrgKind.EU_AGENCY),
    ("EFCA", "European Fisheries Control Agency", "EFCA", OrgKind.EU_AGENCY),
    ("EMSA", "European Maritime Safety Agency", "EMSA", OrgKind.EU_AGENCY),
    ("EUIPO", "European Union Intellectual Property Office", "EUIPO", OrgKind.EU_AGENCY),
    ("ENISA", "European Union Agency for Cybersecurity", "ENISA", OrgKind.EU_AGENCY),
    ("EJN", "European Judicial Network in criminal matters", "EJN", OrgKind.EU_NETWORK),
    (
        "ENVICRIMENET",
        "Informal network for countering environmental crime",
        "EnviCrimeNet",
        OrgKind.EU_NETWORK,
    ),
    ("CARIN", "Camden Asset Recovery Inter-Agency Network", "CARIN", OrgKind.EU_NETWORK),
    (
        "AIRPOL",
        "European network of airport law enforcement services",
        "AIRPOL",
        OrgKind.EU_NETWORK,
    ),
    ("ENFAST", "European Network of Fugitive Active Search Teams", "ENFAST", OrgKind.EU_NETWORK),
    ("EFE", "European Firearms Experts", "EFE", OrgKind.EU_NETWORK),
    (
        "INTERPOL",
        "International Criminal Police Organization",
        "INTERPOL",
        OrgKind.INTERNATIONAL_ORGANISATION,
    ),
    (
        "UNODC",
        "United Nations Office on Drugs and Crime",
        "UNODC",
        OrgKind.INTERNATIONAL_ORGANISATION,
    ),
    ("WCO", "World Customs Organization", "WCO", OrgKind.INTERNATIONAL_ORGANISATION),
    ("IOM", "International Organization for Migration", "IOM", OrgKind.INTERNATIONAL_ORGANISATION),
    (
        "MAOC-N",
        "Maritime Analysis and Operations Centre - Narcotics",
        "MAOC-N",
        OrgKind.INTERNATIONAL_ORGANISATION,
    ),
    (
        "SEESAC",
        "South Eastern and Eastern Europe Clearinghouse for the Control of Small Arms and Light "
        "Weapons",
        "SEESAC",
        OrgKind.INTERNATIONAL_ORGANISATION,
    ),
    ("IATA", "International Air Transport Association", "IATA", OrgKind.PRIVATE_PARTNER),
    ("EBF", "European Banking Federation", "EBF", OrgKind.PRIVATE_PARTNER),
    ("REACT", "REACT - The Anti-Counterfeiting Network", "REACT", OrgKind.PRIVATE_PARTNER),
]

# Per country: (discipline, name, acronym). The first police and the first customs authority of a
# member state are its default ones in the demo.
NATIONAL_AUTHORITIES: dict[str, list[tuple[str, str, str]]] = {
    "AT": [
        (Discipline.POLICE, "Criminal Intelligence Service Austria", "BK"),
        (Discipline.CUSTOMS, "Austrian Customs", "Zoll"),
        (Discipline.TAX, "Austrian Anti-Fraud Office", "ABB"),
    ],
    "BE": [
        (Discipline.POLICE, "Belgian Federal Police", "FedPol"),
        (Discipline.CUSTOMS, "General Administration of Customs and Excise", "AAD&A"),
        (Discipline.JUDICIAL, "Belgian Federal Prosecutor's Office", "FPO"),
        (Discipline.ADMINISTRATIVE, "Federal Public Service Home Affairs", "IBZ"),
    ],
    "BG": [
        (Discipline.POLICE, "General Directorate Combating Organised Crime", "GDBOP"),
        (Discipline.CUSTOMS, "Bulgarian Customs Agency", "BCA"),
        (Discipline.BORDER_GUARD, "Bulgarian Border Police", "BBP"),
    ],
    "HR": [
        (
            Discipline.POLICE,
            "National Police Office for Suppression of Corruption and Organised Crime",
            "PNUSKOK",
        ),
        (Discipline.CUSTOMS, "Customs Administration of the Republic of Croatia", "CARH"),
    ],
    "CY": [
        (Discipline.POLICE, "Cyprus Police", "CYPOL"),
        (Discipline.CUSTOMS, "Cyprus Department of Customs and Excise", "DCE"),
    ],
    "CZ": [
        (Discipline.POLICE, "National Centre against Organised Crime", "NCOZ"),
        (Discipline.CUSTOMS, "Customs Administration of the Czech Republic", "CS CR"),
    ],
    "DK": [
        (Discipline.POLICE, "Danish National Police - National Special Crime Unit", "NSK"),
        (Discipline.CUSTOMS, "Danish Customs Agency", "Toldstyrelsen"),
    ],
    "EE": [
        (Discipline.POLICE, "Estonian Police and Border Guard Board", "PPA"),
        (Discipline.CUSTOMS, "Estonian Tax and Customs Board", "EMTA"),
    ],
    "FI": [
        (Discipline.POLICE, "National Bureau of Investigation", "KRP"),
        (Discipline.CUSTOMS, "Finnish Customs", "Tulli"),
        (Discipline.BORDER_GUARD, "Finnish Border Guard", "RAJA"),
    ],
    "FR": [
        (Discipline.POLICE, "National Gendarmerie", "GN"),
        (Discipline.POLICE, "National Directorate of the Judicial Police", "DNPJ"),
        (Discipline.POLICE, "Anti-Narcotics Office", "OFAST"),
        (Discipline.CUSTOMS, "Directorate-General of Customs and Excise", "DGDDI"),
        (
            Discipline.ADMINISTRATIVE,
            "Ministry of the Interior - Directorate of International Cooperation in Security",
            "DCIS",
        ),
    ],
    "DE": [
        (Discipline.POLICE, "Federal Criminal Police Office", "BKA"),
        (Discipline.CUSTOMS, "Central Customs Authority", "GZD"),
        (Discipline.BORDER_GUARD, "Federal Police", "BPOL"),
        (Discipline.ADMINISTRATIVE, "Federal Ministry of the Interior", "BMI"),
    ],
    "GR": [
        (Discipline.POLICE, "Hellenic Police", "ELAS"),
        (Discipline.CUSTOMS, "Independent Authority for Public Revenue - Customs", "AADE"),
        (Discipline.BORDER_GUARD, "Hellenic Coast Guard", "HCG"),
    ],
    "HU": [
        (Discipline.POLICE, "National Bureau of Investigation", "NNI"),
        (Discipline.CUSTOMS, "National Tax and Customs Administration", "NAV"),
    ],
    "IE": [
        (Discipline.POLICE, "An Garda Síochána", "AGS"),
        (Discipline.CUSTOMS, "Revenue Commissioners - Customs Service", "Revenue"),
    ],
    "IT": [
        (Discipline.POLICE, "Anti-Mafia Investigation Directorate", "DIA"),
        (Discipline.POLICE, "Italian State Police", "PS"),
        (Discipline.POLICE, "Carabinieri", "CC"),
        (
            Discipline.POLICE,
            "Ministry of the Interior - Central Directorate of Criminal Police",
            "DCPC",
        ),
        (Discipline.CUSTOMS, "Customs and Monopolies Agency", "ADM"),
        (Discipline.TAX, "Guardia di Finanza", "GdF"),
        (Discipline.JUDICIAL, "National Anti-Mafia and Counter-Terrorism Directorate", "DNAA"),
    ],
    "LV": [
        (Discipline.POLICE, "State Police of Latvia", "VP"),
        (Discipline.CUSTOMS, "State Revenue Service - Customs Board", "VID"),
    ],
    "LT": [
        (Discipline.POLICE, "Lithuanian Criminal Police Bureau", "LCPB"),
        (Discipline.CUSTOMS, "Lithuanian Customs", "LTC"),
        (Discipline.BORDER_GUARD, "State Border Guard Service", "VSAT"),
    ],
    "LU": [
        (Discipline.POLICE, "Grand Ducal Police", "PGD"),
        (Discipline.CUSTOMS, "Customs and Excise Agency", "ADA"),
    ],
    "MT": [
        (Discipline.POLICE, "Malta Police Force", "MPF"),
        (Discipline.CUSTOMS, "Commissioner for Revenue - Customs", "CfR Customs"),
    ],
    "NL": [
        (Discipline.POLICE, "Netherlands Police - Central Unit", "Politie LE"),
        (Discipline.CUSTOMS, "Netherlands Customs", "Douane"),
        (Discipline.TAX, "Fiscal Information and Investigation Service", "FIOD"),
        (Discipline.BORDER_GUARD, "Royal Netherlands Marechaussee", "KMar"),
        (Discipline.JUDICIAL, "Public Prosecution Service", "OM"),
        (Discipline.ADMINISTRATIVE, "Ministry of Justice and Security", "JenV"),
    ],
    "PL": [
        (Discipline.POLICE, "Central Bureau of Investigation of the Police", "CBZP"),
        (Discipline.CUSTOMS, "National Revenue Administration", "KAS"),
        (Discipline.BORDER_GUARD, "Polish Border Guard", "SG"),
        (Discipline.ADMINISTRATIVE, "Ministry of the Interior and Administration", "MSWiA"),
    ],
    "PT": [
        (Discipline.POLICE, "Judiciary Police", "PJ"),
        (Discipline.CUSTOMS, "Tax and Customs Authority", "AT"),
        (Discipline.POLICE, "National Republican Guard", "GNR"),
    ],
    "RO": [
        (Discipline.POLICE, "General Inspectorate of Romanian Police", "IGPR"),
        (Discipline.CUSTOMS, "Romanian Customs Authority", "AVR"),
        (Discipline.BORDER_GUARD, "Romanian Border Police", "IGPF"),
        (
            Discipline.JUDICIAL,
            "Directorate for Investigating Organised Crime and Terrorism",
            "DIICOT",
        ),
    ],
    "SK": [
        (Discipline.POLICE, "National Criminal Agency", "NAKA"),
        (Discipline.CUSTOMS, "Financial Administration - Customs", "FS SR"),
    ],
    "SI": [
        (Discipline.POLICE, "Slovenian Police - Criminal Police Directorate", "UKP"),
        (Discipline.CUSTOMS, "Financial Administration of the Republic of Slovenia", "FURS"),
    ],
    "ES": [
        (Discipline.POLICE, "Spanish National Police", "PN"),
        (Discipline.POLICE, "Guardia Civil", "GC"),
        (Discipline.CUSTOMS, "Customs Surveillance Service", "SVA"),
        (Discipline.POLICE, "Intelligence Centre against Terrorism and Organised Crime", "CITCO"),
        (Discipline.JUDICIAL, "Special Prosecutor's Office against Drug Trafficking", "FEA"),
    ],
    "SE": [
        (Discipline.POLICE, "Swedish Police Authority - National Operations Department", "NOA"),
        (Discipline.CUSTOMS, "Swedish Customs", "Tullverket"),
        (Discipline.TAX, "Swedish Economic Crime Authority", "EBM"),
    ],
    "NO": [
        (Discipline.POLICE, "National Criminal Investigation Service", "Kripos"),
        (Discipline.CUSTOMS, "Norwegian Customs", "Tolletaten"),
    ],
    "CH": [
        (Discipline.POLICE, "Federal Office of Police", "fedpol"),
        (Discipline.CUSTOMS, "Federal Office for Customs and Border Security", "FOCBS"),
    ],
    "IS": [(Discipline.POLICE, "National Commissioner of the Icelandic Police", "RLS")],
    "LI": [(Discipline.POLICE, "Liechtenstein National Police", "LP")],
}

THIRD_COUNTRY_AUTHORITIES: dict[str, list[tuple[str, str]]] = {
    "GB": [("National Crime Agency", "NCA")],
    "UA": [
        ("National Police of Ukraine", "NPU"),
        ("State Border Guard Service of Ukraine", "SBGS"),
    ],
    "MD": [("General Police Inspectorate", "IGP")],
    "GE": [("Ministry of Internal Affairs of Georgia", "MIA")],
    "AL": [("Albanian State Police", "ASP")],
    "RS": [("Ministry of Interior - Criminal Police Directorate", "MUP")],
    "MK": [("Ministry of Interior of North Macedonia", "MoI")],
    "ME": [("Police Directorate of Montenegro", "UP")],
    "BA": [("State Investigation and Protection Agency", "SIPA")],
    "TR": [("Turkish National Police", "TNP")],
    "US": [
        ("Drug Enforcement Administration", "DEA"),
        ("Homeland Security Investigations", "HSI"),
        ("Federal Bureau of Investigation", "FBI"),
    ],
    "CA": [("Royal Canadian Mounted Police", "RCMP")],
    "AU": [("Australian Federal Police", "AFP")],
    "CO": [("National Police of Colombia", "PONAL")],
    "BR": [("Federal Police of Brazil", "PF")],
    "EC": [("National Police of Ecuador", "PNE")],
    "MA": [("Directorate General of National Security", "DGSN")],
    "NG": [("National Agency for the Prohibition of Trafficking in Persons", "NAPTIP")],
    "AE": [("Ministry of Interior of the United Arab Emirates", "MOI UAE")],
}

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
    upserter = upserter or Upserter()
    with transaction.atomic():
        countries = _load_countries(upserter)
        organisations = _load_organisations(upserter, countries)
        result_types = {
            code: upserter.ensure(
                ResultType,
                key={"code": code},
                values={"name": name, "unit": unit, "category": category, "position": position},
            )
            for position, (code, name, unit, category) in enumerate(RESULT_TYPES, start=1)
        }
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
    return ReferenceData(countries, organisations, result_types, funding_sources)


def _load_countries(upserter: Upserter) -> dict[str, Country]:
    groups = [
        (MEMBER_STATES, Kind.EU_MEMBER_STATE),
        (SCHENGEN_ASSOCIATED, Kind.SCHENGEN_ASSOCIATED),
        (THIRD_COUNTRIES, Kind.THIRD_COUNTRY),
    ]
    return {
        code: upserter.ensure(Country, key={"code": code}, values={"name": name, "kind": kind})
        for countries, kind in groups
        for code, name in countries
    }


def _load_organisations(
    upserter: Upserter, countries: dict[str, Country]
) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    for handle, name, acronym, kind in EU_AND_INTERNATIONAL:
        organisations[handle] = upserter.ensure(
            Organisation,
            key={"name": name, "country": None},
            values={"acronym": acronym, "kind": kind, "discipline": ""},
        )
    for code, authorities in NATIONAL_AUTHORITIES.items():
        for discipline, name, acronym in authorities:
            organisation = upserter.ensure(
                Organisation,
                key={"name": name, "country": countries[code]},
                values={
                    "acronym": acronym,
                    "kind": OrgKind.NATIONAL_AUTHORITY,
                    "discipline": discipline,
                },
            )
            organisations[f"{code}:{acronym}"] = organisation
            organisations.setdefault(f"{code}:{discipline!s}", organisation)
    for code, authorities in THIRD_COUNTRY_AUTHORITIES.items():
        for name, acronym in authorities:
            organisations[f"{code}:{acronym}"] = upserter.ensure(
                Organisation,
                key={"name": name, "country": countries[code]},
                values={
                    "acronym": acronym,
                    "kind": OrgKind.THIRD_COUNTRY_AUTHORITY,
                    "discipline": "",
                },
            )
    return organisations
