"""Synthetic volume for load tests: N times the realistic yearly volume of EMPACT.

Each run adds its own priorities, plans and everything below them to one synthetic cycle
("Synthetic scale data 2010-2013"), so the demo cycles are never touched and codes never clash:
priority codes carry the run number (``R3-P012``), plan codes the run and plan number. Rows are
written with ``bulk_create`` in batches, without history: this is test data, not an audit trail.

``cycles`` spreads the plans over that many synthetic cycles (2010, 2014, 2018), ``big_plan``
gives the first plan that many actions (the plan page at its largest), and ``users`` adds that
many people holding about ten role assignments each (drivers of the plans, leaders and
participants of the actions, NECs, a few global roles), with their guardian rows derived in bulk
as ``actors.grants`` derives them. Per action: about ten participations, a quarterly report for
each of the plan's eight quarters and five results a report.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
import re
import time
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from actors.grants import grants_bulk_create
from actors.models import Organisation, Role, RoleAssignment, User
from cycles.models import Cycle
from cycles.timetable import reporting_periods
from demo import content, story
from demo.reference_data import ReferenceData, reference_load
from empact import clock
from empact.upsert import Upserter
from funding.models import FundingRequest
from funding.reference import (
    AGENCY_BUDGET,
    LOW_VALUE_GRANTS,
    NATIONAL_BUDGET,
)
from oaps.models import (
    Kpi,
    KpiValue,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanGoal,
    ProgressReport,
    ReportingPeriod,
)
from priorities.models import HorizontalGoal, Masp, Priority

SCALE_CYCLE_YEAR = 2010
PRIORITIES_PER_FACTOR = 10
PLANS_PER_FACTOR = 15
BATCH_SIZE = 2000
CENT = Decimal("0.01")
CYCLE_YEARS = 4
MAX_CYCLES = 3  # 2010, 2014, 2018: before the demo's cycles
USER_DOMAIN = "scale.empact.example.eu"
GLOBAL_ROLES = (Role.EUROPOL, Role.SECRETARIAT, Role.COMMISSION)

ActionStatus = OperationalAction.Status
ReportStatus = ProgressReport.Status
RequestStatus = FundingRequest.Status
RUN_CODE = re.compile(r"^R(\d+)-P\d+$")


@dataclasses.dataclass
class ScaleSummary:
    run: int
    counts: dict[str, int]
    seconds: float

    @property
    def actions_per_minute(self) -> float:
        return self.counts.get("oaps.OperationalAction", 0) / max(self.seconds, 1e-9) * 60


def scale_data_generate(
    *,
    factor: int,
    seed: int = 2022,
    progress: Callable[[str], None] | None = None,
    cycles: int = 1,
    big_plan: int = 0,
    users: int = 0,
) -> ScaleSummary:
    """Create ``factor`` times the realistic volume (~15 plans, ~210 actions each) in bulk."""
    if factor < 1:
        raise ValueError("The factor must be at least 1.")
    if not 1 <= cycles <= MAX_CYCLES or big_plan < 0 or users < 0:
        raise ValueError(
            f"1 to {MAX_CYCLES} cycles (the demo's start in 2022); no negative plan size or users."
        )
    started = time.monotonic()
    with transaction.atomic():
        upserter = Upserter(update_existing=False)
        reference = reference_load(upserter=upserter)
        generator = _Generator(
            reference, upserter, random.Random(seed), progress or (lambda _: None)
        )
        generator.run(factor, cycles=cycles, big_plan=big_plan, users=users)
    return ScaleSummary(generator.run_number, generator.counts, time.monotonic() - started)


class _Generator:
    def __init__(
        self,
        reference: ReferenceData,
        upserter: Upserter,
        rng: random.Random,
        progress: Callable[[str], None],
    ) -> None:
        self.ref = reference
        self.up = upserter
        self.rng = rng
        self.progress = progress
        self.counts: dict[str, int] = {}
        self.run_number = 0
        member_states = reference.member_state_codes()
        self.member_state_ids = [reference.countries[code].pk for code in member_states]
        self.authority_ids = [
            reference.national(code, discipline).pk
            for code in member_states
            for discipline in (Organisation.Discipline.POLICE, Organisation.Discipline.CUSTOMS)
        ]
        self.europol_id = reference.organisations["EUROPOL"].pk
        self.result_type_ids = {code: rt.pk for code, rt in reference.result_types.items()}
        self.sources = reference.funding_sources
        self.themes = list(content.THEMES.values())

    def _cycle(self, first_year: int) -> tuple[Cycle, dict[int, int]]:
        cycle = self.up.ensure(
            Cycle,
            key={"first_year": first_year},
            values={
                "name": f"Synthetic scale data {first_year}-{first_year + CYCLE_YEARS - 1}",
                "current_step": Cycle.Step.IMPLEMENTATION,
            },
        )
        masp = self.up.ensure(
            Masp, key={"cycle": cycle}, values={"title": "Synthetic general MASP"}
        )
        chsgs = {
            number: self.up.ensure(
                HorizontalGoal, key={"masp": masp, "number": number}, values={"title": title}
            ).pk
            for number, (title, _description) in enumerate(content.CHSGS, start=1)
        }
        return cycle, chsgs

    def run(self, factor: int, *, cycles: int = 1, big_plan: int = 0, users: int = 0) -> None:
        made = [self._cycle(SCALE_CYCLE_YEAR + CYCLE_YEARS * i) for i in range(cycles)]
        self.chsgs_by_cycle = {cycle.pk: chsgs for cycle, chsgs in made}
        self.run_number = self._next_run([cycle for cycle, _ in made])
        priorities = self._priorities([cycle for cycle, _ in made], factor)
        plans = self._plans(priorities, factor)
        goals = self._plan_goals(plans)
        actions = self._actions(plans, goals, big_plan)
        self._participations(actions)
        kpis = self._kpis(actions)
        periods = self._periods(plans)
        reports = self._reports(actions, periods)
        self._kpi_values(reports, kpis)
        self._results(reports, actions, periods)
        self._funding_requests(actions)
        if users:
            self._people(users, plans, actions)

    # -- bulk writing -------------------------------------------------------------------------

    def _bulk(self, model: type[models.Model], objs: list) -> list:
        created = model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(created)
        self.progress(f"{label}: {len(created)}")
        return created

    def _bulk_m2m(self, model: type[models.Model], field: str, pairs: list[tuple[int, int]]):
        relation = model._meta.get_field(field)
        through = relation.remote_field.through
        source = through._meta.get_field(relation.m2m_field_name()).attname
        target = through._meta.get_field(relation.m2m_reverse_field_name()).attname
        self._bulk(through, [through(**{source: a, target: b}) for a, b in pairs])

    # -- the plan layer -----------------------------------------------------------------------

    def _next_run(self, cycles: list[Cycle]) -> int:
        runs = [
            int(match.group(1))
            for code in Priority.objects.filter(cycle__in=cycles).values_list("code", flat=True)
            if (match := RUN_CODE.match(code))
        ]
        return max(runs, default=0) + 1

    def _priorities(self, cycles: list[Cycle], factor: int) -> list[Priority]:
        objs = []
        for number in range(1, factor * PRIORITIES_PER_FACTOR + 1):
            theme = self.themes[(number - 1) % len(self.themes)]
            objs.append(
                Priority(
                    cycle_id=cycles[(number - 1) % len(cycles)].pk,
                    code=f"R{self.run_number}-P{number:03d}",
                    title=f"{theme.title} (synthetic {number})",
                    description="Synthetic priority for load tests.",
                )
            )
        return self._bulk(Priority, objs)

    def _plans(self, priorities: list[Priority], factor: int) -> list[OperationalActionPlan]:
        rng = self.rng
        objs = []
        co_drivers = []
        cycle_years = {c.pk: c.first_year for c in Cycle.objects.filter(priorities__in=priorities)}
        self.cycle_of_priority = {p.pk: p.cycle_id for p in priorities}
        for number in range(1, factor * PLANS_PER_FACTOR + 1):
            priority = priorities[(number - 1) % len(priorities)]
            first = cycle_years[priority.cycle_id] + (0 if number % 2 else 2)
            objs.append(
                OperationalActionPlan(
                    priority_id=priority.pk,
                    code=f"OAP R{self.run_number}-{number:04d} {first}-{first + 1}",
                    title=f"Synthetic operational action plan {number}: {priority.title}",
                    first_year=first,
                    last_year=first + 1,
                    driver_id=rng.choice(self.authority_ids),
                    status=OperationalActionPlan.Status.CLOSED,
                )
            )
        plans = self._bulk(OperationalActionPlan, objs)
        for plan in plans:
            for org in rng.sample(self.authority_ids, rng.randint(1, 3)):
                if org != plan.driver_id:
                    co_drivers.append((plan.pk, org))
        self._bulk_m2m(OperationalActionPlan, "co_drivers", co_drivers)
        return plans

    def _plan_goals(self, plans: list[OperationalActionPlan]) -> dict[int, list[int]]:
        objs = []
        for index, plan in enumerate(plans):
            theme = self.themes[index % len(self.themes)]
            for number, title in enumerate(theme.goals, start=1):
                objs.append(PlanGoal(plan_id=plan.pk, number=number, title=title))
        goals: dict[int, list[int]] = {}
        for goal in self._bulk(PlanGoal, objs):
            goals.setdefault(goal.plan_id, []).append(goal.pk)
        return goals

    def _actions(
        self,
        plans: list[OperationalActionPlan],
        goals: dict[int, list[int]],
        big_plan: int,
    ) -> list[OperationalAction]:
        rng = self.rng
        objs = []
        for index, plan in enumerate(plans):
            chsgs = self.chsgs_by_cycle[self.cycle_of_priority[plan.priority_id]]
            pool = self.themes[index % len(self.themes)].actions
            counters: dict[int, int] = {}
            size = big_plan if index == 0 and big_plan else rng.randint(11, 18)
            for position in range(size):
                chsg, title = pool[position % len(pool)]
                if position >= len(pool):
                    title = f"{title} (phase {position // len(pool) + 1})"
                counters[chsg] = counters.get(chsg, 0) + 1
                start = datetime.date(plan.first_year, 1, 1)
                end = datetime.date(rng.choice([plan.last_year] * 7 + [plan.first_year]), 12, 31)
                objs.append(
                    OperationalAction(
                        plan_id=plan.pk,
                        code=f"OA {chsg}.{counters[chsg]}",
                        position=position + 1,
                        title=title,
                        horizontal_goal_id=chsgs[chsg],
                        leader_id=rng.choice(self.authority_ids),
                        start_date=start,
                        end_date=end,
                        methods=content.METHODS[chsg],
                        expected_results=content.EXPECTED_RESULTS[chsg],
                        status=rng.choices(
                            [ActionStatus.COMPLETED, ActionStatus.DELAYED, ActionStatus.CANCELLED],
                            weights=[85, 10, 5],
                        )[0],
                    )
                )
        actions = self._bulk(OperationalAction, objs)
        co_leaders = []
        plan_goals = []
        for action in actions:
            for org in rng.sample(self.authority_ids, rng.choice([0, 1, 1, 2])):
                if org != action.leader_id:
                    co_leaders.append((action.pk, org))
            plan_goals.append((action.pk, rng.choice(goals[action.plan_id])))
        self._bulk_m2m(OperationalAction, "co_leaders", co_leaders)
        self._bulk_m2m(OperationalAction, "plan_goals", plan_goals)
        return actions

    # -- what happens inside the actions ------------------------------------------------------

    def _participations(self, actions: list[OperationalAction]) -> None:
        rng = self.rng
        Confirmation = Participation.Confirmation
        objs = []
        for action in actions:
            for country_id in rng.sample(self.member_state_ids, rng.randint(7, 11)):
                objs.append(
                    Participation(
                        action_id=action.pk,
                        country_id=country_id,
                        confirmation=rng.choices(
                            [Confirmation.CONFIRMED, Confirmation.PENDING, Confirmation.DECLINED],
                            weights=[85, 7, 8],
                        )[0],
                    )
                )
            objs.append(
                Participation(
                    action_id=action.pk,
                    organisation_id=self.europol_id,
                    role=Participation.Role.SUPPORTING_AGENCY,
                    confirmation=Confirmation.CONFIRMED,
                )
            )
        self._bulk(Participation, objs)

    def _kpis(self, actions: list[OperationalAction]) -> dict[int, list[Kpi]]:
        rng = self.rng
        objs = []
        for action in actions:
            chsg = int(action.code.split(" ")[1].split(".")[0])
            templates = content.KPI_TEMPLATES[chsg]
            for name, unit, base_range, uplift_range, direction in rng.sample(
                templates, min(len(templates), rng.randint(2, 3))
            ):
                baseline = rng.randint(*base_range)
                uplift = rng.randint(*uplift_range)
                target = baseline - uplift if direction == "decrease" else baseline + uplift
                objs.append(
                    Kpi(
                        action_id=action.pk,
                        name=name,
                        unit=unit,
                        baseline=Decimal(baseline),
                        target=Decimal(target),
                        direction=direction,
                    )
                )
        kpis: dict[int, list[Kpi]] = {}
        for kpi in self._bulk(Kpi, objs):
            kpis.setdefault(kpi.action_id, []).append(kpi)
        return kpis

    def _periods(self, plans: list[OperationalActionPlan]) -> dict[int, list[ReportingPeriod]]:
        objs = []
        for plan in plans:
            first = datetime.date(plan.first_year, 1, 1)
            last = datetime.date(plan.last_year, 12, 31)
            for title, start, end, deadline in reporting_periods(first, last, months=3):
                objs.append(
                    ReportingPeriod(
                        plan_id=plan.pk, title=title, start=start, end=end, deadline=deadline
                    )
                )
        periods: dict[int, list[ReportingPeriod]] = {}
        for period in self._bulk(ReportingPeriod, objs):
            periods.setdefault(period.plan_id, []).append(period)
        return periods

    def _reports(
        self, actions: list[OperationalAction], periods: dict[int, list[ReportingPeriod]]
    ) -> list[ProgressReport]:
        rng = self.rng
        statuses = [
            ReportStatus.ACCEPTED,
            ReportStatus.SUBMITTED,
            ReportStatus.RETURNED,
            ReportStatus.DRAFT,
        ]
        objs = []
        for action in actions:
            relevant = [
                period
                for period in periods[action.plan_id]
                if period.start <= action.end_date and period.end >= action.start_date
            ]
            for index, period in enumerate(relevant):
                status = rng.choices(statuses, weights=[85, 8, 5, 2])[0]
                submitted = datetime.datetime.combine(
                    period.deadline, datetime.time(10), tzinfo=datetime.UTC
                )
                objs.append(
                    ProgressReport(
                        action_id=action.pk,
                        period_id=period.pk,
                        status=status,
                        narrative=rng.choice(content.REPORT_NARRATIVES),
                        completion_estimate=round(100 * (index + 1) / len(relevant)),
                        submitted_at=None if status == ReportStatus.DRAFT else submitted,
                    )
                )
        return self._bulk(ProgressReport, objs)

    def _kpi_values(self, reports: list[ProgressReport], kpis: dict[int, list[Kpi]]) -> None:
        rng = self.rng
        objs = []
        for report in reports:
            progress = Decimal(report.completion_estimate) / 100
            for kpi in kpis.get(report.action_id, ()):
                noise = Decimal(rng.randint(70, 115)) / 100
                value = kpi.baseline + (kpi.target - kpi.baseline) * progress * noise
                objs.append(
                    KpiValue(
                        report_id=report.pk,
                        kpi_id=kpi.pk,
                        value=max(value, Decimal(0)).quantize(CENT),
                    )
                )
        self._bulk(KpiValue, objs)

    def _results(
        self,
        reports: list[ProgressReport],
        actions: list[OperationalAction],
        periods_of_plans: dict[int, list[ReportingPeriod]],
    ) -> None:
        """Five results per report (a result type in a country over the report's quarter)."""
        rng = self.rng
        objs = []
        themes = {a.pk: self.themes[i % len(self.themes)] for i, a in enumerate(actions)}
        periods = {p.pk: p for plan in periods_of_plans.values() for p in plan}
        for report in reports:
            period = periods[report.period_id]
            theme = themes[report.action_id]
            validated = datetime.datetime.combine(
                period.deadline, datetime.time(12), tzinfo=datetime.UTC
            )
            for _ in range(5):
                code = rng.choice(theme.results)
                low, high = story.RESULT_SCALE[code]
                objs.append(
                    OperationalResult(
                        action_id=report.action_id,
                        result_type_id=self.result_type_ids[code],
                        quantity=Decimal(round(rng.uniform(low, high) / 4)),
                        country_id=rng.choice(self.member_state_ids),
                        period_start=period.start,
                        period_end=period.end,
                        validated_at=validated,
                        is_published=rng.random() < 0.5,
                    )
                )
        self._bulk(OperationalResult, objs)

    def _funding_requests(self, actions: list[OperationalAction]) -> None:
        rng = self.rng
        objs = []
        leaders = {action.pk: action.leader_id for action in actions}
        for action in actions:
            if rng.random() >= 0.35:
                continue
            source_name = rng.choice(
                [LOW_VALUE_GRANTS, LOW_VALUE_GRANTS, NATIONAL_BUDGET, AGENCY_BUDGET]
            )
            low, high, step = story.AMOUNTS[source_name]
            requested = Decimal(rng.randrange(low, high + 1, step))
            status = rng.choices(
                [RequestStatus.GRANTED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN],
                weights=[70, 20, 10],
            )[0]
            granted = None
            if status == RequestStatus.GRANTED:
                granted = (requested * Decimal(rng.randint(70, 100)) / 100).quantize(CENT)
            objs.append(
                FundingRequest(
                    action_id=action.pk,
                    source_id=self.sources[source_name].pk,
                    title=f"{action.code}: operational costs",
                    requested=requested,
                    granted=granted,
                    status=status,
                    decision_date=None
                    if status == RequestStatus.WITHDRAWN
                    else action.start_date - datetime.timedelta(days=30),
                )
            )
        requests = self._bulk(FundingRequest, objs)
        beneficiaries = [(request.pk, leaders[request.action_id]) for request in requests]
        self._bulk_m2m(FundingRequest, "beneficiaries", beneficiaries)

    # -- the people -----------------------------------------------------------------------------

    def _people(
        self, count: int, plans: list[OperationalActionPlan], actions: list[OperationalAction]
    ) -> None:
        """``count`` users with about ten role assignments each, and their guardian rows."""
        rng = self.rng
        run = self.run_number
        people = self._bulk(
            User,
            [
                User(
                    email=f"r{run}-person-{number:05d}@{USER_DOMAIN}",
                    first_name=f"Person {number}",
                    last_name=f"Synthetic R{run}",
                    password=make_password(None),  # unusable: no sign-in with a password
                    organisation_id=rng.choice(self.authority_ids),
                    country_id=rng.choice(self.member_state_ids),
                )
                for number in range(1, count + 1)
            ],
        )
        ids = [person.pk for person in people]
        starts = clock.today() - datetime.timedelta(days=365)
        seen: set[tuple] = set()
        objs: list[RoleAssignment] = []

        def assign(user_id: int, role: str, **scope: int) -> None:
            key = (user_id, role, *scope.items())
            if key not in seen:
                seen.add(key)
                objs.append(
                    RoleAssignment(
                        user_id=user_id, role=role, starts_on=starts, reason="scale", **scope
                    )
                )

        few = max(1, count // 100)
        for user_id in ids[:few]:
            assign(user_id, rng.choice(GLOBAL_ROLES))
        country_people = ids[few : few + max(1, count // 20)]
        for index, user_id in enumerate(country_people):
            role = Role.NEC if index % 2 == 0 else Role.COSI_DELEGATE
            assign(
                user_id, role, country_id=self.member_state_ids[index % len(self.member_state_ids)]
            )
        scoped = ids[few + len(country_people) :] or ids
        for plan in plans:
            assign(rng.choice(scoped), Role.DRIVER, plan_id=plan.pk)
            assign(rng.choice(scoped), Role.CO_DRIVER, plan_id=plan.pk)
        share = max(1, round(count * 10 / max(len(actions), 1)) - 1)  # ~10 assignments a person
        for action in actions:
            assign(rng.choice(scoped), Role.ACTION_LEADER, action_id=action.pk)
            for _ in range(min(share, 8) if rng.random() < 0.9 else 0):
                assign(rng.choice(scoped), Role.PARTICIPANT, action_id=action.pk)
        assignments = self._bulk(RoleAssignment, objs)
        rows = grants_bulk_create(assignments)
        self.counts["guardian grants"] = rows
        self.progress(f"guardian grants: {rows}")
