"""The business text of the demo: priorities, CHSGs, plan themes, operational actions, KPIs.

Priorities and CHSGs follow the public record (DOMAIN.md); operational action titles are
realistic examples per theme, not copies of the (non-public) OAPs.
"""

from __future__ import annotations

import dataclasses

# -- CHSGs of the general MASP (unconfirmed wording; number 5 is public record) -------------------
CHSGS: list[tuple[str, str]] = [
    (
        "Criminal intelligence picture",
        "Build and share a common criminal intelligence picture of the threats of the priority.",
    ),
    (
        "Investigations and judicial response",
        "Investigations and judicial response, focused on high-risk criminal networks and key "
        "individuals.",
    ),
    (
        "Coordinated controls and operations",
        "Coordinated controls and operations against the online and offline trade in illicit "
        "goods and services.",
    ),
    (
        "Criminal finances, money laundering and asset recovery",
        "Follow the money: financial investigations, anti-money laundering and asset recovery.",
    ),
    ("Document fraud", "Detect and disrupt document fraud enabling serious and organised crime."),
    (
        "Capacity building",
        "Capacity building through training, networking and innovation.",
    ),
    (
        "Prevention, awareness raising and harm reduction",
        "Prevention, awareness raising and harm reduction, with public and private partners.",
    ),
    (
        "External dimension",
        "Cooperation with non-EU partners, with the EEAS, CSDP missions and EU delegations.",
    ),
]


@dataclasses.dataclass(frozen=True)
class Theme:
    """One crime area an OAP covers: its goals, typical actions and results."""

    key: str
    title: str
    goals: tuple[str, ...]
    actions: tuple[tuple[int, str], ...]  # (CHSG number, action title)
    results: tuple[str, ...]  # result type codes
    agencies: tuple[str, ...]  # organisation handles that usually support


