"""Reads of revisions, always for a user (each starts from ``Revision.objects.visible_to``)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from cycles.models import Cycle, Threat
from oaps.models import OperationalActionPlan
from priorities.models import Priority
from revisions.models import Revision


def revisions_visible_to(user, action: str = "view") -> QuerySet[Revision]:
    return Revision.objects.visible_to(user, action).select_related(
        "cycle", "priority", "plan_goal__plan", "proposed_by", "decided_by"
    )


def revisions_of_cycle(user, cycle: Cycle) -> QuerySet[Revision]:
    return revisions_visible_to(user).filter(cycle=cycle).order_by("status", "-created_at", "-pk")


def revision_for_page(user, pk: int) -> Revision:
    threats = Threat.objects.visible_to(user, "view").select_related("assessment")
    return get_object_or_404(
        revisions_visible_to(user).prefetch_related(Prefetch("threats", queryset=threats)),
        pk=pk,
    )


def _adopted(user) -> QuerySet[Revision]:
    return (
        revisions_visible_to(user)
        .filter(status=Revision.Status.ADOPTED)
        .order_by("decided_on", "pk")
    )


def adopted_revisions_of_priority(user, priority: Priority) -> list[Revision]:
    """What the priority's page shows: each adopted revision, oldest first (one query)."""
    return list(_adopted(user).filter(priority=priority))


def adopted_revisions_of_plan_goals(user, plan: OperationalActionPlan) -> list[Revision]:
    """What the plan page shows under its goals: the adopted revisions of them (one query)."""
    return list(_adopted(user).filter(plan_goal__plan=plan))


def interim_threats(user, cycle: Cycle | None) -> QuerySet[Threat]:
    """The threats a revision may answer: those of the interim report(s) of the cycle."""
    threats = Threat.objects.visible_to(user, "view").filter(assessment__kind="interim_report")
    if cycle is not None:
        threats = threats.filter(assessment__cycle=cycle)
    return threats.select_related("assessment").order_by("assessment_id", "title")
