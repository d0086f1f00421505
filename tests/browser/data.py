"""The small world of the browser tests, built with the factories and the services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from actors.grants import sync_user_grants
from actors.models import Country, Role, User
from oaps.models import (
    Kpi,
    OperationalAction,
    OperationalActionPlan,
    Participation,
    ReportingPeriod,
    ResultType,
)
from tests.factories import (
    CountryFactory,
    CycleFactory,
    KpiFactory,
    OperationalActionFactory,
    OperationalActionPlanFactory,
    OrganisationFactory,
    ParticipationFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ResultTypeFactory,
    RoleAssignmentFactory,
    UserFactory,
)

TODAY = datetime.date(2026, 11, 27)  # the browser tests freeze the clock on this day


@dataclass
class World:
    plan: OperationalActionPlan
    other_plan: OperationalActionPlan
    action: OperationalAction
    kpi: Kpi
    period: ReportingPeriod
    arrests: ResultType
    belgium: Country
    participation: Participation
    driver: User
    other_driver: User
    leader: User
    co_leader: User
    nec: User


def user(first: str, last: str, role: str, **scope) -> User:
    user = UserFactory(first_name=first, last_name=last, email=f"{first.lower()}@example.eu")
    RoleAssignmentFactory(user=user, role=role, starts_on=datetime.date(2026, 1, 1), **scope)
    sync_user_grants(user)
    return user


def build() -> World:
    cycle = CycleFactory(first_year=2026)
    belgium = CountryFactory(code="BE", name="Belgium")
    spain = CountryFactory(code="ES", name="Spain")
    police_es = OrganisationFactory(name="Policía Nacional", acronym="PN", country=spain)
    plan = OperationalActionPlanFactory(
        priority=PriorityFactory(cycle=cycle, code="DRUGS", title="Drug trafficking"),
        code="OAP DRUGS 2026-2027",
        title="Operational action plan on drug trafficking",
        first_year=2026,
        last_year=2027,
        driver=police_es,
    )
    other_plan = OperationalActionPlanFactory(
        priority=PriorityFactory(cycle=cycle, code="FIREX", title="Firearms"),
        code="OAP FIREX 2026-2027",
        title="Operational action plan on firearms",
        first_year=2026,
        last_year=2027,
    )
    action = OperationalActionFactory(
        plan=plan,
        code="OA 1.1",
        title="Intelligence picture of cocaine in container shipping",
        leader=police_es,
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2027, 11, 30),
    )
    kpi = KpiFactory(action=action, name="Containers inspected", unit="number", target=50)
    period = ReportingPeriodFactory(
        plan=plan,
        title="H2 2026",
        start=datetime.date(2026, 7, 1),
        end=datetime.date(2026, 12, 31),
        deadline=TODAY + datetime.timedelta(days=14),
    )
    participation = ParticipationFactory(
        action=action,
        country=belgium,
        contact_name="Inspector Claes",
        contact_email="claes@police.example.be",
    )
    return World(
        plan=plan,
        other_plan=other_plan,
        action=action,
        kpi=kpi,
        period=period,
        arrests=ResultTypeFactory(code="arrests", name="Arrests"),
        belgium=belgium,
        participation=participation,
        driver=user("Carmen", "Garcia", Role.DRIVER, plan=plan),
        other_driver=user("Katrin", "Vogel", Role.DRIVER, plan=other_plan),
        leader=user("Javier", "Morales", Role.ACTION_LEADER, action=action),
        co_leader=user("Eva", "Novak", Role.CO_ACTION_LEADER, action=action),
        nec=user("Sarah", "Peeters", Role.NEC, country=belgium),
    )
