"""COSI's mid-term and final assessments of a cycle: they rate plans, CHSGs and plan goals
across the cycle, so they sit above the plans (moved out of ``oaps``; the tables keep their
names).

The secretariat opens an assessment with its review window; the opening creates one item per
plan, CHSG and plan goal (``assessments.services.assessment_open``). While it is open, Europol
and each plan's drivers give their findings and rating per item, and during the window each
COSI delegation comments on each item (one comment per country per item). On adoption the
evidence of every item is compiled once and stored: from then on it is served as it was.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Country
from cycles.models import Cycle
from empact import clock
from empact.models import TimestampedModel
from oaps.models import OperationalActionPlan, PlanGoal
from priorities.models import HorizontalGoal


class Assessment(TimestampedModel):
    """COSI's mid-term or final assessment of a cycle's results."""

    class Kind(models.TextChoices):
        MID_TERM = "mid_term", _("Mid-term assessment")
        FINAL = "final", _("Final assessment")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADOPTED = "adopted", _("Adopted by COSI")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="assessments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    opens_on = models.DateField(
        _("review opens on"), help_text=_("The first day delegations can comment.")
    )
    closes_on = models.DateField(
        _("review closes on"), help_text=_("The last day delegations can comment.")
    )
    summary = models.TextField(_("summary"), blank=True)
    # Set by the adoption step, with its date and who recorded it.
    conclusions = models.TextField(_("conclusions"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opened_assessments",
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adopted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_assessments",
    )
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
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="assessment_window_closes_after_it_opens",
                violation_error_message=_("The review window cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.cycle}"

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {"closes_on": _("The review window cannot close before it opens.")}
            )

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def window_is_open(self, today: datetime.date | None = None) -> bool:
        """Delegations can comment: the assessment is open and today is inside the window
        (its first and last days included)."""
        today = today or clock.today()
        return self.is_open and self.opens_on <= today <= self.closes_on

    def window_has_closed(self, today: datetime.date | None = None) -> bool:
        return self.closes_on < (today or clock.today())


class AssessmentItem(TimestampedModel):
    """One line of an assessment: how far one plan, one CHSG or one plan goal achieved its aims.

    ``rating``, ``findings`` and ``recommendations`` are the secretariat's overall assessment of
    the line (COSI's); Europol and the plan's drivers each give their own findings and rating.
    ``evidence`` is empty while the assessment is open (compiled live when read) and holds the
    evidence as it was on adoption afterwards."""

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
    plan_goal = models.ForeignKey(
        PlanGoal,
        verbose_name=_("plan goal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessment_items",
    )
    rating = models.CharField(
        _("overall rating"), max_length=16, choices=Rating.choices, blank=True
    )
    findings = models.TextField(_("overall findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    europol_rating = models.CharField(
        _("Europol's rating"), max_length=16, choices=Rating.choices, blank=True
    )
    europol_findings = models.TextField(_("Europol's findings"), blank=True)
    drivers_rating = models.CharField(
        _("drivers' rating"), max_length=16, choices=Rating.choices, blank=True
    )
    drivers_findings = models.TextField(_("drivers' findings"), blank=True)
    evidence = models.JSONField(
        _("evidence on adoption"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )
    history = HistoricalRecords(table_name="oaps_historicalassessmentitem")

    class Meta:
        db_table = "oaps_assessmentitem"
        ordering = ["assessment_id", "plan_id", "horizontal_goal_id", "plan_goal_id"]
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(plan__isnull=False)
                    & Q(horizontal_goal__isnull=True)
                    & Q(plan_goal__isnull=True)
                )
                | (
                    Q(plan__isnull=True)
                    & Q(horizontal_goal__isnull=False)
                    & Q(plan_goal__isnull=True)
                )
                | (
                    Q(plan__isnull=True)
                    & Q(horizontal_goal__isnull=True)
                    & Q(plan_goal__isnull=False)
                ),
                name="assessment_item_for_a_plan_a_chsg_or_a_plan_goal",
                violation_error_message=_(
                    "An assessment item is about one plan, one CHSG or one plan goal."
                ),
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
            models.UniqueConstraint(
                fields=["assessment", "plan_goal"],
                condition=Q(plan_goal__isnull=False),
                name="assessment_item_plan_goal_once",
                violation_error_message=_("This assessment already rates this plan goal."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.subject}"

    def clean(self) -> None:
        chosen = [self.plan_id, self.horizontal_goal_id, self.plan_goal_id]
        if sum(1 for value in chosen if value) != 1:
            raise ValidationError(
                {"plan": _("Rate either one plan, one CHSG or one plan goal in each item.")}
            )

    @property
    def subject(self):
        """What the item rates: its plan, CHSG or plan goal."""
        return self.plan or self.horizontal_goal or self.plan_goal

    @property
    def kind(self) -> str:
        if self.plan_id:
            return "plan"
        return "chsg" if self.horizontal_goal_id else "plan_goal"

    @property
    def rated_plan(self) -> OperationalActionPlan | None:
        """The plan whose drivers give their findings on this item (none for a CHSG)."""
        if self.plan_id:
            return self.plan
        return self.plan_goal.plan if self.plan_goal_id else None


class DelegationComment(TimestampedModel):
    """A COSI delegation's comment on one item of an assessment, given (and changed) by a
    delegate of that country during the review window: one per country per item."""

    item = models.ForeignKey(
        AssessmentItem,
        verbose_name=_("assessment item"),
        on_delete=models.CASCADE,
        related_name="delegation_comments",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="assessment_comments",
    )
    text = models.TextField(_("comment"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="assessment_comments",
    )
    given_at = models.DateTimeField(_("given at"), default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item_id", "country__code"]
        verbose_name = _("delegation's comment")
        verbose_name_plural = _("delegations' comments")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "country"],
                name="delegation_comment_one_per_country_per_item",
                violation_error_message=_("This country already commented on this item."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="delegation_comment_has_text",
                violation_error_message=_("Write the delegation's comment."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} on {self.item_id}"

    def clean(self) -> None:
        if not (self.text or "").strip():
            raise ValidationError({"text": _("Write the delegation's comment.")})
