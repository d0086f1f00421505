"""The demo data set: the finished cycle 2022-2025 and the running cycle 2026-2029.

The story is told as of November 2026: 2022-2025 is in step 4 (its final assessment is under
review by COSI), 2026-2029 is implementing its first OAPs while a few plans are still drafts.
Everything is deterministic (one ``random.Random(2022)``, consumed in the same order on every
run) and loaded by natural key, so a second run changes nothing. Only a few dates are relative to
the day of the first load (milestones due soon, a handover, an assignment ending soon): they are
``initial`` values, set when the row is created and never moved afterwards.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from decimal import Decimal

from django.db import transaction

from actors.models import Country, Organisation, User
from assessments.models import Assessment, AssessmentItem
from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Milestone,
    Recommendation,
    Threat,
    ThreatAssessment,
)
from cycles.services import cycle_milestones_generate, milestone_update
from cycles.timetable import half_years
from demo import content, story
from demo.content import THEMES, Theme
from demo.reference_data import ReferenceData, reference_load
from demo.users import (
    PINNED_LEADERS,
    PINNED_PARTICIPANTS,
    action_leaders,
    current_necs,
    demo_admin_ensure,
    demo_users_load,
    email_address,
    role_assignments_load,
)
from empact import clock
from empact.upsert import Row, Upserter
from funding.models import FundingCall, FundingRequest
from funding.reference import (
    AGENCY_BUDGET,
    EASTERN_PARTNERSHIP_GRANTS,
    HIGH_VALUE_GRANTS,
    ISF_EMPACT,
    LOW_VALUE_GRANTS,
    NATIONAL_BUDGET,
)
from oaps.models import (
    JointActionDay,
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

SEED = 2022
# The demo's story is told as of this day: what is past, current or future in the data.
STORY_DATE = datetime.date(2026, 11, 1)
CENT = Decimal("0.01")

Status = OperationalAction.Status
PlanStatus = OperationalActionPlan.Status
ReportStatus = ProgressReport.Status
Confirmation = Participation.Confirmation
MilestoneKind = Milestone.Kind
Step = Cycle.Step


@dataclasses.dataclass
class DemoSummary:
    created: list[tuple[str, int, int]]
    actions: int


@dataclasses.dataclass
class PlanContext:
    plan: OperationalActionPlan
    theme_actions: list[tuple[int, str]]
    themes: list[Theme]
    goals: list[PlanGoal]
    chsgs: dict[int, HorizontalGoal]
    actions: list[OperationalAction] = dataclasses.field(default_factory=list)
    periods: list[ReportingPeriod] = dataclasses.field(default_factory=list)


class DemoBuilder:
    """Builds the demo in dependency order; each step is idempotent."""

    def __init__(self, *, today: datetime.date) -> None:
        self.today = today
        self.rng = random.Random(SEED)
        self.up = Upserter(update_existing=False)
        self.ref: ReferenceData = reference_load(upserter=self.up)
        self.admin = demo_admin_ensure(upserter=self.up, reference=self.ref)
        self.up.history_user = self.admin
        self.users: dict[str, User] = {}
        self.nec_by_country: dict[int, User] = {}
        self.plans: dict[str, PlanContext] = {}
        self.plan_codes: dict[int, str] = {}
        self.confirmed_countries: dict[int, list[Country]] = {}
        self.leaders: dict[int, User] = {}
        self.orgs_by_id = {org.pk: org for org in self.ref.organisations.values()}

    # -- orchestration ------------------------------------------------------------------------

    def build(self) -> DemoSummary:
        self.users = demo_users_load(upserter=self.up, reference=self.ref)
        self.nec_by_country = {
            self.ref.countries[code].pk: self.users[email] for code, email in current_necs().items()
        }
        c22 = self.up.ensure(
            Cycle,
            key={"first_year": 2022},
            values={"name": "EMPACT 2022-2025", "current_step": Step.EVALUATION},
        )
        c26 = self.up.ensure(
            Cycle,
            key={"first_year": 2026},
            values={"name": "EMPACT 2026-2029", "current_step": Step.IMPLEMENTATION},
        )
        threats = self._threat_assessments(c22, c26)
        priorities22 = self._priorities_2022(c22, threats)
        priorities26 = self._priorities_2026(c26, threats)
        chsgs22 = self._masp(c22, "General multi-annual strategic plan (MASP) 2022-2025", 2021)
        chsgs26 = self._masp(c26, "General multi-annual strategic plan (MASP) 2026-2029", 2025)
        self._documents(c22, c26)
        self._plans_2022(priorities22, chsgs22)
        self._plans_2026(priorities26, chsgs26)
        self._actions()
        self.leaders = {
            self.plans[plan_code].actions[position].pk: self.users[email]
            for (plan_code, position), email in action_leaders().items()
        }
        self._participations()
        kpis = self._kpis()
        self._reports(kpis)
        self._results()
        self._joint_action_days()
        self._funding()
        action_index = {
            (ctx.plan.code, position): action
            for ctx in self.plans.values()
            for position, action in enumerate(ctx.actions)
        }
        role_assignments_load(
            upserter=self.up,
            reference=self.ref,
            users=self.users,
            plans={code: ctx.plan for code, ctx in self.plans.items()},
            actions=action_index,
            today=self.today,
        )
        # Before the milestones: the demo administrator sets the cycles up through the services,
        # which ask for their role.
        self._milestones(c22, c26)
        self._assessments(c22, chsgs22)
        self._evaluation(c22, c26)
        return DemoSummary(self.up.summary(), len(action_index))

    # -- cycles, threats, priorities, MASP ----------------------------------------------------

    def _threat_assessments(self, c22: Cycle, c26: Cycle) -> dict[str, Threat]:
        assessments = [
            (
                c22,
                ThreatAssessment.Kind.SOCTA,
                "EU SOCTA 2021: A corrupting influence",
                datetime.date(2021, 4, 12),
                "The serious and organised crime threat assessment that informed the priorities "
                "of EMPACT 2022-2025.",
                content.SOCTA_2021_THREATS,
            ),
            (
                c22,
                ThreatAssessment.Kind.INTERIM_REPORT,
                "Interim report on new, changing and emerging threats 2023",
                datetime.date(2023, 6, 30),
                "Halfway through the cycle: threats that changed since the EU SOCTA 2021.",
                content.INTERIM_2023_THREATS,
            ),
            (
                c26,
                ThreatAssessment.Kind.SOCTA,
                "EU SOCTA 2025: The changing DNA of serious and organised crime",
                datetime.date(2025, 3, 18),
                "The serious and organised crime threat assessment that informed the priorities "
                "of EMPACT 2026-2029.",
                content.SOCTA_2025_THREATS,
            ),
        ]
        threats: dict[str, Threat] = {}
        for cycle, kind, title, published, summary, items in assessments:
            assessment = self.up.ensure(
                ThreatAssessment,
                key={"cycle": cycle, "kind": kind},
                values={"title": title, "publication_date": published, "summary": summary},
            )
            for threat_title, trend in items:
                threats[threat_title] = self.up.ensure(
                    Threat,
                    key={"assessment": assessment, "title": threat_title},
                    values={
                        "trend": trend,
                        "description": f"Identified in {title.split(':')[0]}.",
                    },
                )
        return threats

    def _priorities_2022(self, cycle: Cycle, threats: dict[str, Threat]) -> dict[str, Priority]:
        result = {}
        for code, title, description, _themes, threat_titles in content.PRIORITIES_2022:
            priority = self.up.ensure(
                Priority,
                key={"cycle": cycle, "code": code},
                values={
                    "title": title,
                    "description": description,
                    "council_decision_date": datetime.date(2021, 5, 26),
                    "council_reference": "8665/21",
                    "status": Priority.Status.ACTIVE,
                },
            )
            self.up.ensure_m2m(priority, "threats", [threats[t] for t in threat_titles])
            result[code] = priority
        return result

    def _priorities_2026(self, cycle: Cycle, threats: dict[str, Threat]) -> dict[str, Priority]:
        result = {}
        for code, title, description, threat_titles in content.PRIORITIES_2026:
            priority = self.up.ensure(
                Priority,
                key={"cycle": cycle, "code": code},
                values={
                    "title": title,
                    "description": description,
                    "council_decision_date": datetime.date(2025, 6, 13),
                    "status": Priority.Status.ACTIVE,
                },
            )
            self.up.ensure_m2m(priority, "threats", [threats[t] for t in threat_titles])
            result[code] = priority
        return result

    def _masp(self, cycle: Cycle, title: str, approval_year: int) -> dict[int, HorizontalGoal]:
        masp = self.up.ensure(
            Masp,
            key={"cycle": cycle},
            values={
                "title": title,
                "approval_date": datetime.date(approval_year, 10, 28),
                "description": "The common horizontal strategic goals every OAP of the cycle "
                "shares; each OAP may add its own goals.",
            },
        )
        return {
            number: self.up.ensure(
                HorizontalGoal,
                key={"masp": masp, "number": number},
                values={"title": title, "description": description},
            )
            for number, (title, description) in enumerate(content.CHSGS, start=1)
        }

    def _documents(self, c22: Cycle, c26: Cycle) -> None:
        cycles = {None: None, 2022: c22, 2026: c26}
        for kind, title, cycle_year, versions in story.DOCUMENTS:
            document = self.up.ensure(
                EmpactDocument, key={"kind": kind, "title": title, "cycle": cycles[cycle_year]}
            )
            for version, approved_on, reference, notes in versions:
                self.up.ensure(
                    DocumentVersion,
                    key={"document": document, "version": version},
                    values={
                        "approved_on": approved_on,
                        "council_reference": reference,
                        "notes": notes,
                    },
                )

    # -- plans --------------------------------------------------------------------------------

    def _plan(
        self,
        *,
        priority: Priority,
        code: str,
        title: str,
        years: tuple[int, int],
        driver: str,
        co_drivers: tuple[str, ...],
        status: str,
        themes: list[Theme],
        theme_actions: list[tuple[int, str]],
        chsgs: dict[int, HorizontalGoal],
    ) -> None:
        plan = self.up.ensure(
            OperationalActionPlan,
            key={"priority": priority, "code": code},
            values={
                "title": title,
                "first_year": years[0],
                "last_year": years[1],
                "driver": self._org(driver),
                "status": status,
            },
        )
        self.up.ensure_m2m(plan, "co_drivers", [self._org(handle) for handle in co_drivers])
        goal_titles = [goal for theme in themes for goal in theme.goals]
        goals = [
            self.up.ensure(
                PlanGoal,
                key={"plan": plan, "number": number},
                values={
                    "title": goal,
                    "description": "Plan-specific strategic goal, beside the CHSGs.",
                },
            )
            for number, goal in enumerate(goal_titles, start=1)
        ]
        self.plans[code] = PlanContext(plan, theme_actions, themes, goals, chsgs)
        self.plan_codes[plan.pk] = code

    def _plans_2022(
        self, priorities: dict[str, Priority], chsgs: dict[int, HorizontalGoal]
    ) -> None:
        for priority_code, _title, _description, themes, _threats in content.PRIORITIES_2022:
            for key in themes:
                theme = THEMES[key]
                driver, co_drivers = content.PLAN_DRIVERS_2022[key]
                self._plan(
                    priority=priorities[priority_code],
                    code=f"OAP {content.PLAN_CODE_SUFFIX[key]} 2024-2025",
                    title=f"Operational action plan 2024-2025: {theme.title}",
                    years=(2024, 2025),
                    driver=driver,
                    co_drivers=co_drivers,
                    status=PlanStatus.CLOSED,
                    themes=[theme],
                    theme_actions=list(theme.actions),
                    chsgs=chsgs,
                )

    def _plans_2026(
        self, priorities: dict[str, Priority], chsgs: dict[int, HorizontalGoal]
    ) -> None:
        for spec in content.PLANS_2026:
            themes = [THEMES[key] for key in spec.themes]
            pools = [list(theme.actions) for theme in themes]
            interleaved = [
                pool[i] for i in range(max(map(len, pools))) for pool in pools if i < len(pool)
            ]
            self._plan(
                priority=priorities[spec.priority],
                code=f"OAP {spec.suffix} 2026-2027",
                title=f"Operational action plan 2026-2027: {spec.title}",
                years=(2026, 2027),
                driver=spec.driver,
                co_drivers=spec.co_drivers,
                status=spec.status,
                themes=themes,
                theme_actions=interleaved[: spec.action_count],
                chsgs=chsgs,
            )

    # -- actions ------------------------------------------------------------------------------

    def _actions(self) -> None:
        rng = self.rng
        for ctx in self.plans.values():
            plan = ctx.plan
            counters: dict[int, int] = {}
            candidate_leaders = [plan.driver_id, *self.up.m2m_ids(plan, "co_drivers")]
            for position, (chsg, title) in enumerate(ctx.theme_actions):
                counters[chsg] = counters.get(chsg, 0) + 1
                code = f"OA {chsg}.{counters[chsg]}"
                start, end = self._action_dates(plan)
                status = self._action_status(plan, start, end)
                leader, co_leaders = self._action_leaders(ctx, candidate_leaders)
                pinned = PINNED_LEADERS.get((plan.code, position))
                if pinned:
                    leader = self._org(pinned[0])
                    co_leaders = [self._org(handle) for handle in pinned[1]]
                is_jad = any(word in title for word in story.JAD_WORDS)
                action = self.up.ensure(
                    OperationalAction,
                    key={"plan": plan, "code": code},
                    values={
                        "position": position + 1,
                        "title": title,
                        "description": (
                            f"{title}. Contributes to CHSG {chsg} "
                            f"({content.CHSGS[chsg - 1][0].lower()})."
                        ),
                        "horizontal_goal": ctx.chsgs[chsg],
                        "leader": leader,
                        "start_date": start,
                        "end_date": end,
                        "methods": content.METHODS[chsg],
                        "expected_results": content.EXPECTED_RESULTS[chsg],
                        "is_joint_action_day": is_jad,
                        "status": status,
                    },
                )
                self.up.ensure_m2m(action, "co_leaders", co_leaders)
                goals = [ctx.goals[rng.randrange(len(ctx.goals))]] if rng.random() < 0.8 else []
                self.up.ensure_m2m(action, "plan_goals", goals)
                ctx.actions.append(action)

    def _action_dates(self, plan: OperationalActionPlan) -> tuple[datetime.date, datetime.date]:
        rng = self.rng
        first, last = plan.first_year, plan.last_year
        if plan.status in (PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED):
            first = last  # plans not approved yet: their actions start next year
        if rng.random() < 0.6:
            start = datetime.date(first, rng.randint(1, 6), 1)
            end = _month_end(last, rng.randint(9, 12))
        else:
            year = rng.choice([first, last])
            start = datetime.date(year, rng.randint(1, 6), 1)
            end = _month_end(year, rng.randint(max(start.month + 2, 7), 12))
        return start, end

    def _action_status(
        self, plan: OperationalActionPlan, start: datetime.date, end: datetime.date
    ) -> str:
        draw = self.rng.random()
        if plan.status == PlanStatus.CLOSED:
            if draw < 0.78:
                return Status.COMPLETED
            if draw < 0.88:
                return Status.DELAYED
            return Status.CANCELLED if draw < 0.95 else Status.ONGOING
        if plan.status != PlanStatus.APPROVED or start > STORY_DATE:
            return Status.PLANNED
        if end < STORY_DATE:
            return Status.COMPLETED if draw < 0.85 else Status.DELAYED
        if draw < 0.65:
            return Status.ONGOING
        return Status.PLANNED if draw < 0.85 else Status.DELAYED

    def _action_leaders(
        self, ctx: PlanContext, candidates: list[int]
    ) -> tuple[Organisation, list[Organisation]]:
        rng = self.rng
        draw = rng.random()
        if draw < 0.4:
            leader = self._org_by_id(rng.choice(candidates))
        elif draw < 0.85:
            leader = self._random_authority()
        else:
            leader = self._org(rng.choice(ctx.themes[0].agencies))
            if leader.kind not in (Organisation.Kind.EU_AGENCY,):
                leader = self._org("EUROPOL")
        co_leaders = []
        for _ in range(rng.choice([0, 1, 1, 2])):
            candidate = self._random_authority()
            if candidate.pk != leader.pk and candidate not in co_leaders:
                co_leaders.append(candidate)
        return leader, co_leaders

    # -- participations and KPIs --------------------------------------------------------------

    def _participations(self) -> None:
        rng = self.rng
        member_states = self.ref.member_state_codes()
        partners = [code for code in content.NAMES if code not in member_states]
        rows: list[Row] = []
        for ctx in self.plans.values():
            for position, action in enumerate(ctx.actions):
                leader_country = self._org_by_id(action.leader_id).country_id
                codes = rng.sample(member_states, rng.randint(4, 12))
                if rng.random() < 0.35:
                    codes += rng.sample(partners, rng.randint(1, 2))
                pinned = PINNED_PARTICIPANTS.get((ctx.plan.code, position), ())
                seen: set[int] = set()
                for code in [*codes, *pinned]:
                    country = self.ref.countries[code]
                    if country.pk in seen or country.pk == leader_country:
                        continue
                    seen.add(country.pk)
                    row = self._country_participation(ctx.plan, action, country, code)
                    if code in pinned:
                        row.values["confirmation"] = Confirmation.CONFIRMED
                    rows.append(row)
                agencies = ["EUROPOL", *rng.sample(ctx.themes[0].agencies[1:], rng.randint(0, 2))]
                for handle in agencies:
                    organisation = self._org(handle)
                    if organisation.pk == action.leader_id:
                        continue
                    role = (
                        Participation.Role.PARTICIPANT
                        if organisation.kind == Organisation.Kind.PRIVATE_PARTNER
                        else Participation.Role.SUPPORTING_AGENCY
                    )
                    rows.append(
                        Row(
                            key={"action": action, "organisation": organisation, "country": None},
                            values={"role": role, "confirmation": Confirmation.CONFIRMED},
                        )
                    )
        for participation in self.up.ensure_all(Participation, rows):
            if participation.country_id and participation.confirmation == Confirmation.CONFIRMED:
                self.confirmed_countries.setdefault(participation.action_id, []).append(
                    self._country_by_id(participation.country_id)
                )

    def _country_participation(
        self, plan: OperationalActionPlan, action: OperationalAction, country: Country, code: str
    ) -> Row:
        rng = self.rng
        draw = rng.random()
        if plan.status == PlanStatus.CLOSED:
            odds = (0.87, 0.95)
        elif plan.status == PlanStatus.APPROVED:
            odds = (0.6, 0.9)
        else:  # plans still being drafted: most NECs have not answered yet
            odds = (0.2, 0.95)
        if draw < odds[0]:
            confirmation = Confirmation.CONFIRMED
        elif draw < odds[1]:
            confirmation = Confirmation.PENDING
        else:
            confirmation = Confirmation.DECLINED
        decided = confirmation != Confirmation.PENDING
        decided_on = min(action.start_date, STORY_DATE) - datetime.timedelta(
            days=rng.randint(10, 60)
        )
        role = Participation.Role.OBSERVER if rng.random() < 0.1 else Participation.Role.PARTICIPANT
        first_names, last_names = content.NAMES.get(code, ((), ()))
        contact_name = contact_email = ""
        if first_names and rng.random() < 0.85:
            first, last = rng.choice(first_names), rng.choice(last_names)
            contact_name = f"{first} {last}"
            contact_email = email_address(first, last, f"{code.lower()}.example.eu")
        nec = self.nec_by_country.get(country.pk)
        return Row(
            key={"action": action, "organisation": None, "country": country},
            values={
                "role": role,
                "confirmation": confirmation,
                "confirmed_by": nec if decided else None,
                "confirmed_at": _at(decided_on) if decided else None,
                "contact_name": contact_name,
                "contact_email": contact_email,
            },
        )

    def _kpis(self) -> dict[int, list[Kpi]]:
        rng = self.rng
        rows: list[Row] = []
        for ctx in self.plans.values():
            for action in ctx.actions:
                chsg = _chsg_number(ctx, action)
                templates = content.KPI_TEMPLATES[chsg]
                for name, unit, base_range, uplift_range, direction in rng.sample(
                    templates, min(len(templates), rng.randint(2, 3))
                ):
                    baseline = rng.randint(*base_range)
                    uplift = rng.randint(*uplift_range)
                    target = baseline - uplift if direction == "decrease" else baseline + uplift
                    rows.append(
                        Row(
                            key={"action": action, "name": name},
                            values={
                                "unit": unit,
                                "definition": f"{name}, counted over the action's duration.",
                                "baseline": Decimal(baseline).quantize(CENT),
                                "target": Decimal(target).quantize(CENT),
                                "direction": direction,
                            },
                        )
                    )
        by_action: dict[int, list[Kpi]] = {}
        for kpi in self.up.ensure_all(Kpi, rows):
            by_action.setdefault(kpi.action_id, []).append(kpi)
        return by_action

    # -- reporting ----------------------------------------------------------------------------

    def _reports(self, kpis: dict[int, list[Kpi]]) -> None:
        rng = self.rng
        reviewer = self.users["henrik.lindqvist@empact.example.eu"]
        period_rows = []
        for ctx in self.plans.values():
            for year in range(ctx.plan.first_year, ctx.plan.last_year + 1):
                for half, (start, end) in enumerate(half_years(year), start=1):
                    period_rows.append(
                        Row(
                            key={"plan": ctx.plan, "title": f"H{half} {year}"},
                            values={
                                "cycle": None,
                                "start": start,
                                "end": end,
                                "deadline": end + datetime.timedelta(days=31),
                            },
                        )
                    )
        periods = self.up.ensure_all(ReportingPeriod, period_rows)
        for period in periods:
            self.plans[self.plan_codes[period.plan_id]].periods.append(period)

        report_rows: list[Row] = []
        for ctx in self.plans.values():
            if ctx.plan.status not in (PlanStatus.CLOSED, PlanStatus.APPROVED):
                continue
            for action in ctx.actions:
                relevant = [
                    p
                    for p in ctx.periods
                    if p.start <= action.end_date and p.end >= action.start_date
                ]
                if action.status == Status.CANCELLED:
                    relevant = relevant[:1]
                for index, period in enumerate(relevant):
                    status = self._report_status(period)
                    if status is None:
                        continue
                    completion = min(100, round(100 * (index + 1) / len(relevant)))
                    if status != ReportStatus.DRAFT and action.status == Status.DELAYED:
                        completion = min(completion, 80)
                    submitted = _at(period.deadline - datetime.timedelta(days=rng.randint(0, 20)))
                    reviewed = submitted + datetime.timedelta(days=rng.randint(3, 20))
                    is_reviewed = status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED)
                    report_rows.append(
                        Row(
                            key={"action": action, "period": period},
                            values={
                                "status": status,
                                "narrative": rng.choice(content.REPORT_NARRATIVES),
                                "obstacles": rng.choice(content.REPORT_OBSTACLES),
                                "completion_estimate": completion,
                                "submitted_by": None
                                if status == ReportStatus.DRAFT
                                else self.leaders.get(action.pk),
                                "submitted_at": None if status == ReportStatus.DRAFT else submitted,
                                "reviewed_by": reviewer if is_reviewed else None,
                                "reviewed_at": reviewed if is_reviewed else None,
                                "review_comment": rng.choice(content.RETURN_COMMENTS)
                                if status == ReportStatus.RETURNED
                                else "",
                            },
                        )
                    )
        reports = self.up.ensure_all(ProgressReport, report_rows)

        value_rows: list[Row] = []
        for report in reports:
            if report.status == ReportStatus.DRAFT and rng.random() < 0.5:
                continue
            progress = Decimal(report.completion_estimate or 0) / 100
            for kpi in kpis.get(report.action_id, []):
                noise = Decimal(str(round(rng.uniform(0.7, 1.15), 2)))
                value = kpi.baseline + (kpi.target - kpi.baseline) * progress * noise
                value_rows.append(
                    Row(
                        key={"report": report, "kpi": kpi},
                        values={"value": max(value, Decimal(0)).quantize(CENT)},
                    )
                )
        self.up.ensure_all(KpiValue, value_rows)

    def _report_status(self, period: ReportingPeriod) -> str | None:
        """The status of a report for a period, or None when there is no report (yet)."""
        draw = self.rng.random()
        if period.start > STORY_DATE:
            return None
        if period.end >= STORY_DATE:  # the current period: some leaders started a draft
            return ReportStatus.DRAFT if draw < 0.4 else None
        if period.deadline < STORY_DATE - datetime.timedelta(days=300):
            return ReportStatus.ACCEPTED if draw < 0.95 else ReportStatus.RETURNED
        if draw < 0.45:
            return ReportStatus.ACCEPTED
        if draw < 0.75:
            return ReportStatus.SUBMITTED
        return ReportStatus.RETURNED if draw < 0.88 else ReportStatus.DRAFT

    # -- results and joint action days ---------------------------------------------------------

    def _results(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        for ctx in self.plans.values():
            for action in ctx.actions:
                if action.status not in (Status.COMPLETED, Status.ONGOING, Status.DELAYED):
                    continue
                if _chsg_number(ctx, action) not in (2, 3, 4, 5) or action.start_date > STORY_DATE:
                    continue
                countries = self.confirmed_countries.get(action.pk) or [None]
                period_end = min(action.end_date, STORY_DATE)
                types = rng.sample(ctx.themes[0].results, rng.randint(1, 3))
                for code in types:
                    country = rng.choice(countries)
                    rows.append(
                        self._result_row(
                            code,
                            scale=1.0,
                            key={"action": action, "joint_action_day": None, "country": country},
                            period=(action.start_date, period_end),
                        )
                    )
        self.up.ensure_all(OperationalResult, rows)

    def _result_row(
        self,
        code: str,
        *,
        scale: float,
        key: dict,
        period: tuple[datetime.date, datetime.date],
        quantity: Decimal | None = None,
    ) -> Row:
        rng = self.rng
        low, high = story.RESULT_SCALE[code]
        if quantity is None:
            quantity = Decimal(max(0, round(rng.uniform(low, high) * scale)))
        validated = period[1] + datetime.timedelta(days=rng.randint(10, 40))
        is_validated = validated < STORY_DATE and rng.random() < 0.9
        return Row(
            key={
                **key,
                "result_type": self.ref.result_types[code],
                "period_start": period[0],
                "period_end": period[1],
            },
            values={
                "quantity": quantity.quantize(CENT),
                "validated_at": _at(validated) if is_validated else None,
                "is_published": is_validated and rng.random() < 0.6,
            },
        )

    def _joint_action_days(self) -> None:
        rng = self.rng
        member_states = self.ref.member_state_codes()
        partners = [code for code in content.NAMES if code not in member_states]
        rows: list[Row] = []
        for spec in story.JOINT_ACTION_DAYS:
            jad = self.up.ensure(
                JointActionDay,
                key={"title": spec.title},
                values={
                    "start_date": spec.start,
                    "end_date": spec.end,
                    "lead_organisation": self._org(spec.lead),
                    "coordination_centre": spec.centre,
                    "status": spec.status,
                    "factsheet_published_on": spec.factsheet,
                },
            )
            plans = [self.plans[code] for code in spec.plans]
            actions = [
                action
                for ctx in plans
                for action in ctx.actions
                if any(word in action.title for word in spec.keywords)
            ]
            codes = rng.sample(member_states, min(spec.countries, len(member_states)))
            codes += rng.sample(partners, max(0, spec.countries - len(codes)))
            countries = [self.ref.countries[code] for code in codes]
            self.up.ensure_m2m(jad, "plans", [ctx.plan for ctx in plans])
            self.up.ensure_m2m(jad, "actions", actions)
            self.up.ensure_m2m(jad, "countries", countries)
            if spec.status != JointActionDay.Status.COMPLETED:
                continue
            for country in countries:
                victims = None
                for code in spec.results:
                    if rng.random() < 0.12:
                        continue  # not every country reports every indicator
                    quantity = None
                    if code == "victims-minors" and victims is not None:
                        quantity = (victims * Decimal(str(rng.uniform(0.05, 0.3)))).quantize(1)
                    row = self._result_row(
                        code,
                        scale=0.08,
                        key={"action": None, "joint_action_day": jad, "country": country},
                        period=(spec.start, spec.end),
                        quantity=quantity,
                    )
                    row.values["validated_at"] = _at(spec.end + datetime.timedelta(days=10))
                    row.values["is_published"] = spec.factsheet is not None
                    if code == "victims-identified":
                        victims = row.values["quantity"]
                    rows.append(row)
        self.up.ensure_all(OperationalResult, rows)

    # -- funding ------------------------------------------------------------------------------

    def _funding(self) -> None:
        rng = self.rng
        sources = self.ref.funding_sources
        calls = {}
        for source_name, title, opens, closes, decision in story.FUNDING_CALLS:
            calls[title] = self.up.ensure(
                FundingCall,
                key={"source": sources[source_name], "title": title},
                values={"opens": opens, "closes": closes, "decision_expected": decision},
            )
        for ctx in self.plans.values():
            for action in ctx.actions:
                plan_status = ctx.plan.status
                chance = {PlanStatus.CLOSED: 0.4, PlanStatus.APPROVED: 0.5}.get(plan_status, 0.3)
                if rng.random() >= chance:
                    continue
                source_name, call_title = self._funding_choice(ctx, action)
                source = sources[source_name]
                call = calls.get(call_title) if call_title else None
                requested = _amount(rng, source_name)
                status, decision_date = self._funding_status(plan_status, call, action)
                granted = spent = None
                if status == FundingRequest.Status.GRANTED:
                    granted = (requested * Decimal(str(rng.uniform(0.7, 1.0)))).quantize(
                        Decimal(100)
                    )
                    granted = min(granted, requested).quantize(CENT)
                    if action.end_date < STORY_DATE:
                        spent = (granted * Decimal(str(rng.uniform(0.6, 1.0)))).quantize(CENT)
                request = self.up.ensure(
                    FundingRequest,
                    key={
                        "action": action,
                        "title": f"{action.code}: {_short(source_name)} for {ctx.plan.code}",
                    },
                    values={
                        "source": source,
                        "call": call,
                        "requested": requested,
                        "granted": granted,
                        "spent": spent,
                        "status": status,
                        "decision_date": decision_date,
                        "requested_by": self.leaders.get(action.pk),
                    },
                )
                beneficiaries = [action.leader_id, *self.up.m2m_ids(action, "co_leaders")][:3]
                self.up.ensure_m2m(request, "beneficiaries", beneficiaries)

    def _funding_choice(self, ctx: PlanContext, action: OperationalAction) -> tuple[str, str]:
        draw = self.rng.random()
        year = action.start_date.year
        if ctx.plan.status not in (PlanStatus.CLOSED, PlanStatus.APPROVED):
            return HIGH_VALUE_GRANTS, "EMPACT high-value grants 2027"
        if draw < 0.5:
            return LOW_VALUE_GRANTS, f"EMPACT low-value grants {year}"
        if draw < 0.75:
            return HIGH_VALUE_GRANTS, f"EMPACT high-value grants {year}"
        if draw < 0.85:
            if _chsg_number(ctx, action) == 8 and year < 2026:
                return EASTERN_PARTNERSHIP_GRANTS, "EMPACT Eastern Partnership grants 2024-2025"
            if year < 2026:
                return ISF_EMPACT, "ISF thematic facility: EMPACT specific action 2025"
            return LOW_VALUE_GRANTS, f"EMPACT low-value grants {year}"
        return (NATIONAL_BUDGET, "") if draw < 0.95 else (AGENCY_BUDGET, "")

    def _funding_status(
        self, plan_status: str, call: FundingCall | None, action: OperationalAction
    ) -> tuple[str, datetime.date | None]:
        draw = self.rng.random()
        Req = FundingRequest.Status
        decided_on = action.start_date - datetime.timedelta(days=self.rng.randint(5, 40))
        if call:
            decided_on = call.decision_expected or max(
                decided_on, call.opens + datetime.timedelta(days=30)
            )
        if plan_status not in (PlanStatus.CLOSED, PlanStatus.APPROVED):
            return (Req.DRAFT if draw < 0.7 else Req.SUBMITTED), None
        if decided_on >= STORY_DATE:
            return (Req.SUBMITTED if draw < 0.8 else Req.DRAFT), None
        if plan_status == PlanStatus.APPROVED and draw < 0.3:
            return Req.SUBMITTED, None
        if draw < 0.68:
            return Req.GRANTED, decided_on
        if draw < 0.88:
            return Req.REJECTED, decided_on
        return Req.WITHDRAWN, None

    # -- milestones, assessments, evaluation ---------------------------------------------------

    def _milestones(self, c22: Cycle, c26: Cycle) -> None:
        """Each cycle's milestones come from the default timetable, as for a cycle set up in the
        browser (``cycles.services``); then the story moves and completes them."""
        for cycle in (c22, c26):
            if not cycle.milestones.exists():
                cycle_milestones_generate(actor=self.admin, cycle=cycle)
        self._oaps_2022(c22)
        done_22 = {
            MilestoneKind.PRIORITIES_ADOPTED: datetime.date(2021, 5, 26),
            MilestoneKind.SOCTA: datetime.date(2025, 3, 18),
            MilestoneKind.POLICY_DECISION: datetime.date(2025, 6, 13),
            MilestoneKind.INDEPENDENT_EVALUATION: datetime.date(2025, 5, 15),
        }
        for milestone in self._timetabled(c22):
            done = None
            if milestone.kind != MilestoneKind.FINAL_ASSESSMENT:  # still under review by COSI
                done = done_22.get(
                    milestone.kind,
                    milestone.due_date - datetime.timedelta(days=self.rng.randint(0, 12)),
                )
            self._milestone_done(milestone, done)
        done_26 = {MilestoneKind.PRIORITIES_ADOPTED: datetime.date(2025, 6, 13)}
        for milestone in self._timetabled(c26):
            done = None
            if milestone.due_date < STORY_DATE:
                done = done_26.get(
                    milestone.kind,
                    milestone.due_date - datetime.timedelta(days=self.rng.randint(0, 12)),
                )
            self._milestone_done(milestone, done)
        for kind, title, days, step, responsible in story.MILESTONES_DUE_SOON:
            self.up.ensure(
                Milestone,
                key={"cycle": c26, "kind": kind, "title": title},
                values={"step": step, "responsible": self._org(responsible)},
                initial={"due_date": self.today + datetime.timedelta(days=days)},
            )

    def _oaps_2022(self, c22: Cycle) -> None:
        """The 2022 cycle's plans ran one year, one year and two years, so COSI approved the
        OAPs three times: the timetable's first approval is the 2022 one, and 2023 is added."""
        gsc = self._org("GSC")
        first = c22.milestones.filter(
            kind=MilestoneKind.OAPS_APPROVED, title="COSI approves the OAPs 2022-2023"
        ).first()
        if first is not None:
            milestone_update(
                actor=self.admin, milestone=first, data={"title": "COSI approves the OAPs 2022"}
            )
        self.up.ensure(
            Milestone,
            key={
                "cycle": c22,
                "kind": MilestoneKind.OAPS_APPROVED,
                "title": "COSI approves the OAPs 2023",
            },
            values={"step": Cycle.Step.IMPLEMENTATION, "responsible": gsc},
            initial={"due_date": datetime.date(2022, 12, 15)},
        )

    def _timetabled(self, cycle: Cycle) -> list[Milestone]:
        """The cycle's milestones of the timetable, in the order of their dates (not the ones
        of the story's own)."""
        own = {title for _kind, title, *_rest in story.MILESTONES_DUE_SOON}
        return [
            m for m in cycle.milestones.order_by("due_date", "kind", "title") if m.title not in own
        ]

    def _milestone_done(self, milestone: Milestone, done: datetime.date | None) -> None:
        self.up.ensure(
            Milestone,
            key={"cycle": milestone.cycle, "kind": milestone.kind, "title": milestone.title},
            values={"done_date": done},
        )

    def _assessments(self, cycle: Cycle, chsgs: dict[int, HorizontalGoal]) -> None:
        rng = self.rng
        Rating = AssessmentItem.Rating
        specs = [
            (
                Assessment.Kind.MID_TERM,
                Assessment.Status.ADOPTED,
                datetime.date(2024, 10, 24),
                "Mid-term assessment after the interim report: most OAPs are on track; "
                "document fraud and the external dimension need more attention.",
                [Rating.LARGELY_ACHIEVED, Rating.PARTIALLY_ACHIEVED, Rating.NOT_ASSESSABLE],
            ),
            (
                Assessment.Kind.FINAL,
                Assessment.Status.OPEN,
                None,
                "Final assessment of EMPACT 2022-2025, drafted by the COSI Support Group with "
                "Europol from the OAP reports; open for the delegations' comments.",
                [
                    Rating.ACHIEVED,
                    Rating.LARGELY_ACHIEVED,
                    Rating.PARTIALLY_ACHIEVED,
                    Rating.NOT_ACHIEVED,
                ],
            ),
        ]
        plans = [ctx.plan for ctx in self.plans.values() if ctx.plan.first_year < 2026]
        for kind, status, adopted_on, summary, ratings in specs:
            assessment = self.up.ensure(
                Assessment,
                key={"cycle": cycle, "kind": kind},
                values={
                    "status": status,
                    "adopted_on": adopted_on,
                    "summary": summary,
                    # the delegations' review window: the mid-term's before its adoption, the
                    # final one's open now (the story's November 2026)
                    "opens_on": adopted_on - datetime.timedelta(days=45)
                    if adopted_on
                    else datetime.date(2026, 11, 16),
                    "closes_on": adopted_on - datetime.timedelta(days=7)
                    if adopted_on
                    else datetime.date(2026, 12, 18),
                },
            )
            rows = []
            for plan in plans:
                rating = rng.choices(ratings, weights=range(len(ratings), 0, -1))[0]
                rows.append(
                    Row(
                        key={"assessment": assessment, "plan": plan, "horizontal_goal": None},
                        values={
                            "rating": rating,
                            "findings": f"{plan.code}: {len(self.plans[plan.code].actions)} "
                            "operational actions; results reported on time by most leaders.",
                            "recommendations": "Keep the SMART goals and sharpen the KPIs.",
                        },
                    )
                )
            for chsg in chsgs.values():
                rating = rng.choices(ratings, weights=range(len(ratings), 0, -1))[0]
                rows.append(
                    Row(
                        key={"assessment": assessment, "plan": None, "horizontal_goal": chsg},
                        values={
                            "rating": rating,
                            "findings": f"All OAPs contributed to CHSG {chsg.number}.",
                            "recommendations": "",
                        },
                    )
                )
            self.up.ensure_all(AssessmentItem, rows)

    def _evaluation(self, c22: Cycle, c26: Cycle) -> None:
        evaluation = self.up.ensure(
            Evaluation,
            key={"cycle": c22},
            values={
                "title": "Independent evaluation of EMPACT 2022-2025",
                "commissioned_by": self._org("DG HOME"),
                "evaluator": "External evaluation contractor selected by the Commission",
                "status": Evaluation.Status.PUBLISHED,
                "started_on": datetime.date(2024, 9, 2),
                "published_on": datetime.date(2025, 5, 15),
                "summary": "EMPACT is an effective and valued instrument; national coordination, "
                "early funding and measuring results against goals need strengthening.",
            },
        )
        FollowUp = Recommendation.FollowUp
        for number, (text, follow_up) in enumerate(story.RECOMMENDATIONS, start=1):
            self.up.ensure(
                Recommendation,
                key={"evaluation": evaluation, "number": number},
                values={
                    "text": text,
                    "follow_up_status": follow_up,
                    "addressed_in": c26 if follow_up != FollowUp.PLANNED else None,
                },
            )

    # -- lookups ------------------------------------------------------------------------------

    def _org(self, handle: str) -> Organisation:
        return self.ref.organisations[handle]

    def _org_by_id(self, pk: int) -> Organisation:
        return self.orgs_by_id[pk]

    def _country_by_id(self, pk: int) -> Country:
        if not hasattr(self, "_countries_by_id"):
            self._countries_by_id = {c.pk: c for c in self.ref.countries.values()}
        return self._countries_by_id[pk]

    def _random_authority(self) -> Organisation:
        code = self.rng.choice(self.ref.member_state_codes())
        discipline = self.rng.choice(["police", "police", "police", "customs"])
        return self.ref.national(code, discipline)


def demo_load(*, today: datetime.date | None = None) -> DemoSummary:
    """Load the reference data and the demo; safe to run again (changes nothing twice)."""
    with transaction.atomic():
        return DemoBuilder(today=today or clock.today()).build()


# -- small helpers ------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def _chsg_number(ctx: PlanContext, action: OperationalAction) -> int:
    return next(n for n, goal in ctx.chsgs.items() if goal.pk == action.horizontal_goal_id)


def _amount(rng: random.Random, source_name: str) -> Decimal:
    low, high, step = story.AMOUNTS[source_name]
    return Decimal(rng.randrange(low, high + 1, step)).quantize(CENT)


def _short(source_name: str) -> str:
    return {
        LOW_VALUE_GRANTS: "EMPACT low-value grant",
        HIGH_VALUE_GRANTS: "EMPACT high-value grant",
        EASTERN_PARTNERSHIP_GRANTS: "Eastern Partnership grant",
        ISF_EMPACT: "ISF EMPACT grant",
        NATIONAL_BUDGET: "national co-financing",
        AGENCY_BUDGET: "agency support",
    }[source_name]