THEMES: dict[str, Theme] = {
    theme.key: theme
    for theme in [
        Theme(
            "HRCN",
            "High-risk criminal networks",
            (
                "Identify and disrupt the criminal networks posing the highest risk to the EU",
                "Counter the use of corruption, violence and legal business structures by "
                "criminal networks",
            ),
            (
                (
                    1,
                    "Intelligence picture of the most threatening criminal networks in the EU",
                ),
                (1, "Identification of high-value targets and their key facilitators"),
                (2, "Operational task force against networks using violence and corruption"),
                (
                    2,
                    "Investigations into networks infiltrating legal business structures",
                ),
                (4, "Financial investigations and asset tracing on high-value targets"),
                (2, "Fugitive tracking: EU Most Wanted list and ENFAST cooperation"),
                (3, "Disruption of encrypted communication platforms used by criminal networks"),
                (6, "Training on the administrative approach against organised crime"),
                (7, "Prevention of the recruitment of young people into criminal networks"),
                (
                    8,
                    "Cooperation with Latin American partners on transatlantic networks",
                ),
                (2, "Mapping and targeting corrupt insiders in logistics hubs and ports"),
                (5, "Detection of identity and document fraud used by network members"),
            ),
            (
                "arrests",
                "investigations-initiated",
                "high-value-targets-identified",
                "assets-seized-frozen",
                "cash-seized",
            ),
            ("EUROPOL", "EUROJUST", "ENFAST"),
        ),
        Theme(
            "CYBER",
            "Cyber-attacks",
            (
                "Target criminals offering cyber-attack services and their infrastructure",
                "Increase the resilience of victims and the speed of the response to attacks",
            ),
            (
                (
                    1,
                    "Intelligence sharing on ransomware affiliates and initial access brokers",
                ),
                (2, "Coordinated takedown of botnet and malware infrastructure"),
                (2, "Joint investigations into ransomware-as-a-service groups"),
                (3, "Targeting criminal marketplaces and bulletproof hosting providers"),
                (4, "Tracing cryptocurrency flows linked to ransomware payments"),
                (6, "Cyber investigation and digital forensics training for first responders"),
                (7, "Prevention campaign: protecting small businesses against ransomware"),
                (8, "Cooperation with Ukraine and the Western Balkans on cyber-attacks"),
                (1, "Victim identification and notification after large data breaches"),
                (2, "DDoS-for-hire services: coordinated action against providers and users"),
                (6, "Innovation lab on decryption and lawful access techniques"),
            ),
            (
                "arrests",
                "investigations-initiated",
                "servers-seized",
                "websites-taken-down",
                "assets-seized-frozen",
            ),
            ("EUROPOL", "EUROJUST", "ENISA"),
        ),
        Theme(
            "THB",
            "Trafficking in human beings",
            (
                "Disrupt networks trafficking human beings for all forms of exploitation",
                "Identify and protect more victims, in particular minors",
            ),
            (
                (
                    1,
                    "Intelligence picture of labour exploitation in agriculture and construction",
                ),
                (3, "Joint action days against trafficking for labour exploitation"),
                (3, "Joint action days against trafficking for sexual exploitation"),
                (2, "Investigations into the online recruitment of victims"),
                (4, "Financial investigations into the profits of trafficking networks"),
                (5, "Detection of forged documents used to traffic victims"),
                (7, "Awareness campaign on the risks of exploitation for people fleeing Ukraine"),
                (6, "Training for labour inspectors and police on victim identification"),
                (3, "Protection of unaccompanied minors against trafficking (JAD Ciconia Alba)"),
                (8, "Cooperation with Nigeria and other source countries on trafficking routes"),
                (2, "Trafficking for forced criminality and forced begging"),
            ),
            (
                "arrests",
                "victims-identified",
                "victims-minors",
                "premises-checked",
                "persons-checked",
            ),
            ("EUROPOL", "EUROJUST", "FRONTEX"),
        ),
        Theme(
            "CSE",
            "Child sexual exploitation",
            (
                "Identify more victims of child sexual abuse and safeguard them",
                "Disrupt offenders and the distribution of child sexual abuse material",
            ),
            (
                (1, "Victim identification taskforce at Europol"),
                (2, "Coordinated action against distributors of abuse material on the dark web"),
                (2, "Investigations into live-distant child abuse"),
                (3, "Targeting online platforms hosting child sexual abuse material"),
                (7, "Prevention campaign on online sexual coercion and extortion of minors"),
                (6, "Training on undercover online investigations"),
                (1, "Trace an Object: public appeals for victim identification"),
                (8, "Cooperation with non-EU partners on travelling child sex offenders"),
                (2, "Financial flows linked to live-streamed child abuse"),
                (6, "Artificial intelligence tools to triage seized material"),
            ),
            (
                "arrests",
                "child-victims-safeguarded",
                "investigations-initiated",
                "websites-taken-down",
            ),
            ("EUROPOL", "EUROJUST", "INTERPOL"),
        ),
        Theme(
            "MS",
            "Migrant smuggling",
            (
                "Dismantle networks facilitating irregular migration along the main routes",
                "Counter document fraud and the online advertising of smuggling services",
            ),
            (
                (
                    1,
                    "Intelligence picture of the Eastern Mediterranean and Western Balkan routes",
                ),
                (3, "Joint action days at the external borders (JAD Arktos)"),
                (2, "Investigations into networks organising small-boat crossings"),
                (4, "Financial investigations into hawala payments for smuggling"),
                (5, "Detection of fraudulent documents used by smuggled migrants"),
                (3, "Online advertising of smuggling services: referral and takedown"),
                (8, "Cooperation with Western Balkan partners and Türkiye on smuggling routes"),
                (6, "Joint training on document checks for border guards"),
                (2, "Targeting the smuggling of migrants in lorries and containers"),
                (7, "Information campaigns in countries of origin and transit"),
                (1, "Common risk indicators for airports (JAD Danube)"),
            ),
            (
                "arrests",
                "irregular-migrants-detected",
                "forged-documents-detected",
                "vehicles-checked",
                "persons-checked",
            ),
            ("EUROPOL", "FRONTEX", "EUROJUST"),
        ),
        Theme(
            "DRUGS-CCH",
            "Drugs: cannabis, cocaine and heroin",
            (
                "Reduce the availability of cocaine by targeting importation via logistics hubs",
                "Disrupt cannabis and heroin production and trafficking networks",
            ),
            (
                (1, "Intelligence picture of cocaine trafficking in container shipping"),
                (3, "Targeting the criminal infiltration of major EU seaports"),
                (2, "High-value target investigations into cocaine importation networks"),
                (3, "Maritime interdiction in the Atlantic with MAOC-N"),
                (2, "Cannabis cultivation sites and indoor plantations"),
                (3, "Heroin trafficking along the Balkan route"),
                (4, "Money laundering by drug networks through underground banking"),
                (8, "Cooperation with Latin American and West African partners"),
                (6, "Training on container profiling and risk analysis"),
                (7, "Reducing violence linked to drug markets in EU cities"),
                (2, "Cocaine smuggling through airports by air cargo and couriers"),
                (1, "Monitoring cocaine conversion laboratories in the EU"),
            ),
            (
                "arrests",
                "cocaine-seized",
                "cannabis-seized",
                "heroin-seized",
                "containers-checked",
                "cash-seized",
            ),
            ("EUROPOL", "EUDA", "MAOC-N"),
        ),
        Theme(
            "DRUGS-SYN",
            "Drugs: synthetic drugs and new psychoactive substances",
            (
                "Dismantle synthetic drug production and the supply of precursors",
                "Detect and respond early to new psychoactive substances",
            ),
            (
                (1, "Intelligence picture of synthetic drug production in the EU"),
                (2, "Dismantling illicit laboratories and dumping sites"),
                (3, "Controls on the diversion of precursors and pre-precursors"),
                (3, "Online trade in new psychoactive substances on the surface and dark web"),
                (2, "Investigations into methamphetamine production by cartel-linked networks"),
                (6, "Training on the safe dismantling of drug laboratories"),
                (7, "Early warning on new psychoactive substances with the EUDA"),
                (8, "Cooperation with source countries on precursor shipments"),
                (4, "Financial investigations into synthetic drug production networks"),
                (5, "Fraudulent import licences for precursors"),
            ),
            (
                "arrests",
                "synthetic-drugs-seized",
                "nps-seized",
                "precursors-seized",
                "drug-laboratories-dismantled",
            ),
            ("EUROPOL", "EUDA", "EUROJUST"),
        ),
        Theme(
            "FRAUD-ONL",
            "Fraud: online fraud schemes",
            (
                "Disrupt the networks behind investment, phone and e-commerce fraud",
                "Reduce the number of victims through prevention with private partners",
            ),
            (
                (1, "Intelligence picture of call-centre and investment fraud"),
                (2, "Action against fraudulent online investment platforms"),
                (3, "Global Airport Action Days against airline ticket fraud"),
                (3, "E-commerce fraud action week with online retailers"),
                (2, "Business e-mail compromise and CEO fraud"),
                (4, "Money mule recruitment and the European Money Mule Action (EMMA)"),
                (7, "Prevention campaign on phishing and romance scams"),
                (6, "Training on investigating card-not-present fraud"),
                (8, "Cooperation with non-EU partners on fraudulent call centres abroad"),
                (2, "Telecom fraud: SIM swapping and caller ID spoofing"),
            ),
            (
                "arrests",
                "investigations-initiated",
                "money-mules-identified",
                "persons-checked",
                "assets-seized-frozen",
            ),
            ("EUROPOL", "EUROJUST", "IATA", "EBF"),
        ),
        Theme(
            "FRAUD-EXC",
            "Fraud: excise fraud",
            (
                "Dismantle illegal production and smuggling of tobacco, alcohol and fuel",
                "Recover evaded excise duties",
            ),
            (
                (1, "Intelligence picture of illicit tobacco production in the EU"),
                (3, "Joint customs operation on illicit cigarettes and raw tobacco"),
                (2, "Dismantling illegal cigarette factories"),
                (3, "Fuel fraud: mineral oil laundering and misdeclaration"),
                (3, "Alcohol excise fraud: diversion under duty suspension"),
                (4, "Recovery of evaded excise duties"),
                (8, "Cooperation with Eastern partners on cigarette smuggling"),
                (6, "Training on the analysis of excise movement data"),
                (5, "Forged excise documents and tax stamps"),
                (2, "Water-pipe and heated tobacco products fraud"),
            ),
            (
                "arrests",
                "cigarettes-seized",
                "fuel-seized",
                "premises-checked",
                "assets-seized-frozen",
            ),
            ("EUROPOL", "OLAF", "DG TAXUD"),
        ),
        Theme(
            "FRAUD-MTIC",
            "Fraud: missing trader intra-community (MTIC) fraud",
            (
                "Dismantle the networks behind carousel VAT fraud",
                "Recover VAT losses and criminal assets from missing traders",
            ),
            (
                (1, "Intelligence picture of MTIC fraud in electronics and mobile phones"),
                (2, "Investigations into carousel fraud in energy and emission allowances"),
                (2, "Joint investigations with the EPPO on cross-border VAT fraud"),
                (4, "Asset recovery from missing traders"),
                (3, "Coordinated controls on the abuse of customs procedure 42"),
                (1, "Data exchange through Eurofisc and transaction network analysis"),
                (6, "Training on MTIC investigation techniques"),
                (2, "E-commerce VAT fraud involving non-EU sellers"),
                (8, "Cooperation with the United Kingdom and Switzerland on MTIC chains"),
                (5, "Shell companies and stolen identities used as missing traders"),
            ),
            ("arrests", "investigations-initiated", "assets-seized-frozen", "premises-checked"),
            ("EUROPOL", "EPPO", "OLAF"),
        ),
        Theme(
            "FRAUD-IPC",
            "Fraud: intellectual property crime, counterfeiting of goods and currencies",
            (
                "Disrupt the trade in counterfeit goods harmful to health and safety",
                "Protect the euro against counterfeiting",
            ),
            (
                (1, "Intelligence picture of the trade in counterfeit goods"),
                (3, "Operation on counterfeit food and beverages (OPSON)"),
                (3, "Operation on counterfeit medicines and doping substances (SHIELD)"),
                (3, "Online marketplaces selling counterfeit goods"),
                (2, "Counterfeit euro banknotes and coins: illegal print shops"),
                (3, "Counterfeit and illegal pesticides (SILVER AXE)"),
                (6, "Training with rights holders on the detection of counterfeits"),
                (7, "Awareness campaign on counterfeit toys and cosmetics"),
                (8, "Cooperation with partner customs administrations on counterfeit flows"),
                (2, "Illegal IPTV streaming networks"),
            ),
            ("arrests", "counterfeit-goods-seized", "websites-taken-down", "premises-checked"),
            ("EUROPOL", "EUIPO", "OLAF", "REACT"),
        ),
        Theme(
            "FRAUD-CFML",
            "Criminal finances, money laundering and asset recovery",
            (
                "Dismantle professional money laundering networks and underground banking",
                "Increase the confiscation of criminal assets",
            ),
            (
                (1, "Financial intelligence picture with the financial intelligence units"),
                (2, "Investigations into professional money laundering networks"),
                (4, "Cross-border asset tracing by the asset recovery offices"),
                (3, "Controls on cash couriers at borders and airports"),
                (4, "Cryptocurrency-based money laundering"),
                (3, "European Money Mule Action (EMMA)"),
                (4, "Trade-based money laundering"),
                (6, "Training on financial investigations with CEPOL"),
                (8, "Cooperation with financial hubs outside the EU"),
                (2, "Underground banking and hawala networks"),
                (7, "Public-private partnership with banks on money laundering typologies"),
            ),
            (
                "arrests",
                "cash-seized",
                "assets-seized-frozen",
                "money-mules-identified",
                "investigations-initiated",
            ),
            ("EUROPOL", "EUROJUST", "CARIN", "EBF"),
        ),
        Theme(
            "OPC",
            "Organised property crime",
            (
                "Disrupt mobile organised crime groups committing burglaries, thefts and robberies",
                "Recover stolen property and proceeds",
            ),
            (
                (1, "Intelligence picture of mobile organised crime groups"),
                (3, "JAD Mobile: coordinated checks on itinerant criminal groups"),
                (2, "Organised burglaries and thefts of high-value goods"),
                (3, "Vehicle crime: stolen cars and car parts"),
                (2, "ATM attacks with explosives"),
                (3, "Cargo theft on motorways and in parking areas"),
                (3, "Theft of cultural goods and illicit trafficking of antiquities"),
                (7, "Prevention of fraud and thefts targeting the elderly"),
                (6, "Training on forensic analysis in property crime"),
                (8, "Cooperation with Western Balkan partners on property crime"),
                (4, "Recovery of stolen goods and criminal proceeds"),
            ),
            (
                "arrests",
                "stolen-vehicles-recovered",
                "vehicles-checked",
                "cultural-goods-seized",
                "persons-checked",
            ),
            ("EUROPOL", "EUROJUST", "INTERPOL"),
        ),
        Theme(
            "ENVI",
            "Environmental crime",
            (
                "Disrupt networks involved in waste and wildlife trafficking",
                "Strengthen the cooperation of environmental inspectors, police and prosecutors",
            ),
            (
                (1, "Intelligence picture of waste crime"),
                (3, "Illegal shipments of waste: coordinated port controls"),
                (3, "Trafficking in endangered species and glass eels"),
                (2, "Illegal trade in fluorinated gases"),
                (2, "Illegal logging and timber trade"),
                (4, "Financial investigations into environmental crime"),
                (6, "Training for environmental inspectors and prosecutors"),
                (8, "Cooperation with African and Asian partners on wildlife trafficking"),
                (3, "Illegal fishing and fisheries fraud with the EFCA"),
                (7, "Awareness of environmental crime among customs and port staff"),
            ),
            (
                "arrests",
                "waste-seized",
                "protected-species-seized",
                "containers-checked",
                "investigations-initiated",
            ),
            ("EUROPOL", "EUROJUST", "ENVICRIMENET", "EFCA"),
        ),
        Theme(
            "FIREARMS",
            "Firearms trafficking",
            (
                "Reduce the illicit trafficking and criminal use of firearms and explosives",
                "Prevent the diversion of firearms from conflict areas",
            ),
            (
                (1, "Intelligence picture of firearms trafficking"),
                (2, "Investigations into converted and reactivated firearms"),
                (3, "Firearms trafficking through parcel and postal services"),
                (3, "3D-printed firearms and their online trade"),
                (8, "Cooperation with Ukraine on preventing the diversion of firearms"),
                (8, "Joint action on firearms with Western Balkan partners and SEESAC"),
                (6, "Training on firearms identification and tracing"),
                (5, "Forged firearms licences and documents"),
                (3, "Joint action days on firearms trafficking at the borders"),
                (2, "Explosives and hand grenades used by criminal networks"),
            ),
            ("arrests", "firearms-seized", "ammunition-seized", "explosives-seized"),
            ("EUROPOL", "FRONTEX", "EFE", "SEESAC"),
        ),
    ]
}

