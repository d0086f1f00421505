"""Test factories for every model of the five EMPACT apps.

Every factory builds a valid, consistent object by default: an action's CHSG comes from the MASP
of its plan's cycle, its dates lie inside the plan's years, a plan's years lie inside its cycle
and a role assignment gets the scope its role needs. Pass the object you care about and the rest
follows from it::

    plan = OperationalActionPlanFactory(cycle=cycle)
    action = OperationalActionFactory(plan=plan)
    RoleAssignmentFactory(role="driver", plan=plan)
    ProgressReportFactory(action=action, submitted=True)

To keep graphs small, a few objects are reused rather than created again (``get_or_create``):
the cycle of a first year (the default is EMPACT 2022-2025), its MASP, CHSG number N of a MASP,
its evaluation, its threat assessment and its assessment of a kind, and a result type by code.
Arguments other than those lookup keys are ignored when the object already exists.

The module ends with two helpers the model tests share: ``validation_errors`` and
``assert_database_refuses``.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from decimal import Decimal
from string import ascii_uppercase
from typing import Any

import factory
import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from factory.django import DjangoModelFactory

from actors.models import (
    ROLE_SCOPES,
    ApiToken,
    Country,
    Organisation,
    Role,
    RoleAssignment,
    Scope,
    User,
)
from assessments.models import Assessment, AssessmentItem, DelegationComment
from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Milestone,
    Recommendation,
    Threat,
    ThreatAssessment,
    TimetableEntry,
)
from discussion.models import Comment
from empact import clock
from funding.models import FundingCall, FundingRequest, FundingSource
from oaps.models import (
    AmendmentChange,
    JointActionDay,
    Kpi,
    KpiValue,
    LockException,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanAmendment,
    PlanGoal,
    PlanVersion,
    ProgressReport,
    ReportingPeriod,
    ResultType,
)
from oaps.selectors.versions import plan_snapshot
from priorities.models import HorizontalGoal, Masp, Priority
from reviews.models import Position, ReviewRound
from revisions.models import Revision

DEFAULT_PASSWORD = "correct horse battery staple"
DEFAULT_CYCLE_FIRST_YEAR = 2022

# Codes reserved for private use by ISO 3166 first (XA-XZ, QM-QZ), so a generated country rarely
# meets a real code a test asks for explicitly; then every other pair of capital letters.
_PRIVATE_CODES = [f"X{letter}" for letter in ascii_uppercase] + [f"Q{c}" for c in "MNOPQRSTUVWXYZ"]
_COUNTRY_CODES = _PRIVATE_CODES + [
    first + second
    for first in ascii_uppercase
    for second in ascii_uppercase
    if first + second not in _PRIVATE_CODES
]


@functools.cache
def hashed_password(raw_password: str) -> str:
    """Hash once per distinct password: hashing is deliberately slow."""
    return make_password(raw_password)


def next_number(parent: models.Model | None, related_name: str, field: str = "number") -> int:
    """One more than the highest ``field`` among ``parent``'s related objects (1 when none)."""
    if parent is None or parent.pk is None:
        return 1
    highest = getattr(parent, related_name).aggregate(highest=models.Max(field))["highest"]
    return (highest or 0) + 1


def set_many(field: str) -> factory.PostGeneration:
    """A post-generation hook filling the many-to-many ``field`` from the value passed."""

    def setter(obj: models.Model, create: bool, extracted: Iterable[Any] | None, **_: Any) -> None:
        if create and extracted:
            getattr(obj, field).set(extracted)

    return factory.PostGeneration(setter)


