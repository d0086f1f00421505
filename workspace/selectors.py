"""Reads for the cycle pages, always for a user.

The cycle page loads each of its parts (milestones, threat assessments, priorities, MASP,
assessments, evaluation) in a fixed number of queries, each restricted by ``visible_to``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from actors.models import Organisation
from assessments.models import Assessment, AssessmentItem
from cycles.models import Cycle, Evaluation, Milestone, Recommendation, Threat, ThreatAssessment
from empact import clock
from oaps.models import OperationalActionPlan, ReportingPeriod
from oaps.selectors import plans_with_action_count
from priorities.models import HorizontalGoal, Masp, Priority

CYCLE_SORTS = {
    "first_year": ("first_year",),
    "name": ("name",),
    "step": ("current_step", "first_year"),
}


def cycles_visible_to(user) -> QuerySet[Cycle]:
    """The cycles the user may see, with their number of visible priorities."""
    priorities = Priority.objects.visible_to(user, "view")
    return Cycle.objects.visible_to(user, "view").annotate(
        priority_count=Count("priorities", filter=Q(priorities__in=priorities), distinct=True)
    )


def cycle_for_page(user, pk: int) -> Cycle:
    return get_object_or_404(Cycle.objects.visible_to(user, "view"), pk=pk)


@dataclass
class MilestoneView:
    milestone: Milestone
    status: str  # done, due, overdue


@dataclass
class StepView:
    number: int
    title: str
    is_current: bool
    milestones: list[MilestoneView] = field(default_factory=list)

    @property
    def years(self) -> str:
        dates = [m.milestone.due_date for m in self.milestones]
        if not dates:
            return ""
        first, last = min(dates).year, max(dates).year
        return str(first) if first == last else f"{first}-{last}"


@dataclass
class CycleOverview:
    cycle: Cycle
    steps: list[StepView]
    threat_assessments: list[ThreatAssessment]
    priorities: QuerySet[Priority]  # not read yet: the page shows one page of them
    masp: Masp | None
    assessments: list[Assessment]
    evaluation: Evaluation | None


def cycle_overview(user, cycle: Cycle, today: datetime.date | None = None) -> CycleOverview:
    today = today or clock.today()
    milestones = (
        Milestone.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .select_related("responsible", "responsible__country", "document", "document__document")
        .order_by("due_date", "pk")
    )
    steps = [
        StepView(number=value, title=label, is_current=value == cycle.current_step)
        for value, label in Cycle.Step.choices
    ]
    by_number = {step.number: step for step in steps}
    for milestone in milestones:
        step = by_number.get(milestone.step)
        if step is not None:
            step.milestones.append(MilestoneView(milestone, milestone.status(today)))

    threat_assessments = list(
        ThreatAssessment.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .prefetch_related(
            Prefetch("threats", queryset=Threat.objects.visible_to(user, "view").order_by("title"))
        )
        .order_by("publication_date", "pk")
    )
    plans = plans_with_action_count(user)
    priorities = (
        Priority.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .prefetch_related(Prefetch("plans", queryset=plans))
        .order_by("code", "pk")
    )
    masp = (
        Masp.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .prefetch_related(
            Prefetch(
                "horizontal_goals",
                queryset=HorizontalGoal.objects.visible_to(user, "view").order_by("number"),
            )
        )
        .first()
    )
    assessments = list(
        Assessment.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AssessmentItem.objects.visible_to(user, "view")
                .select_related("plan", "horizontal_goal")
                .order_by("plan__code", "horizontal_goal__number", "pk"),
            )
        )
        .order_by("kind")
    )
    evaluation = (
        Evaluation.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .select_related("commissioned_by")
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.visible_to(user, "view")
                .select_related("addressed_in")
                .order_by("number"),
            )
        )
        .first()
    )
    return CycleOverview(
        cycle=cycle,
        steps=steps,
        threat_assessments=threat_assessments,
        priorities=priorities,
        masp=masp,
        assessments=assessments,
        evaluation=evaluation,
    )


# --- setting a cycle up ------------------------------------------------------------------------


@dataclass
class SetupStep:
    """One step of setting a cycle up, as the progress indicator shows it."""

    key: str
    label: str
    url_name: str
    done: bool
    current: bool = False


SETUP_STEPS = (
    ("milestones", _("Years and milestones"), "cycle-setup-milestones"),
    ("threats", _("Threat assessments"), "cycle-setup-threats"),
    ("priorities", _("The Council's priorities"), "cycle-setup-priorities"),
    ("masp", _("General MASP and CHSGs"), "cycle-setup-masp"),
    ("plans", _("Plans and their drivers"), "cycle-setup-plans"),
    ("reporting", _("Reporting periods"), "cycle-setup-reporting"),
)


def cycle_setup_steps(user, cycle: Cycle, current: str | None = None) -> list[SetupStep]:
    """The steps of setting ``cycle`` up with whether each is done, read in one query: a step
    is done when what it makes exists (milestones; a threat assessment with threats; a priority;
    a MASP with CHSGs; a plan for every active priority; reporting periods)."""
    cycle_id = OuterRef("pk")
    priorities = Priority.objects.visible_to(user, "view").filter(cycle=cycle_id)
    plans = OperationalActionPlan.objects.visible_to(user, "view")
    periods = ReportingPeriod.objects.visible_to(user, "view")
    found = (
        Cycle.objects.filter(pk=cycle.pk)
        .annotate(
            milestones_set=Exists(
                Milestone.objects.visible_to(user, "view").filter(cycle=cycle_id)
            ),
            threats_set=Exists(
                Threat.objects.visible_to(user, "view").filter(assessment__cycle=cycle_id)
            ),
            priorities_set=Exists(priorities),
            priority_without_plan=Exists(
                priorities.filter(status=Priority.Status.ACTIVE).exclude(
                    Exists(plans.filter(priority=OuterRef("pk")))
                )
            ),
            goals_set=Exists(
                HorizontalGoal.objects.visible_to(user, "view").filter(masp__cycle=cycle_id)
            ),
            periods_set=Exists(
                periods.filter(Q(cycle=cycle_id) | Q(plan__priority__cycle=cycle_id))
            ),
        )
        .values()
        .get()
    )
    done = {
        "milestones": found["milestones_set"],
        "threats": found["threats_set"],
        "priorities": found["priorities_set"],
        "masp": found["goals_set"],
        "plans": found["priorities_set"] and not found["priority_without_plan"],
        "reporting": found["periods_set"],
    }
    return [
        SetupStep(key, str(label), url_name, done[key], current=key == current)
        for key, label, url_name in SETUP_STEPS
    ]


def cycle_setup_milestones(user, cycle: Cycle) -> QuerySet[Milestone]:
    return (
        Milestone.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .select_related("responsible")
        .order_by("due_date", "pk")
    )


def cycle_setup_threat_assessments(user, cycle: Cycle) -> QuerySet[ThreatAssessment]:
    threats = Threat.objects.visible_to(user, "view").order_by("title", "pk")
    return (
        ThreatAssessment.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .prefetch_related(Prefetch("threats", queryset=threats))
        .order_by("publication_date", "pk")
    )


def cycle_setup_priorities(user, cycle: Cycle) -> QuerySet[Priority]:
    threats = Threat.objects.visible_to(user, "view").order_by("title", "pk")
    plans = (
        OperationalActionPlan.objects.visible_to(user, "view")
        .select_related("driver__country")
        .prefetch_related(
            Prefetch("co_drivers", queryset=Organisation.objects.select_related("country"))
        )
        .order_by("code", "pk")
    )
    return (
        Priority.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .prefetch_related(Prefetch("threats", queryset=threats), Prefetch("plans", queryset=plans))
        .order_by("code", "pk")
    )


def cycle_setup_masp(user, cycle: Cycle) -> Masp | None:
    goals = HorizontalGoal.objects.visible_to(user, "view").order_by("number", "pk")
    return (
        Masp.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .prefetch_related(Prefetch("horizontal_goals", queryset=goals))
        .first()
    )


def previous_cycle_goals(user, cycle: Cycle) -> QuerySet[HorizontalGoal]:
    """The CHSGs of the latest earlier cycle that has any: the start offered to a new MASP."""
    goals = HorizontalGoal.objects.visible_to(user, "view").filter(
        masp__cycle__first_year__lt=cycle.first_year
    )
    latest = goals.order_by("-masp__cycle__first_year").values("masp_id")[:1]
    return goals.filter(masp_id__in=latest).select_related("masp").order_by("number", "pk")


def cycle_setup_reporting_periods(user, cycle: Cycle) -> QuerySet[ReportingPeriod]:
    return (
        ReportingPeriod.objects.visible_to(user, "view")
        .filter(Q(cycle=cycle) | Q(plan__priority__cycle=cycle))
        .select_related("plan")
        .order_by("plan__code", "start", "pk")
    )