# -- 2022-2025 ----------------------------------------------------------------------------------
# (code, title, description, plan themes, threat titles answered)
PRIORITIES_2022: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "HRCN",
        "High-risk criminal networks",
        "Identify and disrupt the high-risk criminal networks active in the EU and their key "
        "individuals, in particular those using corruption, violence, firearms, money laundering "
        "and legal business structures.",
        ("HRCN",),
        ("Criminal networks infiltrating legal business structures", "Corruption as an enabler"),
    ),
    (
        "CYBER",
        "Cyber-attacks",
        "Target the offenders orchestrating cyber-attacks, in particular those offering "
        "specialised criminal services online.",
        ("CYBER",),
        ("Ransomware attacks on businesses and public services",),
    ),
    (
        "THB",
        "Trafficking in human beings",
        "Disrupt the networks involved in all forms of trafficking in human beings, focusing on "
        "those exploiting minors and recruiting and advertising victims online.",
        ("THB",),
        ("Labour exploitation in low-wage sectors", "Exploitation of people fleeing Ukraine"),
    ),
    (
        "CSE",
        "Child sexual exploitation",
        "Fight child sexual abuse online and offline, including the production and dissemination "
        "of child sexual abuse material.",
        ("CSE",),
        ("Online child sexual exploitation",),
    ),
    (
        "MS",
        "Migrant smuggling",
        "Disrupt the criminal networks facilitating irregular migration along the main routes, "
        "including through document fraud.",
        ("MS",),
        ("Migrant smuggling along the Western Balkan route",),
    ),
    (
        "DRUGS",
        "Drugs trafficking",
        "Identify, investigate and target the networks trafficking cannabis, cocaine and heroin "
        "and producing and trafficking synthetic drugs and new psychoactive substances.",
        ("DRUGS-CCH", "DRUGS-SYN"),
        (
            "Cocaine trafficking through EU seaports",
            "Synthetic drug production in the EU",
            "Expansion of cocaine conversion laboratories in the EU",
        ),
    ),
    (
        "FRAUD",
        "Fraud, economic and financial crimes",
        "Online fraud schemes, excise fraud, MTIC fraud, intellectual property crime and "
        "counterfeiting of goods and currencies, criminal finances, money laundering and asset "
        "recovery.",
        ("FRAUD-ONL", "FRAUD-EXC", "FRAUD-MTIC", "FRAUD-IPC", "FRAUD-CFML"),
        (
            "Online investment and phone fraud",
            "Parallel underground banking",
            "Generative artificial intelligence used for fraud",
            "Fraud against EU recovery funds",
        ),
    ),
    (
        "OPC",
        "Organised property crime",
        "Target mobile organised crime groups committing burglaries, thefts and robberies, "
        "vehicle crime and the illicit trade in cultural goods.",
        ("OPC",),
        ("Mobile organised crime groups",),
    ),
    (
        "ENVI",
        "Environmental crime",
        "Disrupt the networks involved in environmental crime, in particular waste and wildlife "
        "trafficking.",
        ("ENVI",),
        ("Illegal waste trafficking",),
    ),
    (
        "FIREARMS",
        "Firearms trafficking",
        "Target the illicit trafficking, distribution and use of firearms, including converted "
        "and reactivated firearms.",
        ("FIREARMS",),
        (
            "Firearms trafficking from the Western Balkans",
            "Diversion of firearms from the war against Ukraine",
        ),
    ),
]