class BaseFactory(DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True


# --- actors ---------------------------------------------------------------------------------


class CountryFactory(BaseFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: _COUNTRY_CODES[n % len(_COUNTRY_CODES)])
    name = factory.LazyAttribute(lambda o: f"Country {o.code}")
    kind = Country.Kind.EU_MEMBER_STATE


class OrganisationFactory(BaseFactory):
    """A national police authority by default; other kinds get the discipline and country right.

    ``OrganisationFactory(kind="eu_agency")`` has neither discipline nor country; a third-country
    authority gets a third country.
    """

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Authority {n}")
    kind = Organisation.Kind.NATIONAL_AUTHORITY
    discipline = factory.LazyAttribute(
        lambda o: (
            Organisation.Discipline.POLICE if o.kind == Organisation.Kind.NATIONAL_AUTHORITY else ""
        )
    )
    country = factory.Maybe(
        factory.LazyAttribute(lambda o: o.kind in Organisation.KINDS_WITH_COUNTRY),
        yes_declaration=factory.SubFactory(
            CountryFactory,
            kind=factory.LazyAttribute(
                lambda c: (
                    Country.Kind.THIRD_COUNTRY
                    if c.factory_parent.kind == Organisation.Kind.THIRD_COUNTRY_AUTHORITY
                    else Country.Kind.EU_MEMBER_STATE
                )
            ),
        ),
        no_declaration=None,
    )


class UserFactory(BaseFactory):
    """A user logging in with ``email`` and ``DEFAULT_PASSWORD`` (or ``raw_password=...``)."""

    class Meta:
        model = User

    class Params:
        raw_password = DEFAULT_PASSWORD

    email = factory.Sequence(lambda n: f"user{n}@example.eu")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.LazyAttribute(lambda o: hashed_password(o.raw_password))
    organisation = None
    country = None


class ApiTokenFactory(BaseFactory):
    """A personal API token; the key itself is not kept (use ``api_token_create`` to get one)."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Integration {n}")
    key_prefix = "empact_test"
    key_hash = factory.Sequence(lambda n: f"{n:064x}")


# --- cycles ---------------------------------------------------------------------------------


class CycleFactory(BaseFactory):
    """The cycle starting in ``first_year``, reused if it exists (default EMPACT 2022-2025)."""

    class Meta:
        model = Cycle
        django_get_or_create = ("first_year",)

    first_year = DEFAULT_CYCLE_FIRST_YEAR
    name = factory.LazyAttribute(lambda o: Cycle.default_name(o.first_year))
    current_step = Cycle.Step.IMPLEMENTATION


class EmpactDocumentFactory(BaseFactory):
    class Meta:
        model = EmpactDocument

    kind = EmpactDocument.Kind.MANDATE
    title = factory.Sequence(lambda n: f"EMPACT document {n}")
    cycle = None


class DocumentVersionFactory(BaseFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(EmpactDocumentFactory)
    version = factory.LazyAttribute(lambda o: next_number(o.document, "versions", "version"))
    approved_on = datetime.date(2021, 3, 5)
    council_reference = "6481/21"
    # a small PDF in the private storage, as an upload leaves it
    file = factory.django.FileField(filename="document.pdf", data=b"%PDF-1.7\n%test\n")
    filename = "document.pdf"
    content_type = "application/pdf"
    size = len(b"%PDF-1.7\n%test\n")


class MilestoneFactory(BaseFactory):
    class Meta:
        model = Milestone

    cycle = factory.SubFactory(CycleFactory)
    kind = Milestone.Kind.OTHER
    step = Cycle.Step.IMPLEMENTATION
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = factory.LazyAttribute(lambda o: datetime.date(o.cycle.first_year + 1, 6, 30))


class TimetableEntryFactory(BaseFactory):
    class Meta:
        model = TimetableEntry
        django_get_or_create = ("kind", "title_pattern")

    kind = Milestone.Kind.OTHER
    step = Cycle.Step.IMPLEMENTATION
    title_pattern = factory.Sequence(lambda n: f"Milestone {n} of {{year}}")
    year_offset = 1
    month = 6
    day = 30


class ThreatAssessmentFactory(BaseFactory):
    """The cycle's EU-SOCTA by default, reused if it exists (one per kind per cycle)."""

    class Meta:
        model = ThreatAssessment
        django_get_or_create = ("cycle", "kind")

    cycle = factory.SubFactory(CycleFactory)
    kind = ThreatAssessment.Kind.SOCTA
    title = factory.LazyAttribute(
        lambda o: f"{ThreatAssessment.Kind(o.kind).label} {o.cycle.first_year - 1}"
    )
    publication_date = factory.LazyAttribute(lambda o: datetime.date(o.cycle.first_year - 1, 4, 12))


class ThreatFactory(BaseFactory):
    class Meta:
        model = Threat

    assessment = factory.SubFactory(ThreatAssessmentFactory)
    title = factory.Sequence(lambda n: f"Threat {n}")
    trend = Threat.Trend.PERSISTING


class EvaluationFactory(BaseFactory):
    """The cycle's independent evaluation, reused if it exists (one per cycle)."""

    class Meta:
        model = Evaluation
        django_get_or_create = ("cycle",)

    cycle = factory.SubFactory(CycleFactory)
    title = factory.LazyAttribute(lambda o: f"Independent evaluation of {o.cycle.name}")
    status = Evaluation.Status.PLANNED


class RecommendationFactory(BaseFactory):
    class Meta:
        model = Recommendation

    evaluation = factory.SubFactory(EvaluationFactory)
    number = factory.LazyAttribute(lambda o: next_number(o.evaluation, "recommendations"))
    text = factory.Sequence(lambda n: f"Recommendation text {n}.")
    addressed_in = None


# --- priorities -----------------------------------------------------------------------------


class PriorityFactory(BaseFactory):
    class Meta:
        model = Priority

    cycle = factory.SubFactory(CycleFactory)
    code = factory.Sequence(lambda n: f"PRIO-{n}")
    title = factory.Sequence(lambda n: f"Crime priority {n}")
    threats = set_many("threats")


class MaspFactory(BaseFactory):
    """The cycle's general MASP, reused if it exists (one per cycle)."""

    class Meta:
        model = Masp
        django_get_or_create = ("cycle",)

    cycle = factory.SubFactory(CycleFactory)
    title = factory.LazyAttribute(lambda o: f"General MASP {o.cycle.name}")


class HorizontalGoalFactory(BaseFactory):
    """A new CHSG of the MASP; ``number=N`` reuses CHSG N if the MASP already has it."""

    class Meta:
        model = HorizontalGoal
        django_get_or_create = ("masp", "number")

    masp = factory.SubFactory(MaspFactory)
    number = factory.LazyAttribute(lambda o: next_number(o.masp, "horizontal_goals"))
    title = factory.LazyAttribute(lambda o: f"Common horizontal strategic goal {o.number}")


# --- oaps -----------------------------------------------------------------------------------


class OperationalActionPlanFactory(BaseFactory):
    """A two-year plan in the third and fourth year of its cycle (2024-2025 by default).

    Pass ``priority=...``, or ``cycle=...`` for a new priority of that cycle.
    """

    class Meta:
        model = OperationalActionPlan

    class Params:
        cycle = None

    priority = factory.Maybe(
        "cycle",
        yes_declaration=factory.SubFactory(PriorityFactory, cycle=factory.SelfAttribute("..cycle")),
        no_declaration=factory.SubFactory(PriorityFactory),
    )
    code = factory.Sequence(lambda n: f"OAP-{n}")
    title = factory.Sequence(lambda n: f"Operational action plan {n}")
    first_year = factory.LazyAttribute(lambda o: o.priority.cycle.first_year + 2)
    last_year = factory.LazyAttribute(lambda o: o.first_year + 1)
    driver = factory.SubFactory(OrganisationFactory)
    status = OperationalActionPlan.Status.DRAFT
    co_drivers = set_many("co_drivers")


class PlanGoalFactory(BaseFactory):
    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(OperationalActionPlanFactory)
    number = factory.LazyAttribute(lambda o: next_number(o.plan, "goals"))
    title = factory.Sequence(lambda n: f"Plan goal {n}")


class OperationalActionFactory(BaseFactory):
    """An action under CHSG 1 of its plan's cycle, running from February to November."""

    class Meta:
        model = OperationalAction

    plan = factory.SubFactory(OperationalActionPlanFactory)
    code = factory.Sequence(lambda n: f"OA {n + 1}")
    title = factory.Sequence(lambda n: f"Operational action {n}")
    horizontal_goal = factory.SubFactory(
        HorizontalGoalFactory,
        number=1,
        masp=factory.SubFactory(MaspFactory, cycle=factory.SelfAttribute("...plan.priority.cycle")),
    )
    leader = factory.SubFactory(OrganisationFactory)
    start_date = factory.LazyAttribute(lambda o: datetime.date(o.plan.first_year, 2, 1))
    end_date = factory.LazyAttribute(lambda o: datetime.date(o.plan.last_year, 11, 30))
    status = OperationalAction.Status.PLANNED
    co_leaders = set_many("co_leaders")
    plan_goals = set_many("plan_goals")


class ParticipationFactory(BaseFactory):
    """A country taking part; pass ``organisation=...`` for an organisation instead."""

    class Meta:
        model = Participation

    action = factory.SubFactory(OperationalActionFactory)
    organisation = None
    country = factory.Maybe(
        "organisation", yes_declaration=None, no_declaration=factory.SubFactory(CountryFactory)
    )
    role = Participation.Role.PARTICIPANT


class KpiFactory(BaseFactory):
    class Meta:
        model = Kpi

    action = factory.SubFactory(OperationalActionFactory)
    name = factory.Sequence(lambda n: f"KPI {n}")
    unit = "number"
    baseline = Decimal("0.00")
    target = Decimal("10.00")
    direction = Kpi.Direction.INCREASE


class PlanVersionFactory(BaseFactory):
    """A numbered approved version of an approved plan (its snapshot as the plan now stands)."""

    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(OperationalActionPlanFactory, status="approved")
    number = factory.Sequence(lambda n: n + 1)
    approved_at = factory.LazyFunction(clock.now)
    snapshot = factory.LazyAttribute(lambda o: plan_snapshot(o.plan))


class PlanAmendmentFactory(BaseFactory):
    """A draft amendment of an approved plan."""

    class Meta:
        model = PlanAmendment

    plan = factory.SubFactory(OperationalActionPlanFactory, status="approved")
    number = factory.Sequence(lambda n: n + 1)
    reason = "New intelligence"


class AmendmentChangeFactory(BaseFactory):
    """A proposed change of a plan's title (pass ``target_type``, ``target_id``, ``field``...)."""

    class Meta:
        model = AmendmentChange

    amendment = factory.SubFactory(PlanAmendmentFactory)
    kind = AmendmentChange.Kind.CHANGE
    target_type = AmendmentChange.Target.PLAN
    target_id = factory.LazyAttribute(lambda o: o.amendment.plan_id)
    field = "title"
    before = factory.LazyAttribute(lambda o: o.amendment.plan.title)
    after = "A new title"
    value = "A new title"
    reason = "Clearer"


class ReportingPeriodFactory(BaseFactory):
    """The first half of its plan's first year; pass ``cycle=...`` for a cycle-wide period."""

    class Meta:
        model = ReportingPeriod

    cycle = None
    plan = factory.Maybe(
        "cycle",
        yes_declaration=None,
        no_declaration=factory.SubFactory(OperationalActionPlanFactory),
    )
    title = factory.Sequence(lambda n: f"Reporting period {n}")
    start = factory.LazyAttribute(
        lambda o: datetime.date(o.plan.first_year if o.plan else o.cycle.first_year + 2, 1, 1)
    )
    end = factory.LazyAttribute(lambda o: o.start.replace(month=6, day=30))
    deadline = factory.LazyAttribute(lambda o: o.start.replace(month=7, day=31))


class ProgressReportFactory(BaseFactory):
    """A draft report on a period of the action's plan; ``submitted=True`` for a submitted one,
    ``blank=True`` for one with nothing written yet."""

    class Meta:
        model = ProgressReport

    class Params:
        submitted = factory.Trait(
            status=ProgressReport.Status.SUBMITTED,
            submitted_at=factory.LazyFunction(lambda: clock.now()),
        )
        # just started: nothing written yet
        blank = factory.Trait(narrative="", completion_estimate=None)

    action = factory.SubFactory(OperationalActionFactory)
    period = factory.SubFactory(ReportingPeriodFactory, plan=factory.SelfAttribute("..action.plan"))
    status = ProgressReport.Status.DRAFT
    narrative = "Work progresses as planned."
    completion_estimate = 40


class LockExceptionFactory(BaseFactory):
    """A lock exception for the action's report of a period of its plan, for a month."""

    class Meta:
        model = LockException

    action = factory.SubFactory(OperationalActionFactory)
    period = factory.SubFactory(ReportingPeriodFactory, plan=factory.SelfAttribute("..action.plan"))
    user = factory.SubFactory(UserFactory)
    until = factory.LazyFunction(lambda: clock.today() + datetime.timedelta(days=30))
    reason = "The national data arrived late."


class KpiValueFactory(BaseFactory):
    class Meta:
        model = KpiValue

    report = factory.SubFactory(ProgressReportFactory)
    kpi = factory.SubFactory(KpiFactory, action=factory.SelfAttribute("..report.action"))
    value = Decimal("4.00")


class JointActionDayFactory(BaseFactory):
    class Meta:
        model = JointActionDay

    title = factory.Sequence(lambda n: f"Joint action day {n}")
    start_date = datetime.date(2024, 6, 10)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=4))
    lead_organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.EU_AGENCY)
    status = JointActionDay.Status.PLANNED
    plans = set_many("plans")
    actions = set_many("actions")
    countries = set_many("countries")


