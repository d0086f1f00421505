"""A small, complete EMPACT world for access tests: two cycles, three plans, four actions,
every kind of object inside and outside each scope, and one user per role.

Every object is built by the factories of ``tests/factories.py``, so the rules of a valid object
live in one place; the world passes each value it relies on (and blanks the factories' defaults
it does not want), so its objects stay exactly what the access tests expect."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from actors.grants import sync_user_grants
from actors.models import Country, Organisation, Role, User
from cycles.models import Cycle
from oaps.models import LockException
from tests.factories import (
    AmendmentChangeFactory,
    AssessmentFactory,
    AssessmentItemFactory,
    CommentFactory,
    CountryFactory,
    CycleFactory,
    DelegationCommentFactory,
    DocumentVersionFactory,
    EmpactDocumentFactory,
    EvaluationFactory,
    FundingCallFactory,
    FundingRequestFactory,
    FundingSourceFactory,
    HorizontalGoalFactory,
    JointActionDayFactory,
    KpiFactory,
    KpiValueFactory,
    MaspFactory,
    MilestoneFactory,
    OperationalActionFactory,
    OperationalActionPlanFactory,
    OperationalResultFactory,
    OrganisationFactory,
    ParticipationFactory,
    PlanAmendmentFactory,
    PlanGoalFactory,
    PlanVersionFactory,
    PositionFactory,
    PriorityFactory,
    ProgressReportFactory,
    RecommendationFactory,
    ReportingPeriodFactory,
    ResultTypeFactory,
    ReviewRoundFactory,
    RevisionFactory,
    RoleAssignmentFactory,
    ThreatAssessmentFactory,
    ThreatFactory,
    TimetableEntryFactory,
    UserFactory,
)

TODAY = datetime.date(2026, 11, 27)
START = datetime.date(2020, 1, 1)
PASSWORD = "correct-horse-battery-staple"


@dataclass
class World:
    users: dict[str, User] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)
    # More people holding roles (see ``enrich_world``), beside the one user per role.
    more_users: dict[str, User] = field(default_factory=dict)

    @property
    def cast(self) -> dict[str, User]:
        return {**self.users, **self.more_users}

    def __getattr__(self, name: str):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def _user(email: str, country: Country | None, organisation: Organisation | None) -> User:
    return UserFactory(
        email=email,
        first_name=email.split("@")[0].title(),
        last_name="Tester",
        country=country,
        organisation=organisation,
        raw_password=PASSWORD,
    )


def build_world() -> World:
    """The world, built with the clock frozen on ``TODAY``: its rows carry that day's times."""
    from tests.conftest import clock_frozen_at

    with clock_frozen_at(TODAY):
        return _build_world()


