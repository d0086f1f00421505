"""COSI's review rounds: the secretariat puts submitted plans to COSI with a closing date, and each
delegation records its position on each plan. COSI's decision itself is the plan's approval or
return (``oaps.services.plan_approve``/``plan_return``)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Country
from cycles.models import Cycle
from empact import clock
from empact.models import TimestampedModel
from oaps.models import OperationalActionPlan


class ReviewRound(TimestampedModel):
    """A round of COSI's review of one or more submitted plans, open until ``closes_on`` (that
    day included) unless the secretariat closes it earlier."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="review_rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    plans = models.ManyToManyField(
        OperationalActionPlan, verbose_name=_("plans"), related_name="review_rounds"
    )
    closes_on = models.DateField(
        _("closes on"), help_text=_("The last day delegations can give their position.")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="opened_review_rounds",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    history = HistoricalRecords(m2m_fields=[plans])

    class Meta:
        ordering = ["-closes_on", "-pk"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day: datetime.date) -> bool:
        return self.status == self.Status.OPEN and day <= self.closes_on

    @property
    def is_open(self) -> bool:
        """Positions can be given: not closed by the secretariat and the closing day not past."""
        return self.is_open_on(clock.today())


class Position(TimestampedModel):
    """A delegation's position on one plan in one round (one per country, plan and round)."""

    class Answer(models.TextChoices):
        AGREE = "agree", _("Agree")
        AGREE_WITH_COMMENTS = "agree_with_comments", _("Agree with comments")
        CANNOT_AGREE_YET = "cannot_agree_yet", _("Cannot agree yet")

    round = models.ForeignKey(
        ReviewRound,
        verbose_name=_("review round"),
        on_delete=models.CASCADE,
        related_name="given_positions",
    )
    plan = models.ForeignKey(
        OperationalActionPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="review_positions",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="review_positions",
    )
    position = models.CharField(_("position"), max_length=24, choices=Answer.choices)
    comment = models.TextField(
        _("comment"), blank=True, help_text=_("Required unless the delegation agrees.")
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="review_positions",
    )
    given_at = models.DateTimeField(_("given at"), default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round_id", "plan_id", "country__code"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "plan", "country"],
                name="position_one_per_country_plan_round",
                violation_error_message=_(
                    "This country already gave its position on this plan in this round."
                ),
            ),
            models.CheckConstraint(
                condition=Q(position="agree") | ~Q(comment=""),
                name="position_comment_unless_agree",
                violation_error_message=_("Explain the position: a comment is required."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.plan_id}: {self.position}"

    def clean(self) -> None:
        if self.position and self.position != self.Answer.AGREE and not self.comment.strip():
            raise ValidationError(
                {"comment": _("Say what the delegation asks for: a comment is required.")}
            )
        if self.round_id and self.plan_id and not self.round.plans.filter(pk=self.plan_id).exists():
            raise ValidationError({"plan": _("This plan is not part of the review round.")})