# theme -> (driver handle, co-driver handles)
PLAN_DRIVERS_2022: dict[str, tuple[str, tuple[str, ...]]] = {
    "HRCN": ("IT:DIA", ("NL:police", "DE:BKA")),
    "CYBER": ("DE:BKA", ("FR:GN", "NL:police")),
    "THB": ("NL:police", ("RO:police", "AT:BK")),
    "CSE": ("IT:PS", ("ES:PN", "FR:DNPJ")),
    "MS": ("ES:PN", ("DE:BPOL", "GR:ELAS")),
    "DRUGS-CCH": ("ES:GC", ("BE:police", "NL:police", "PT:PJ")),
    "DRUGS-SYN": ("NL:police", ("BE:police", "PL:CBZP")),
    "FRAUD-ONL": ("AT:BK", ("DE:BKA", "CZ:NCOZ")),
    "FRAUD-EXC": ("PL:KAS", ("LT:LTC", "DE:GZD")),
    "FRAUD-MTIC": ("HU:NAV", ("NL:FIOD", "IT:GdF")),
    "FRAUD-IPC": ("IT:GdF", ("ES:SVA", "FR:DGDDI")),
    "FRAUD-CFML": ("BE:police", ("IT:GdF", "NL:FIOD")),
    "OPC": ("FR:GN", ("DE:BKA", "BE:police")),
    "ENVI": ("IT:CC", ("ES:GC", "NL:police")),
    "FIREARMS": ("SE:NOA", ("ES:GC", "HR:PNUSKOK")),
}