class ResultTypeFactory(BaseFactory):
    """The result type with ``code``, reused if it exists."""

    class Meta:
        model = ResultType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"result-{n}")
    name = factory.LazyAttribute(lambda o: f"Result {o.code}")
    unit = ResultType.Unit.COUNT


class OperationalResultFactory(BaseFactory):
    """A result of an action over its whole run; pass ``joint_action_day=...`` for a JAD's.

    ``validated=True`` marks it validated by Europol, ``published=True`` also published.
    """

    class Meta:
        model = OperationalResult

    class Params:
        validated = factory.Trait(validated_at=factory.LazyFunction(lambda: clock.now()))
        published = factory.Trait(validated=True, is_published=True)

    joint_action_day = None
    action = factory.Maybe(
        "joint_action_day",
        yes_declaration=None,
        no_declaration=factory.SubFactory(OperationalActionFactory),
    )
    result_type = factory.SubFactory(ResultTypeFactory)
    quantity = Decimal("12.00")
    period_start = factory.LazyAttribute(
        lambda o: o.action.start_date if o.action else o.joint_action_day.start_date
    )
    period_end = factory.LazyAttribute(
        lambda o: o.action.end_date if o.action else o.joint_action_day.end_date
    )


class AssessmentFactory(BaseFactory):
    """The cycle's mid-term assessment by default, reused if it exists (one per kind), open,
    its review window around today."""

    class Meta:
        model = Assessment
        django_get_or_create = ("cycle", "kind")

    cycle = factory.SubFactory(CycleFactory)
    kind = Assessment.Kind.MID_TERM
    status = Assessment.Status.OPEN
    opens_on = factory.LazyFunction(lambda: clock.today() - datetime.timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: clock.today() + datetime.timedelta(days=14))