def _build_world() -> World:
    w = World()
    o = w.objects
    be = o["be"] = CountryFactory(code="BE", name="Belgium", kind="eu_member_state")
    nl = o["nl"] = CountryFactory(code="NL", name="Netherlands", kind="eu_member_state")
    de = o["de"] = CountryFactory(code="DE", name="Germany", kind="eu_member_state")
    pol = {}
    for country in (be, nl, de):
        pol[country.code] = OrganisationFactory(
            name=f"Police {country.code}",
            kind="national_authority",
            discipline="police",
            country=country,
        )
    o["org_be"], o["org_nl"], o["org_de"] = pol["BE"], pol["NL"], pol["DE"]
    europol = o["europol"] = OrganisationFactory(name="Europol", kind="eu_agency")

    cycle_a = o["cycle_a"] = CycleFactory(
        first_year=2022, name="EMPACT 2022-2025", current_step=Cycle.Step.POLICY_DEVELOPMENT
    )
    cycle_b = o["cycle_b"] = CycleFactory(
        first_year=2026, name="EMPACT 2026-2029", current_step=Cycle.Step.POLICY_DEVELOPMENT
    )
    o["timetable_entry"] = TimetableEntryFactory(title_pattern="Standard milestone {year}")
    for key, cycle in (("a", cycle_a), ("b", cycle_b)):
        o[f"milestone_{key}"] = MilestoneFactory(
            cycle=cycle,
            kind="other",
            step=1,
            title="M",
            due_date=datetime.date(cycle.first_year, 6, 1),
        )
        ta = o[f"threat_assessment_{key}"] = ThreatAssessmentFactory(
            cycle=cycle, kind="socta", title=f"SOCTA {key}", publication_date=None
        )
        o[f"threat_{key}"] = ThreatFactory(assessment=ta, title="T", trend="new")
        doc = o[f"document_{key}"] = EmpactDocumentFactory(kind="pad", title="PAD", cycle=cycle)
        o[f"version_{key}"] = DocumentVersionFactory(
            document=doc, version=1, approved_on=None, council_reference=""
        )
        # a public kind in the cycle: every user sees it, LIMITE ones only the cycle's users
        report = o[f"evaluation_report_{key}"] = EmpactDocumentFactory(
            kind="evaluation_report", title="Evaluation report", cycle=cycle
        )
        o[f"evaluation_report_{key}_v1"] = DocumentVersionFactory(
            document=report, version=1, approved_on=None, council_reference=""
        )
        ev = o[f"evaluation_{key}"] = EvaluationFactory(cycle=cycle, title=f"Evaluation {key}")
        o[f"recommendation_{key}"] = RecommendationFactory(evaluation=ev, number=1, text="R")
        o[f"priority_{key}"] = PriorityFactory(cycle=cycle, code=f"P{key}", title=f"Priority {key}")
        masp = o[f"masp_{key}"] = MaspFactory(cycle=cycle, title=f"MASP {key}")
        o[f"chsg_{key}"] = HorizontalGoalFactory(masp=masp, number=1, title="Picture")
    mandate = o["mandate"] = EmpactDocumentFactory(kind="mandate", title="Mandate")
    o["mandate_v1"] = DocumentVersionFactory(
        document=mandate, version=1, approved_on=None, council_reference=""
    )

    def plan(key, priority, year, status, driver):
        p = OperationalActionPlanFactory(
            priority=priority,
            code=key,
            title=key,
            first_year=year,
            last_year=year + 1,
            driver=driver,
            status=status,
        )
        o[key] = p
        o[f"{key}_goal"] = PlanGoalFactory(plan=p, number=1, title="Goal")
        o[f"{key}_period"] = ReportingPeriodFactory(
            plan=p,
            title="H1",
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 6, 30),
            deadline=datetime.date(year, 7, 31),
        )
        return p

    p1 = plan("p1", o["priority_a"], 2024, "draft", pol["BE"])
    p2 = plan("p2", o["priority_a"], 2024, "approved", pol["DE"])
    p3 = plan("p3", o["priority_b"], 2026, "draft", pol["NL"])
    o["cycle_period"] = ReportingPeriodFactory(
        cycle=cycle_a,
        title="Cycle H1",
        start=datetime.date(2022, 1, 1),
        end=datetime.date(2022, 6, 30),
        deadline=datetime.date(2022, 7, 31),
    )

    def action(key, p, leader, chsg):
        a = OperationalActionFactory(
            plan=p,
            code=f"OA {len(o)}",
            title=key,
            horizontal_goal=chsg,
            leader=leader,
            start_date=datetime.date(p.first_year, 2, 1),
            end_date=datetime.date(p.first_year, 11, 30),
        )
        o[key] = a
        o[f"{key}_kpi"] = KpiFactory(
            action=a, name="Cases", unit="number", baseline=None, target=10
        )
        return a

    a1 = action("a1", p1, pol["BE"], o["chsg_a"])
    a2 = action("a2", p1, pol["NL"], o["chsg_a"])
    a3 = action("a3", p2, pol["DE"], o["chsg_a"])
    a4 = action("a4", p3, pol["NL"], o["chsg_b"])
    o["part_a1_nl"] = ParticipationFactory(action=a1, country=nl)
    o["part_a1_de_police"] = ParticipationFactory(action=a1, organisation=pol["DE"])
    o["part_a2_de"] = ParticipationFactory(action=a2, country=de)
    o["part_a3_be"] = ParticipationFactory(action=a3, country=be, confirmation="confirmed")
    o["part_a4_europol"] = ParticipationFactory(action=a4, organisation=europol)

    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    # p2 is approved: its version 1 is in force, and a draft amendment proposes a new KPI target
    o["p2_v1"] = PlanVersionFactory(plan=p2, number=1, approved_at=now)
    o["p2_amendment"] = PlanAmendmentFactory(plan=p2, number=1, reason="New intelligence")
    o["p2_change"] = AmendmentChangeFactory(
        amendment=o["p2_amendment"],
        target_type="kpi",
        target_id=o["a3_kpi"].pk,
        field="target",
        before="10.00",
        after="20.00",
        value="20.00",
        reason="More cases expected",
    )
    for key, a, status in (
        ("r1", a1, "draft"),
        ("r2", a2, "submitted"),
        ("r3", a3, "accepted"),
        ("r4", a4, "draft"),
    ):
        period = o[f"{a.plan.code}_period"]
        report = o[key] = ProgressReportFactory(
            action=a,
            period=period,
            status=status,
            submitted_at=None if status == "draft" else now,
            blank=True,
        )
        o[f"{key}_value"] = KpiValueFactory(report=report, kpi=o[f"{a.title}_kpi"], value=3)

    jad = o["jad"] = JointActionDayFactory(
        title="JAD",
        start_date=datetime.date(2024, 6, 1),
        end_date=datetime.date(2024, 6, 5),
        lead_organisation=europol,
        actions=[a3],
    )
    arrests = o["result_type"] = ResultTypeFactory(code="arrests", name="Arrests", unit="count")

    def result(key, a, validated, published, jad_=None):
        o[key] = OperationalResultFactory(
            action=a,
            joint_action_day=jad_,
            result_type=arrests,
            quantity=Decimal("5"),
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 6, 30),
            validated_at=now if validated else None,
            is_published=published,
        )

    result("res_a1", a1, False, False)
    result("res_a2", a2, True, True)
    result("res_a3", a3, True, False)
    result("res_a4", a4, False, False)
    result("res_jad", None, True, True, jad)

    # COSI's assessments: cycle A's mid-term one adopted; its final one and cycle B's mid-term
    # one open, their review windows running on the world's day.
    mid = o["assessment_a_mid"] = AssessmentFactory(
        cycle=cycle_a,
        kind="mid_term",
        status="adopted",
        opens_on=datetime.date(2024, 1, 15),
        closes_on=datetime.date(2024, 2, 15),
        adopted_on=datetime.date(2024, 3, 1),
    )
    o["item_mid_p1"] = AssessmentItemFactory(assessment=mid, plan=p1, rating="largely")
    o["item_mid_chsg"] = AssessmentItemFactory(
        assessment=mid, horizontal_goal=o["chsg_a"], rating="partially"
    )
    window = {"opens_on": datetime.date(2026, 11, 16), "closes_on": datetime.date(2026, 12, 11)}
    final = o["assessment_a_final"] = AssessmentFactory(
        cycle=cycle_a, kind="final", status="open", **window
    )
    o["item_final_p2"] = AssessmentItemFactory(assessment=final, plan=p2, rating="achieved")
    o["item_final_p2_goal"] = AssessmentItemFactory(
        assessment=final, plan_goal=o["p2_goal"], rating=""
    )
    open_b = o["assessment_b_mid"] = AssessmentFactory(
        cycle=cycle_b, kind="mid_term", status="open", **window
    )
    o["item_b_p3"] = AssessmentItemFactory(assessment=open_b, plan=p3, rating="not_assessable")

    source = o["source"] = FundingSourceFactory(
        name="EMPACT grants", kind="empact_grant", managing_body=europol, maximum_amount=None
    )
    call = o["call"] = FundingCallFactory(
        source=source,
        title="Call 2024",
        opens=datetime.date(2023, 10, 1),
        closes=datetime.date(2023, 11, 30),
        decision_expected=None,
    )
    o["request_a1"] = FundingRequestFactory(
        action=a1, source=source, call=call, title="Travel", requested=Decimal("10000")
    )
    o["request_a3"] = FundingRequestFactory(
        action=a3, source=source, title="Equipment", requested=Decimal("50000"), status="submitted"
    )

    o["request_a2"] = FundingRequestFactory(  # withdrawn: in no funding total
        action=a2,
        source=source,
        title="Interpretation",
        requested=Decimal("3000"),
        status="withdrawn",
    )
    o["request_a4"] = FundingRequestFactory(
        action=a4, source=source, title="Meeting", requested=Decimal("8000")
    )

    cast = {
        Role.ADMINISTRATOR: (None, None, {}),
        Role.SECRETARIAT: (None, None, {}),
        Role.COSI_DELEGATE: (nl, None, {"country": nl}),
        Role.EUROPOL: (None, europol, {}),
        Role.COMMISSION: (None, None, {}),
        Role.DRIVER: (be, pol["BE"], {"plan": p1}),
        Role.CO_DRIVER: (de, pol["DE"], {"plan": p2}),
        Role.ACTION_LEADER: (be, pol["BE"], {"action": a1}),
        Role.CO_ACTION_LEADER: (de, pol["DE"], {"action": a3}),
        Role.PARTICIPANT: (de, pol["DE"], {"action": a2}),
        Role.NEC: (be, pol["BE"], {"country": be}),
    }
    for role, (country, organisation, scope) in cast.items():
        user = _user(f"{role}@example.eu", country, organisation)
        o[f"ra_{role}"] = RoleAssignmentFactory(user=user, role=role, starts_on=START, **scope)
        w.users[str(role)] = user
    o["outsider_nl"] = _user("outsider.nl@example.eu", nl, pol["NL"])
    o["colleague_be"] = _user("colleague.be@example.eu", be, pol["BE"])
    o["ra_colleague_be_participant"] = RoleAssignmentFactory(
        user=o["colleague_be"], role=Role.PARTICIPANT, action=a3, starts_on=START
    )
    o["ra_outsider_nl_participant"] = RoleAssignmentFactory(
        user=o["outsider_nl"], role=Role.PARTICIPANT, action=a4, starts_on=START
    )
    # Comments on plans, actions and reports inside and outside each scope.
    for key in ("p1", "p2", "p3", "a1", "a2", "a3", "a4", "r1", "r2", "r3"):
        o[f"comment_{key}"] = CommentFactory(object=o[key], author=w.users["administrator"])
    for key, a in (("lock_a1", a1), ("lock_a2", a2), ("lock_a3", a3), ("lock_a4", a4)):  # issue 13
        o[key] = LockException.objects.create(
            period=o[f"{a.plan.code}_period"],
            action=a,
            user=o["outsider_nl"],
            until=datetime.date(2026, 12, 31),
            reason="Late data from the national police",
        )
    # COSI's review rounds: a closed one that reviewed p2 (NL agreed), an open one over p3.
    o["round_a"] = ReviewRoundFactory(
        cycle=cycle_a,
        title="Round A",
        plans=[p2],
        closes_on=datetime.date(2024, 3, 1),
        status="closed",
        opened_by=w.users["secretariat"],
    )
    o["position_a_nl"] = PositionFactory(
        round=o["round_a"], plan=p2, country=nl, given_by=w.users["cosi_delegate"]
    )
    o["round_b"] = ReviewRoundFactory(
        cycle=cycle_b,
        title="Round B",
        plans=[p3],
        closes_on=datetime.date(2026, 12, 15),
        opened_by=w.users["secretariat"],
    )
    # Revisions after cycle A's interim report: a priority's and a draft plan's goal proposed,
    # an approved plan's goal adopted; one proposed in cycle B.
    interim = o["interim_report_a"] = ThreatAssessmentFactory(
        cycle=cycle_a, kind="interim_report", title="Interim report A", publication_date=None
    )
    o["interim_threat_a"] = ThreatFactory(assessment=interim, title="New threat", trend="emerging")
    o["revision_priority_a"] = RevisionFactory(
        priority=o["priority_a"],
        proposed={"title": "Priority a revised"},
        proposed_by=w.users["secretariat"],
        threats=[o["interim_threat_a"]],
    )
    o["revision_p1_goal"] = RevisionFactory(
        plan_goal=o["p1_goal"], proposed={"title": "Goal revised"}, proposed_by=w.users["driver"]
    )
    o["revision_p2_goal_adopted"] = RevisionFactory(
        plan_goal=o["p2_goal"],
        proposed={"title": "Goal widened"},
        proposed_by=w.users["secretariat"],
        status="adopted",
        decided_by=w.users["secretariat"],
        decided_on=datetime.date(2026, 5, 4),
        before={"title": "Goal", "description": ""},
        after={"title": "Goal widened", "description": ""},
    )
    o["revision_p3_goal"] = RevisionFactory(
        plan_goal=o["p3_goal"], proposed={"title": "Goal B revised"}, proposed_by=w.users["driver"]
    )
    # The delegations' comments: NL's on the adopted assessment, NL's and BE's on cycle A's open
    # final one, DE's on cycle B's.
    o["delegation_comment_mid_nl"] = DelegationCommentFactory(
        item=o["item_mid_p1"], country=nl, given_by=w.users["cosi_delegate"], text="Agreed."
    )
    o["delegation_comment_final_nl"] = DelegationCommentFactory(
        item=o["item_final_p2"], country=nl, given_by=w.users["cosi_delegate"], text="More KPIs."
    )
    o["delegation_comment_final_be"] = DelegationCommentFactory(
        item=o["item_final_p2_goal"], country=be, given_by=w.users["administrator"], text="Fine."
    )
    o["delegation_comment_b_de"] = DelegationCommentFactory(
        item=o["item_b_p3"], country=de, given_by=w.users["administrator"], text="Later."
    )
    for user in User.objects.all():
        sync_user_grants(user, TODAY)
    return w