PLAN_CODE_SUFFIX: dict[str, str] = {
    "HRCN": "HRCN",
    "CYBER": "CYBER",
    "THB": "THB",
    "CSE": "CSE",
    "MS": "MS",
    "DRUGS-CCH": "DRUGS-CCH",
    "DRUGS-SYN": "DRUGS-SYN",
    "FRAUD-ONL": "FRAUD-ONL",
    "FRAUD-EXC": "FRAUD-EXC",
    "FRAUD-MTIC": "FRAUD-MTIC",
    "FRAUD-IPC": "FRAUD-IPC",
    "FRAUD-CFML": "CFML",
    "OPC": "OPC",
    "ENVI": "ENVI",
    "FIREARMS": "FIREARMS",
}

# -- 2026-2029 ----------------------------------------------------------------------------------
PRIORITIES_2026: list[tuple[str, str, str, tuple[str, ...]]] = [
    (
        "HRCN",
        "Most threatening criminal networks and individuals",
        "Identify and dismantle the most threatening criminal networks and the individuals at "
        "their core, including their use of violence, corruption and legal business structures.",
        ("Criminal networks as hybrid threat actors", "Recruitment of minors for violent crime"),
    ),
    (
        "ONLINE",
        "Online crime",
        "Cyber-attacks, online child sexual exploitation and online fraud.",
        ("Online crime accelerated by artificial intelligence",),
    ),
    (
        "DRUGS",
        "Drug trafficking",
        "Trafficking of cocaine, cannabis and heroin and the production and trafficking of "
        "synthetic drugs and new psychoactive substances.",
        ("Cocaine and synthetic drug markets",),
    ),
    (
        "MSTHB",
        "Migrant smuggling and trafficking in human beings",
        "Disrupt the networks smuggling migrants and trafficking human beings, online and offline.",
        ("Migrant smuggling offered through online services",),
    ),
    (
        "FIREX",
        "Firearms and explosives",
        "Target the trafficking and criminal use of firearms and explosives.",
        ("Explosives in attacks on ATMs and rivals",),
    ),
    (
        "ENVI",
        "Environmental crime",
        "Disrupt the networks involved in waste, wildlife and other environmental crime.",
        ("Environmental crime and waste trafficking",),
    ),
    (
        "ECOFIN",
        "Economic and financial crime",
        "Fraud against the EU budget and revenue, excise and MTIC fraud, intellectual property "
        "crime, money laundering and asset recovery.",
        ("Exploitation of legal business structures",),
    ),
]