class AssessmentItemFactory(BaseFactory):
    """An item rating a new plan of the assessed cycle; pass ``horizontal_goal=...`` or
    ``plan_goal=...`` instead."""

    class Meta:
        model = AssessmentItem

    assessment = factory.SubFactory(AssessmentFactory)
    horizontal_goal = None
    plan_goal = None
    plan = factory.Maybe(
        factory.LazyAttribute(lambda o: bool(o.horizontal_goal or o.plan_goal)),
        yes_declaration=None,
        no_declaration=factory.SubFactory(
            OperationalActionPlanFactory, cycle=factory.SelfAttribute("..assessment.cycle")
        ),
    )
    rating = AssessmentItem.Rating.PARTIALLY_ACHIEVED


# --- revisions ------------------------------------------------------------------------------


class RevisionFactory(BaseFactory):
    """A proposed revision of a new priority; pass ``plan_goal=...`` for a plan goal's."""

    class Meta:
        model = Revision

    plan_goal = None
    priority = factory.Maybe(
        "plan_goal", yes_declaration=None, no_declaration=factory.SubFactory(PriorityFactory)
    )
    cycle = factory.LazyAttribute(
        lambda o: o.priority.cycle if o.priority else o.plan_goal.plan.priority.cycle
    )
    reason = "The interim report names a new threat."
    proposed = factory.Sequence(lambda n: {"title": f"Revised wording {n}"})
    proposed_by = factory.SubFactory(UserFactory)
    status = Revision.Status.PROPOSED
    threats = set_many("threats")


