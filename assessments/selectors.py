"""Reads of COSI's assessments, always for a user and through the gate."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from actors.models import Country
from assessments.evidence import action_statuses, evidence_for
from assessments.models import Assessment, AssessmentItem, DelegationComment
from cycles.models import Cycle
from empact import clock
from empact.access import can
from reviews.services import delegation_country

ITEM_RELATIONS = ("assessment__cycle", "plan", "horizontal_goal", "plan_goal__plan")


def cycle_for_page(user, pk: int) -> Cycle:
    return get_object_or_404(Cycle.objects.visible_to(user, "view"), pk=pk)


def assessments_of_cycle(user, cycle) -> QuerySet[Assessment]:
    return Assessment.objects.visible_to(user, "view").filter(cycle=cycle).select_related("cycle")


def assessment_for_page(user, pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.visible_to(user, "view").select_related(
            "cycle", "opened_by", "adopted_by"
        ),
        pk=pk,
    )


def comments_visible_to(user) -> QuerySet[DelegationComment]:
    return (
        DelegationComment.objects.visible_to(user, "view")
        .select_related("country", "given_by")
        .order_by("item_id", "country__code")
    )


def items_of(user, assessment: Assessment) -> list[AssessmentItem]:
    """The items of the assessment the user may see, each with its visible comments (as
    ``visible_comments``) and ``shown_evidence`` (stored once adopted, else compiled now)."""
    items = list(
        AssessmentItem.objects.visible_to(user, "view")
        .filter(assessment=assessment)
        .select_related(*ITEM_RELATIONS)
        .prefetch_related(
            Prefetch(
                "delegation_comments",
                queryset=comments_visible_to(user),
                to_attr="visible_comments",
            )
        )
        .order_by(
            "plan__code", "horizontal_goal__number", "plan_goal__plan__code", "plan_goal__number"
        )
    )
    evidence = evidence_for(items, user=user)
    for item in items:
        item.shown_evidence = evidence[item.pk]
        item.status_rows = action_statuses(item.shown_evidence)
    return items


def item_for_page(user, pk: int) -> AssessmentItem:
    item = get_object_or_404(
        AssessmentItem.objects.visible_to(user, "view").select_related(*ITEM_RELATIONS),
        pk=pk,
    )
    item.visible_comments = list(comments_visible_to(user).filter(item=item))
    item.shown_evidence = evidence_for([item], user=user)[item.pk]
    item.status_rows = action_statuses(item.shown_evidence)
    return item


def commenting_countries(assessment: Assessment) -> int:
    """How many countries commented on at least one item."""
    return (
        DelegationComment.objects.filter(item__assessment=assessment)
        .values("country")
        .distinct()
        .count()
    )


def may_comment(user, item: AssessmentItem, today: datetime.date | None = None) -> bool:
    """Whether the user may give their delegation's comment on the item today."""
    return (
        item.assessment.window_is_open(today or clock.today())
        and delegation_country(user) is not None
        and can(user, "give_comment", item)
    )


def own_comment(user, item: AssessmentItem) -> DelegationComment | None:
    country = delegation_country(user)
    if country is None:
        return None
    return next((c for c in item.visible_comments if c.country_id == country.pk), None)


# --- My work -----------------------------------------------------------------------------------


def items_awaiting_comment(user, today: datetime.date | None = None) -> QuerySet[AssessmentItem]:
    """Items of assessments whose review window is open today on which the delegate's country
    has not commented yet."""
    today = today or clock.today()
    country: Country | None = delegation_country(user)
    if country is None:
        return AssessmentItem.objects.none()
    return (
        AssessmentItem.objects.visible_to(user, "give_comment")
        .filter(
            assessment__status=Assessment.Status.OPEN,
            assessment__opens_on__lte=today,
            assessment__closes_on__gte=today,
        )
        .exclude(delegation_comments__country=country)
        .select_related(*ITEM_RELATIONS)
        .order_by("assessment__closes_on", "assessment_id", "pk")
    )


def items_awaiting_findings(user, action: str) -> QuerySet[AssessmentItem]:
    """Items of open assessments whose findings the user may give (``give_europol_findings``
    or ``give_drivers_findings``) and which have none yet."""
    field = "europol_findings" if action == "give_europol_findings" else "drivers_findings"
    return (
        AssessmentItem.objects.visible_to(user, action)
        .filter(assessment__status=Assessment.Status.OPEN, **{field: ""})
        .select_related(*ITEM_RELATIONS)
        .order_by("assessment__closes_on", "assessment_id", "pk")
    )


def assessments_awaiting_adoption(user, today: datetime.date | None = None) -> QuerySet[Assessment]:
    """Open assessments whose review window has closed, for those who may adopt them."""
    today = today or clock.today()
    return (
        Assessment.objects.visible_to(user, "adopt")
        .filter(status=Assessment.Status.OPEN, closes_on__lt=today)
        .select_related("cycle")
        .annotate(item_count=Count("items"))
        .order_by("closes_on", "pk")
    )