@dataclasses.dataclass(frozen=True)
class Plan2026:
    suffix: str
    priority: str
    title: str
    themes: tuple[str, ...]
    driver: str
    co_drivers: tuple[str, ...]
    status: str
    action_count: int


PLANS_2026: list[Plan2026] = [
    Plan2026(
        "HRCN",
        "HRCN",
        "Most threatening criminal networks and individuals",
        ("HRCN",),
        "IT:DIA",
        ("NL:police", "FR:GN"),
        "approved",
        8,
    ),
    Plan2026(
        "ONL-CYB",
        "ONLINE",
        "Online crime: cyber-attacks",
        ("CYBER",),
        "DE:BKA",
        ("FR:GN", "RO:police"),
        "draft",
        6,
    ),
    Plan2026(
        "ONL-CSE",
        "ONLINE",
        "Online crime: online child sexual exploitation",
        ("CSE",),
        "IT:PS",
        ("ES:PN",),
        "submitted",
        6,
    ),
    Plan2026(
        "ONL-FRAUD",
        "ONLINE",
        "Online crime: online fraud schemes",
        ("FRAUD-ONL",),
        "AT:BK",
        ("DE:BKA", "CZ:NCOZ"),
        "returned",
        6,
    ),
    Plan2026(
        "DRUGS",
        "DRUGS",
        "Drug trafficking",
        ("DRUGS-CCH", "DRUGS-SYN"),
        "ES:PN",
        ("NL:police", "BE:police", "PT:PJ"),
        "approved",
        8,
    ),
    Plan2026(
        "MSTHB",
        "MSTHB",
        "Migrant smuggling and trafficking in human beings",
        ("MS", "THB"),
        "NL:KMar",
        ("ES:PN", "GR:ELAS"),
        "approved",
        8,
    ),
    Plan2026(
        "FIREX",
        "FIREX",
        "Firearms and explosives",
        ("FIREARMS",),
        "SE:NOA",
        ("HR:PNUSKOK", "ES:GC"),
        "approved",
        8,
    ),
    Plan2026("ENVI", "ENVI", "Environmental crime", ("ENVI",), "IT:CC", ("ES:GC",), "draft", 6),
    Plan2026(
        "ECOFIN",
        "ECOFIN",
        "Economic and financial crime",
        ("FRAUD-CFML", "FRAUD-MTIC", "FRAUD-EXC", "FRAUD-IPC"),
        "BE:police",
        ("IT:GdF", "NL:FIOD"),
        "draft",
        6,
    ),
]

# -- Threat assessments -------------------------------------------------------------------------
# (title, trend)
SOCTA_2021_THREATS: list[tuple[str, str]] = [
    ("Criminal networks infiltrating legal business structures", "persisting"),
    ("Corruption as an enabler", "persisting"),
    ("Ransomware attacks on businesses and public services", "changing"),
    ("Labour exploitation in low-wage sectors", "persisting"),
    ("Online child sexual exploitation", "changing"),
    ("Migrant smuggling along the Western Balkan route", "persisting"),
    ("Cocaine trafficking through EU seaports", "changing"),
    ("Synthetic drug production in the EU", "persisting"),
    ("Online investment and phone fraud", "changing"),
    ("Parallel underground banking", "persisting"),
    ("Mobile organised crime groups", "persisting"),
    ("Illegal waste trafficking", "persisting"),
    ("Firearms trafficking from the Western Balkans", "persisting"),
]
INTERIM_2023_THREATS: list[tuple[str, str]] = [
    ("Diversion of firearms from the war against Ukraine", "emerging"),
    ("Exploitation of people fleeing Ukraine", "new"),
    ("Criminal use of encrypted communication after EncroChat and Sky ECC", "changing"),
    ("Expansion of cocaine conversion laboratories in the EU", "changing"),
    ("Generative artificial intelligence used for fraud", "emerging"),
    ("Fraud against EU recovery funds", "new"),
]
SOCTA_2025_THREATS: list[tuple[str, str]] = [
    ("Criminal networks as hybrid threat actors", "new"),
    ("Online crime accelerated by artificial intelligence", "emerging"),
    ("Recruitment of minors for violent crime", "emerging"),
    ("Cocaine and synthetic drug markets", "persisting"),
    ("Explosives in attacks on ATMs and rivals", "changing"),
    ("Exploitation of legal business structures", "persisting"),
    ("Migrant smuggling offered through online services", "changing"),
    ("Environmental crime and waste trafficking", "persisting"),
]