class DelegationCommentFactory(BaseFactory):
    class Meta:
        model = DelegationComment

    item = factory.SubFactory(AssessmentItemFactory)
    country = factory.SubFactory(CountryFactory)
    text = "The delegation agrees with the findings."
    given_by = factory.SubFactory(UserFactory)


# --- funding --------------------------------------------------------------------------------


class FundingSourceFactory(BaseFactory):
    """A source granting at most EUR 60,000, like an EMPACT low-value grant."""

    class Meta:
        model = FundingSource

    name = factory.Sequence(lambda n: f"Funding source {n}")
    kind = FundingSource.Kind.EMPACT_GRANT
    maximum_amount = Decimal("60000.00")


class FundingCallFactory(BaseFactory):
    class Meta:
        model = FundingCall

    source = factory.SubFactory(FundingSourceFactory)
    title = factory.Sequence(lambda n: f"Call {n}")
    opens = datetime.date(2024, 1, 15)
    closes = datetime.date(2024, 3, 15)
    decision_expected = datetime.date(2024, 5, 15)


class FundingRequestFactory(BaseFactory):
    """A draft request of EUR 25,000; ``call=...`` takes the call's source.

    ``is_granted=True`` grants the full requested amount with a decision date.
    """

    class Meta:
        model = FundingRequest

    class Params:
        is_granted = factory.Trait(
            status=FundingRequest.Status.GRANTED,
            granted=factory.SelfAttribute("requested"),
            decision_date=datetime.date(2024, 5, 15),
        )

    action = factory.SubFactory(OperationalActionFactory)
    call = None
    source = factory.Maybe(
        "call",
        yes_declaration=factory.SelfAttribute("call.source"),
        no_declaration=factory.SubFactory(FundingSourceFactory),
    )
    title = factory.Sequence(lambda n: f"Funding request {n}")
    requested = Decimal("25000.00")
    status = FundingRequest.Status.DRAFT
    beneficiaries = set_many("beneficiaries")


