"""Reference data every installation needs, of actors: countries and organisations.

Editable data, loaded idempotently by natural key (``manage.py load_reference``, which loads every
app's ``reference.py`` in the order of the apps). Names of national authorities are the
authorities' usual English names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from actors.models import Country, Organisation
from empact.upsert import Upserter

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

# (handle, name, acronym, kind). Handles are how other reference data (a funding source's managing
# body) and the demo refer to an organisation.
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


def reference_load(*, upserter: Upserter, loaded: Mapping[str, Any]) -> dict[str, Any]:
    """Load (or bring up to date) the countries and organisations; safe to run again.

    Organisations are keyed by handle, and national authorities by ``<country code>:<acronym>``
    and ``<country code>:<discipline>`` (the first of the discipline in the country).
    """
    countries = _load_countries(upserter)
    return {"countries": countries, "organisations": _load_organisations(upserter, countries)}


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