# -- Actions: methods, expected results and KPIs per CHSG ----------------------------------------
METHODS: dict[int, str] = {
    1: "Collection and analysis of contributions through SIENA; operational analysis report by "
    "Europol; expert meetings.",
    2: "Operational meetings, joint investigation teams with Eurojust support, coordinated "
    "arrests and house searches.",
    3: "Coordinated controls and joint action days with a coordination centre at Europol.",
    4: "Parallel financial investigations, asset tracing with the asset recovery offices, "
    "cooperation with financial intelligence units.",
    5: "Document checks with common risk indicators, expert support from Frontex, exchange of "
    "specimens.",
    6: "Residential and online courses with CEPOL, exchange programmes, a handbook of good "
    "practice.",
    7: "Public awareness campaigns with private partners and NGOs, published under #EMPACT.",
    8: "Operational cooperation with non-EU partners through liaison officers, EU delegations "
    "and CSDP missions.",
}
EXPECTED_RESULTS: dict[int, str] = {
    1: "A shared intelligence picture and target list used by all participants.",
    2: "High-value targets identified and prosecuted; networks dismantled.",
    3: "Illicit goods seized, offenders arrested, trafficking routes disrupted.",
    4: "Criminal assets identified, frozen and confiscated.",
    5: "Forged documents detected and document fraud networks disrupted.",
    6: "Officers trained and a sustainable network of experts.",
    7: "Better informed public and private partners; fewer victims.",
    8: "Stronger operational cooperation with non-EU partners.",
}

# (name, unit, baseline range, target uplift range, direction)
KPI_TEMPLATES: dict[int, list[tuple[str, str, tuple[int, int], tuple[int, int], str]]] = {
    1: [
        ("SIENA contributions from participants", "number", (40, 120), (20, 80), "increase"),
        ("Intelligence reports disseminated", "number", (2, 6), (1, 4), "increase"),
        ("Average days to answer information requests", "days", (20, 35), (5, 12), "decrease"),
    ],
    2: [
        ("Investigations initiated", "number", (5, 20), (5, 15), "increase"),
        ("High-value targets identified", "number", (3, 10), (2, 8), "increase"),
        ("Joint investigation teams set up", "number", (0, 3), (1, 3), "increase"),
    ],
    3: [
        ("Coordinated operations carried out", "number", (1, 4), (1, 3), "increase"),
        ("Countries taking part in the joint action days", "number", (10, 20), (4, 10), "increase"),
        ("Arrests during coordinated operations", "number", (20, 120), (20, 80), "increase"),
    ],
    4: [
        ("Assets frozen or seized", "EUR", (500_000, 3_000_000), (500_000, 2_000_000), "increase"),
        ("Parallel financial investigations opened", "number", (3, 12), (2, 8), "increase"),
    ],
    5: [
        ("Forged documents detected", "number", (50, 300), (20, 150), "increase"),
        ("Document fraud alerts shared", "number", (5, 20), (5, 15), "increase"),
    ],
    6: [
        ("Officers trained", "number", (40, 150), (20, 100), "increase"),
        ("Share of participants rating the training useful", "%", (70, 85), (5, 10), "increase"),
    ],
    7: [
        (
            "People reached by the awareness campaign",
            "number",
            (50_000, 400_000),
            (50_000, 300_000),
            "increase",
        ),
        ("Private partners involved", "number", (3, 10), (2, 6), "increase"),
    ],
    8: [
        ("Non-EU partners taking part", "number", (2, 6), (1, 4), "increase"),
        ("Operational meetings with non-EU partners", "number", (2, 6), (1, 4), "increase"),
    ],
}

REPORT_NARRATIVES: list[str] = [
    "Operational meetings held as planned; contributions from most participants received.",
    "The coordinated operation took place with support from the Europol coordination centre.",
    "Two new investigations were opened after the exchange of information between participants.",
    "Training delivered to national experts; the handbook of good practice is being finalised.",
    "Cooperation with the non-EU partners intensified; a liaison officer joined the action.",
    "Progress in line with the plan; results will be consolidated for the next COSI report.",
]
REPORT_OBSTACLES: list[str] = [
    "",
    "",
    "Late confirmation of participation by two member states.",
    "Funding decision arrived after the planned start; activities started one quarter late.",
    "Limited availability of analysts during the summer period.",
    "Legal obstacles to the exchange of financial information with one non-EU partner.",
]
RETURN_COMMENTS: list[str] = [
    "Please report the KPI values against the baseline and explain the gap to the target.",
    "The narrative does not cover the joint action day; please add its results.",
    "Please attach the list of participating countries and their confirmations.",
]