# --- discussion ------------------------------------------------------------------------------


class CommentFactory(BaseFactory):
    """A comment on a plan (``object=`` any commentable object), by a new user."""

    class Meta:
        model = Comment

    object = factory.SubFactory(OperationalActionPlanFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Comment {n}")
    addressed_to = set_many("addressed_to")


# --- role assignments (actors, but scoped by oaps objects) ------------------------------------


def _scope_is(scope: str) -> factory.LazyAttribute:
    return factory.LazyAttribute(lambda o: ROLE_SCOPES[o.role] == scope)


class RoleAssignmentFactory(BaseFactory):
    """A role held from today, with the scope its role needs (``ROLE_SCOPES``).

    ``RoleAssignmentFactory(role="driver", plan=plan)``; a missing scope object is created.
    """

    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.SECRETARIAT
    plan = factory.Maybe(
        _scope_is(Scope.PLAN),
        yes_declaration=factory.SubFactory(OperationalActionPlanFactory),
        no_declaration=None,
    )
    action = factory.Maybe(
        _scope_is(Scope.ACTION),
        yes_declaration=factory.SubFactory(OperationalActionFactory),
        no_declaration=None,
    )
    country = factory.Maybe(
        _scope_is(Scope.COUNTRY),
        yes_declaration=factory.SubFactory(CountryFactory),
        no_declaration=None,
    )
    # clock.today, looked up at each call: tests that freeze the clock get roles held that day
    starts_on = factory.LazyFunction(lambda: clock.today())
    ends_on = None


# --- helpers for model-rule tests -----------------------------------------------------------


def validation_errors(obj: models.Model) -> dict[str, list[str]]:
    """The messages ``full_clean()`` raises for ``obj``, by field (``__all__`` for the rest)."""
    with pytest.raises(ValidationError) as raised:
        obj.full_clean()
    return raised.value.message_dict


def constraint_errors(obj: models.Model) -> list[str]:
    """The messages the model's Meta constraints raise for ``obj`` (``validate_constraints``)."""
    with pytest.raises(ValidationError) as raised:
        obj.validate_constraints()
    return raised.value.messages


def assert_database_refuses(constraint: str, write: Callable[[], object]) -> None:
    """``write`` bypasses ``clean()``; the database must refuse it by ``constraint``'s name."""
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        write()
    assert constraint in str(raised.value)


# --- reviews ---------------------------------------------------------------------------------


class ReviewRoundFactory(BaseFactory):
    """An open round of the cycle closing at the end of 2026; pass ``plans=[...]``."""

    class Meta:
        model = ReviewRound

    cycle = factory.SubFactory(CycleFactory)
    title = factory.Sequence(lambda n: f"Review round {n}")
    closes_on = datetime.date(2026, 12, 31)
    opened_by = factory.SubFactory(UserFactory)
    status = ReviewRound.Status.OPEN

    @factory.post_generation
    def plans(self, create: bool, extracted: Iterable | None, **kwargs) -> None:
        if create and extracted:
            self.plans.set(extracted)


class PositionFactory(BaseFactory):
    class Meta:
        model = Position

    round = factory.SubFactory(ReviewRoundFactory)
    plan = factory.SubFactory(OperationalActionPlanFactory)
    country = factory.SubFactory(CountryFactory)
    position = Position.Answer.AGREE
    comment = ""
    given_by = factory.SubFactory(UserFactory)