def enrich_world(w: World) -> World:
    """Objects and people the access tests need so that a wrong lookup in a ``permissions.py``
    changes what somebody may do (``tests/access/test_mutations.py``): someone whose roles are
    all in cycle B, a role that ended, a country taking part through one of its organisations,
    an account of a country's national working for an EU agency, a draft assessment rating two
    plans, and a result of an action the NEC's country has no part in."""
    o = w.objects
    driver_b = o["driver_b"] = _user("driver.b@example.eu", o["nl"], o["org_nl"])
    o["ra_driver_b"] = RoleAssignmentFactory(
        user=driver_b, role=Role.DRIVER, plan=o["p3"], starts_on=START
    )
    o["ra_driver_b_ended"] = RoleAssignmentFactory(
        user=driver_b,
        role=Role.CO_DRIVER,
        plan=o["p1"],
        starts_on=START,
        ends_on=datetime.date(2025, 12, 31),
    )
    w.more_users["driver_b"] = driver_b
    w.more_users["participant_b"] = o["outsider_nl"]
    w.more_users["participant_a3"] = o["colleague_be"]
    o["part_a4_be_police"] = ParticipationFactory(action=o["a4"], organisation=o["org_be"])
    o["res_a2_unpublished"] = OperationalResultFactory(  # BE has no part in a2
        action=o["a2"],
        result_type=o["result_type"],
        quantity=Decimal("2"),
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 6, 30),
    )
    o["seconded_be"] = _user("seconded.be@example.eu", o["be"], o["europol"])
    o["item_final_p1"] = AssessmentItemFactory(
        assessment=o["assessment_a_final"], plan=o["p1"], rating="largely"
    )
    for user in (driver_b, o["seconded_be"]):
        sync_user_grants(user, TODAY)
    return w