# Names for national contacts and demo users, by country: (first names, last names).
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "AT": (("Lukas", "Katharina", "Florian"), ("Huber", "Gruber", "Wagner")),
    "BE": (("Sarah", "Koen", "Pieter"), ("Peeters", "Willems", "Janssens")),
    "BG": (("Georgi", "Elena", "Ivan"), ("Petrov", "Dimitrova", "Georgiev")),
    "HR": (("Ivana", "Marko", "Tomislav"), ("Horvat", "Kovačević", "Babić")),
    "CY": (("Andreas", "Maria", "Christos"), ("Georgiou", "Constantinou", "Ioannou")),
    "CZ": (("Jan", "Petra", "Tomáš"), ("Dvořák", "Novotná", "Svoboda")),
    "DK": (("Mikkel", "Camilla", "Søren"), ("Sørensen", "Nielsen", "Jensen")),
    "EE": (("Kristjan", "Liis", "Andres"), ("Tamm", "Saar", "Kask")),
    "FI": (("Mikko", "Laura", "Antti"), ("Korhonen", "Virtanen", "Mäkinen")),
    "FR": (("Camille", "Philippe", "Élodie"), ("Dubois", "Moreau", "Marchand")),
    "DE": (("Katrin", "Michael", "Andrea"), ("Vogel", "Schneider", "Hoffmann")),
    "GR": (("Nikos", "Eleni", "Dimitris"), ("Papadopoulos", "Georgiou", "Nikolaou")),
    "HU": (("Gábor", "Zsófia", "László"), ("Nagy", "Kovács", "Tóth")),
    "IE": (("Ciarán", "Aoife", "Seán"), ("Murphy", "Kelly", "Byrne")),
    "IT": (("Giulia", "Francesca", "Alessandro"), ("Ferraro", "Romano", "Esposito")),
    "LV": (("Jānis", "Ilze", "Andris"), ("Bērziņš", "Kalniņa", "Ozols")),
    "LT": (("Tomas", "Rūta", "Mindaugas"), ("Kazlauskas", "Petrauskaitė", "Jankauskas")),
    "LU": (("Marc", "Anne", "Luc"), ("Schmit", "Weber", "Muller")),
    "MT": (("Joseph", "Maria", "Mark"), ("Borg", "Camilleri", "Vella")),
    "NL": (("Joost", "Maarten", "Pieter"), ("van Dijk", "Bakker", "de Vries")),
    "PL": (("Agnieszka", "Tomasz", "Marta"), ("Nowak", "Wiśniewski", "Kowalczyk")),
    "PT": (("Ana", "João", "Rita"), ("Ribeiro", "Ferreira", "Costa")),
    "RO": (("Ioana", "Andrei", "Mihai"), ("Popescu", "Ionescu", "Stan")),
    "SK": (("Martin", "Zuzana", "Peter"), ("Horváth", "Kováčová", "Varga")),
    "SI": (("Eva", "Matej", "Nina"), ("Novak", "Krajnc", "Zupan")),
    "ES": (("Javier", "Lucía", "Carmen"), ("Morales", "Fernández", "García")),
    "SE": (("Henrik", "Anna", "Erik"), ("Lindqvist", "Johansson", "Larsson")),
    "NO": (("Ola", "Ingrid", "Lars"), ("Hansen", "Berg", "Olsen")),
    "CH": (("Reto", "Sandra", "Beat"), ("Müller", "Keller", "Meier")),
    "IS": (("Jón", "Guðrún", "Einar"), ("Jónsson", "Sigurðardóttir", "Magnússon")),
    "LI": (("Thomas", "Sabine", "Daniel"), ("Beck", "Frick", "Büchel")),
    "GB": (("James", "Emma", "David"), ("Smith", "Taylor", "Evans")),
    "UA": (("Oksana", "Andriy", "Olena"), ("Shevchenko", "Kovalenko", "Bondarenko")),
    "MD": (("Ion", "Natalia", "Vasile"), ("Rusu", "Ceban", "Lupu")),
    "GE": (("Giorgi", "Nino", "Levan"), ("Beridze", "Kapanadze", "Gelashvili")),
    "AL": (("Arben", "Elira", "Ermal"), ("Hoxha", "Shehu", "Dervishi")),
    "RS": (("Nikola", "Jelena", "Milan"), ("Jovanović", "Petrović", "Nikolić")),
    "MK": (("Aleksandar", "Marija", "Goran"), ("Stojanovski", "Nikolovska", "Trajkovski")),
    "ME": (("Marko", "Milica", "Vuk"), ("Vuković", "Radović", "Popović")),
    "BA": (("Emir", "Amra", "Dragan"), ("Hodžić", "Delić", "Kovač")),
    "TR": (("Mehmet", "Ayşe", "Emre"), ("Yılmaz", "Kaya", "Demir")),  # noqa: RUF001 - a Turkish name
    "US": (("Michael", "Jennifer", "Robert"), ("Johnson", "Williams", "Brown")),
    "CA": (("Ryan", "Sophie", "Marc"), ("Tremblay", "Roy", "MacDonald")),
    "CO": (("Andrés", "Paola", "Carlos"), ("Rodríguez", "Gómez", "Martínez")),
    "BR": (("Rafael", "Fernanda", "Lucas"), ("Silva", "Santos", "Oliveira")),
    "MA": (("Youssef", "Fatima", "Karim"), ("El Amrani", "Benali", "Alaoui")),
}
