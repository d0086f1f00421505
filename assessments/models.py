"""COSI's mid-term and final assessments of a cycle: they rate plans and CHSGs across the cycle,
so they sit above the plans (moved out of ``oaps``; the tables keep their names)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cycles.models import Cycle
from empact.models import TimestampedModel
from oaps.models import OperationalActionPlan
from priorities.models import HorizontalGoal


class Assessment(TimestampedModel):
    """COSI's mid-term or final assessment of a cycle's results."""

    class Kind(models.TextChoices):
        MID_TERM = "mid_term", _("Mid-term assessment")
        FINAL = "final", _("Final assessment")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UNDER_REVIEW = "under_review", _("Under review by COSI")
        ADOPTED = "adopted", _("Adopted by COSI")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="assessments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    history = HistoricalRecords(table_name="oaps_historicalassessment")

    class Meta:
        db_table = "oaps_assessment"  # moved from oaps: the table keeps its name
        ordering = ["cycle_id", "kind"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "kind"],
                name="assessment_one_per_kind_per_cycle",
                violation_error_message=_("This cycle already has an assessment of this kind."),
            ),
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(adopted_on__isnull=False),
                name="assessment_adopted_has_date",
                violation_error_message=_("An adopted assessment needs its adoption date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.cycle}"


class AssessmentItem(TimestampedModel):
    """One line of an assessment: how far one plan, or one CHSG, achieved its goals."""

    class Rating(models.TextChoices):
        ACHIEVED = "achieved", _("Achieved")
        LARGELY_ACHIEVED = "largely", _("Largely achieved")
        PARTIALLY_ACHIEVED = "partially", _("Partially achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")
        NOT_ASSESSABLE = "not_assessable", _("Cannot be assessed yet")

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="items"
    )
    plan = models.ForeignKey(
        OperationalActionPlan,
        verbose_name=_("plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessment_items",
    )
    horizontal_goal = models.ForeignKey(
        HorizontalGoal,
        verbose_name=_("CHSG"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessment_items",
    )
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices)
    findings = models.TextField(_("findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    history = HistoricalRecords(table_name="oaps_historicalassessmentitem")

    class Meta:
        db_table = "oaps_assessmentitem"
        ordering = ["assessment_id", "plan_id", "horizontal_goal_id"]
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")
        constraints = [
            models.CheckConstraint(
                condition=(Q(plan__isnull=False) & Q(horizontal_goal__isnull=True))
                | (Q(plan__isnull=True) & Q(horizontal_goal__isnull=False)),
                name="assessment_item_for_a_plan_or_a_chsg",
                violation_error_message=_("An assessment item is about one plan or one CHSG."),
            ),
            models.UniqueConstraint(
                fields=["assessment", "plan"],
                condition=Q(plan__isnull=False),
                name="assessment_item_plan_once",
                violation_error_message=_("This assessment already rates this plan."),
            ),
            models.UniqueConstraint(
                fields=["assessment", "horizontal_goal"],
                condition=Q(horizontal_goal__isnull=False),
                name="assessment_item_chsg_once",
                violation_error_message=_("This assessment already rates this CHSG."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.plan or self.horizontal_goal}"

    def clean(self) -> None:
        if bool(self.plan_id) == bool(self.horizontal_goal_id):
            raise ValidationError({"plan": _("Rate either one plan or one CHSG in each item.")})
