"""The cast of demo users: one or more for every role, with their role assignments.

Demo data only: every account shares ``DEMO_PASSWORD``. Scopes name plans by code and actions by
(plan code, position in the plan), so the cast reads like the README's table.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import unicodedata

from django.contrib.auth.hashers import make_password
from django.db.models import Prefetch

from actors.grants import sync_user_grants
from actors.models import ROLE_SCOPES, Role, RoleAssignment, Scope, User
from demo.reference_data import ReferenceData
from empact import clock
from empact.upsert import Upserter
from oaps.models import OperationalAction, OperationalActionPlan

DEMO_PASSWORD = "empact-demo-2026"  # noqa: S105 - documented demo password, demo data only
DEMO_EMAIL_DOMAIN = "empact.example.eu"
DEMO_ADMIN_EMAIL = f"admin@{DEMO_EMAIL_DOMAIN}"

# Handover, as ``actors.services.role_assignment_handover`` records one: the predecessor's last
# day is the successor's first day, so nobody is ever missing from the role.
HANDOVER_DAYS_AGO = 30
# An assignment that ends soon with nobody to take over, for the continuity reminders.
ENDING_SOON_IN_DAYS = 21

CYCLE_2026_START = datetime.date(2026, 1, 1)


@dataclasses.dataclass(frozen=True)
class Assignment:
    """A role held by a demo user. ``plan`` is a plan code; ``action`` a (plan code, index)."""

    role: str
    plan: str = ""
    action: tuple[str, int] | None = None
    country: str = ""
    starts_on: datetime.date = CYCLE_2026_START
    ends_on: datetime.date | None = None
    ends_soon: bool = False  # ends ENDING_SOON_IN_DAYS after the first load, no successor
    handover: str = ""  # "from": handed over to the next "to" of the same role and scope


@dataclasses.dataclass(frozen=True)
class DemoUser:
    first_name: str
    last_name: str
    organisation: str  # organisation handle, see actors.reference
    country: str
    assignments: tuple[Assignment, ...]
    email: str = ""
    is_superuser: bool = False

    @property
    def address(self) -> str:
        return self.email or email_address(self.first_name, self.last_name)


# Letters that Unicode does not decompose into a base letter and an accent.
_TRANSLITERATION = str.maketrans(
    {"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "\u0131": "i", "ð": "d", "þ": "th"}
)


def email_address(first_name: str, last_name: str, domain: str = DEMO_EMAIL_DOMAIN) -> str:
    """firstname.lastname@domain, in plain ASCII: "Mikkel Sørensen" -> mikkel.sorensen@..."""
    local = f"{first_name}.{last_name}".lower().replace(" ", "").translate(_TRANSLITERATION)
    return unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode() + f"@{domain}"


HRCN_2026 = "OAP HRCN 2026-2027"
DRUGS_2026 = "OAP DRUGS 2026-2027"
MSTHB_2026 = "OAP MSTHB 2026-2027"
CYB_2026 = "OAP ONL-CYB 2026-2027"
ENVI_2026 = "OAP ENVI 2026-2027"
CYBER_2024 = "OAP CYBER 2024-2025"
CCH_2024 = "OAP DRUGS-CCH 2024-2025"
PLAN_2024_START = datetime.date(2024, 1, 1)
PLAN_2024_END = datetime.date(2025, 12, 31)

# Actions whose leader and co-leaders the cast fixes: (plan code, index) -> (leader, co-leaders).
PINNED_LEADERS: dict[tuple[str, int], tuple[str, tuple[str, ...]]] = {
    (DRUGS_2026, 0): ("ES:PN", ("NL:police",)),
    (DRUGS_2026, 1): ("PL:CBZP", ("SI:police",)),
    (MSTHB_2026, 0): ("PT:PJ", ("DK:police",)),
    (ENVI_2026, 0): ("AT:BK", ()),
}
# Countries that must take part in an action, because a demo participant comes from there.
PINNED_PARTICIPANTS: dict[tuple[str, int], tuple[str, ...]] = {
    (DRUGS_2026, 1): ("RO",),
    (MSTHB_2026, 0): ("CZ",),
}

R = Role
CAST: list[DemoUser] = [
    DemoUser(
        "Adriana",
        "Mertens",
        "GSC",
        "",
        (Assignment(R.ADMINISTRATOR, starts_on=datetime.date(2021, 10, 1)),),
        email=DEMO_ADMIN_EMAIL,
        is_superuser=True,
    ),
    DemoUser(
        "Sophie",
        "Laurent",
        "GSC",
        "",
        (Assignment(R.SECRETARIAT, starts_on=datetime.date(2022, 1, 1)),),
    ),
    DemoUser("Nikos", "Papadopoulos", "GSC", "", (Assignment(R.SECRETARIAT),)),
    DemoUser(
        "Koen",
        "Willems",
        "BE:IBZ",
        "BE",
        (Assignment(R.COSI_DELEGATE, country="BE", starts_on=datetime.date(2023, 9, 1)),),
    ),
    DemoUser(
        "Andrea",
        "Hoffmann",
        "DE:BMI",
        "DE",
        (Assignment(R.COSI_DELEGATE, country="DE", starts_on=datetime.date(2022, 3, 1)),),
    ),
    DemoUser(
        "Maarten",
        "Bakker",
        "NL:JenV",
        "NL",
        (Assignment(R.COSI_DELEGATE, country="NL", starts_on=datetime.date(2024, 2, 1)),),
    ),
    DemoUser(
        "Henrik",
        "Lindqvist",
        "EUROPOL",
        "",
        (Assignment(R.EUROPOL, starts_on=datetime.date(2022, 1, 1)),),
    ),
    DemoUser(
        "Marta",
        "Kowalczyk",
        "EUROPOL",
        "",
        (Assignment(R.EUROPOL, starts_on=datetime.date(2024, 5, 1)),),
    ),
    DemoUser(
        "Isabelle",
        "Leclercq",
        "DG HOME",
        "",
        (Assignment(R.COMMISSION, starts_on=datetime.date(2022, 1, 1)),),
    ),
    DemoUser(
        "Giulia",
        "Ferraro",
        "IT:DIA",
        "IT",
        (Assignment(R.DRIVER, plan=HRCN_2026, ends_soon=True),),
    ),
    DemoUser(
        "Javier",
        "Morales",
        "ES:PN",
        "ES",
        (
            Assignment(R.DRIVER, plan=DRUGS_2026),
            Assignment(R.ACTION_LEADER, action=(DRUGS_2026, 0)),
        ),
    ),
    DemoUser(
        "Katrin",
        "Vogel",
        "DE:BKA",
        "DE",
        (
            Assignment(R.DRIVER, plan=CYBER_2024, starts_on=PLAN_2024_START, ends_on=PLAN_2024_END),
            Assignment(R.DRIVER, plan=CYB_2026),
        ),
    ),
    DemoUser(
        "Carmen",
        "García",
        "ES:GC",
        "ES",
        (Assignment(R.DRIVER, plan=CCH_2024, starts_on=PLAN_2024_START, ends_on=PLAN_2024_END),),
    ),
    DemoUser("Pieter", "de Vries", "NL:police", "NL", (Assignment(R.CO_DRIVER, plan=DRUGS_2026),)),
    DemoUser("Élodie", "Marchand", "FR:GN", "FR", (Assignment(R.CO_DRIVER, plan=HRCN_2026),)),
    DemoUser(
        "Tomasz",
        "Wiśniewski",
        "PL:CBZP",
        "PL",
        (Assignment(R.ACTION_LEADER, action=(DRUGS_2026, 1)),),
    ),
    DemoUser(
        "Ana", "Ribeiro", "PT:PJ", "PT", (Assignment(R.ACTION_LEADER, action=(MSTHB_2026, 0)),)
    ),
    DemoUser(
        "Lukas", "Huber", "AT:BK", "AT", (Assignment(R.ACTION_LEADER, action=(ENVI_2026, 0)),)
    ),
    DemoUser(
        "Eva", "Novak", "SI:police", "SI", (Assignment(R.CO_ACTION_LEADER, action=(DRUGS_2026, 1)),)
    ),
    DemoUser(
        "Mikkel",
        "Sørensen",
        "DK:police",
        "DK",
        (Assignment(R.CO_ACTION_LEADER, action=(MSTHB_2026, 0)),),
    ),
    DemoUser(
        "Ioana", "Popescu", "RO:police", "RO", (Assignment(R.PARTICIPANT, action=(DRUGS_2026, 1)),)
    ),
    DemoUser(
        "Jan", "Dvořák", "CZ:police", "CZ", (Assignment(R.PARTICIPANT, action=(MSTHB_2026, 0)),)
    ),
    DemoUser(
        "Sarah",
        "Peeters",
        "BE:police",
        "BE",
        (Assignment(R.NEC, country="BE", starts_on=datetime.date(2022, 1, 1)),),
    ),
    DemoUser(
        "Joost",
        "van Dijk",
        "NL:police",
        "NL",
        (Assignment(R.NEC, country="NL", starts_on=datetime.date(2023, 4, 1)),),
    ),
    DemoUser(
        "Michael",
        "Schneider",
        "DE:BKA",
        "DE",
        (Assignment(R.NEC, country="DE", starts_on=datetime.date(2022, 1, 1)),),
    ),
    DemoUser(
        "Philippe",
        "Moreau",
        "FR:DCIS",
        "FR",
        (Assignment(R.NEC, country="FR", starts_on=datetime.date(2022, 1, 1), handover="from"),),
    ),
    DemoUser(
        "Camille", "Dubois", "FR:DCIS", "FR", (Assignment(R.NEC, country="FR", handover="to"),)
    ),
    DemoUser(
        "Francesca",
        "Romano",
        "IT:DCPC",
        "IT",
        (Assignment(R.NEC, country="IT", starts_on=datetime.date(2022, 6, 1)),),
    ),
    DemoUser(
        "Lucía",
        "Fernández",
        "ES:CITCO",
        "ES",
        (Assignment(R.NEC, country="ES", starts_on=datetime.date(2024, 9, 1)),),
    ),
    DemoUser(
        "Agnieszka",
        "Nowak",
        "PL:MSWiA",
        "PL",
        (Assignment(R.NEC, country="PL", starts_on=datetime.date(2023, 1, 1)),),
    ),
]


def demo_admin_ensure(*, upserter: Upserter, reference: ReferenceData) -> User:
    """The demo administrator (superuser), created first so it can sign the history."""
    admin = CAST[0]
    return _user_ensure(admin, upserter, reference, _password_hash_if_needed([admin]))


def demo_users_load(*, upserter: Upserter, reference: ReferenceData) -> dict[str, User]:
    """All demo users by e-mail address."""
    hashed = _password_hash_if_needed(CAST)
    return {person.address: _user_ensure(person, upserter, reference, hashed) for person in CAST}


def _password_hash_if_needed(people: list[DemoUser]) -> str:
    """One hash of the demo password, computed only when a user is new (hashing is slow)."""
    emails = [person.address for person in people]
    if User.objects.filter(email__in=emails).count() == len(emails):
        return ""
    return _demo_password_hash()


@functools.cache
def _demo_password_hash() -> str:
    return make_password(DEMO_PASSWORD)


def _user_ensure(
    person: DemoUser, upserter: Upserter, reference: ReferenceData, hashed_password: str
) -> User:
    return upserter.ensure(
        User,
        key={"email": person.address},
        values={
            "first_name": person.first_name,
            "last_name": person.last_name,
            "organisation": reference.organisations[person.organisation],
            "country": reference.countries[person.country] if person.country else None,
            "is_staff": person.is_superuser,
            "is_superuser": person.is_superuser,
        },
        initial={"password": hashed_password},
    )


def role_assignments_load(
    *,
    upserter: Upserter,
    reference: ReferenceData,
    users: dict[str, User],
    plans: dict[str, OperationalActionPlan],
    actions: dict[tuple[str, int], OperationalAction],
    today: datetime.date,
) -> list[RoleAssignment]:
    """Every assignment of the cast; dates relative to today are set only on creation."""
    admin = users[DEMO_ADMIN_EMAIL]
    handover_day = today - datetime.timedelta(days=HANDOVER_DAYS_AGO)
    created: list[RoleAssignment] = []
    handovers: dict[tuple, dict[str, RoleAssignment]] = {}
    for person in CAST:
        user = users[person.address]
        for assignment in person.assignments:
            scope = {
                "plan": plans[assignment.plan] if assignment.plan else None,
                "action": actions[assignment.action] if assignment.action else None,
                "country": reference.countries[assignment.country] if assignment.country else None,
            }
            values = {"assigned_by": admin, "starts_on": assignment.starts_on}
            initial: dict = {}
            if assignment.ends_on:
                values["ends_on"] = assignment.ends_on
            if assignment.ends_soon:
                initial["ends_on"] = today + datetime.timedelta(days=ENDING_SOON_IN_DAYS)
                values["reason"] = "Seconded to a national post; successor not yet appointed."
            if assignment.handover == "from":
                initial["ends_on"] = handover_day
                values["reason"] = "Retirement."
            if assignment.handover == "to":
                del values["starts_on"]
                initial["starts_on"] = handover_day
                values["reason"] = "Handover from the previous national coordinator."
            row = upserter.ensure(
                RoleAssignment,
                key={"user": user, "role": assignment.role, **scope},
                values=values,
                initial=initial,
            )
            created.append(row)
            if assignment.handover:
                key = (assignment.role, assignment.plan, assignment.action, assignment.country)
                handovers.setdefault(key, {})[assignment.handover] = row
    for pair in handovers.values():
        upserter.update(pair["from"], {"successor": pair["to"]})
    for user in users.values():
        sync_user_grants(user, today)  # the guardian rows the permission gate reads
    return created


def current_necs() -> dict[str, str]:
    """Country code -> e-mail address of the NEC in office (after any handover)."""
    return {
        assignment.country: person.address
        for person in CAST
        for assignment in person.assignments
        if assignment.role == Role.NEC and assignment.handover != "from"
    }


def action_leaders() -> dict[tuple[str, int], str]:
    """(plan code, index) -> e-mail address of the demo user leading that action."""
    return {
        assignment.action: person.address
        for person in CAST
        for assignment in person.assignments
        if assignment.role == Role.ACTION_LEADER and assignment.action
    }


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(e-mail, name, organisation, roles) of every demo user, for the console and the README."""
    today = clock.today()
    users = (
        User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
        .select_related("organisation__country")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related(
                    "plan", "action__plan", "country"
                ).order_by("role", "starts_on"),
            )
        )
        .order_by("email")
    )
    rows = []
    for user in users:
        roles = [_describe(assignment, today) for assignment in user.role_assignments.all()]
        rows.append(
            (user.email, user.get_full_name(), str(user.organisation or ""), "; ".join(roles))
        )
    return rows


def _describe(assignment: RoleAssignment, today: datetime.date) -> str:
    scope = ROLE_SCOPES[assignment.role]
    label = str(assignment.get_role_display())
    if scope == Scope.PLAN:
        label += f" of {assignment.plan.code}"
    elif scope == Scope.ACTION:
        label += f" of {assignment.action.plan.code} {assignment.action.code}"
    elif scope == Scope.COUNTRY:
        label += f" ({assignment.country.code})"
    if assignment.starts_on > today:
        label += f" (from {assignment.starts_on:%d %b %Y})"
    elif assignment.ends_on and assignment.ends_on < today:
        label += f" (ended {assignment.ends_on:%d %b %Y})"
    elif assignment.ends_on:
        label += f" (until {assignment.ends_on:%d %b %Y})"
    return label
