"""Reads for the cycle pages, always for a user.

The cycle page loads each of its parts (milestones, threat assessments, priorities, MASP,
assessments, evaluation) in a fixed number of queries, each restricted by ``visible_to``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from cycles.models import Cycle, Evaluation, Milestone, Recommendation, Threat, ThreatAssessment
from empact import clock
from oaps.models import Assessment, AssessmentItem
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
    priorities: list[Priority]
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
    priorities = list(
        Priority.objects.visible_to(user, "view")
        .filter(cycle=cycle)
        .prefetch_related(Prefetch("plans", queryset=plans))
        .order_by("code")
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
