"""Reporting periods, progress reports and the KPI values they record."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cycles.models import Cycle
from empact.models import TimestampedModel
from oaps.models.plans import Kpi, OperationalAction, OperationalActionPlan


class ReportingPeriod(TimestampedModel):
    """A period action leaders report on, for one plan or for the whole cycle."""

    plan = models.ForeignKey(
        OperationalActionPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reporting_periods",
    )
    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("cycle"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reporting_periods",
    )
    title = models.CharField(_("title"), max_length=100)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    deadline = models.DateField(
        _("report due date"),
        help_text=_(
            "A report submitted after this day is marked late (default: 15 days after "
            "the period ends)."
        ),
    )
    lock_date = models.DateField(
        _("lock date"),
        null=True,
        blank=True,
        help_text=_(
            "From this day on no report of the period can be written or changed without a lock "
            "exception (default: 30 days after the period ends; empty: never locked)."
        ),
    )
    history = HistoricalRecords()

    DUE_AFTER = datetime.timedelta(days=15)
    LOCKED_AFTER = datetime.timedelta(days=30)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.CheckConstraint(
                condition=(Q(plan__isnull=False) & Q(cycle__isnull=True))
                | (Q(plan__isnull=True) & Q(cycle__isnull=False)),
                name="reporting_period_for_a_plan_or_a_cycle",
                violation_error_message=_(
                    "A reporting period belongs to one plan or to one cycle."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="reporting_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("start")),
                name="reporting_period_deadline_after_start",
                violation_error_message=_("The deadline cannot be before the period starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def locks_on(self) -> datetime.date | None:
        """The first day the period is closed; None: it never closes (no lock date set)."""
        return self.lock_date

    def is_locked(self, today: datetime.date) -> bool:
        return self.lock_date is not None and today >= self.lock_date

    def days_late(self, day: datetime.date) -> int:
        """By how many days a report handed in on ``day`` is late (0: on time)."""
        return max(0, (day - self.deadline).days)

    def clean(self) -> None:
        errors = {}
        if self.deadline and self.lock_date and self.lock_date < self.deadline:
            errors["lock_date"] = _("The lock date cannot be before the due date.")
        if bool(self.plan_id) == bool(self.cycle_id):
            errors["plan"] = _("Choose either a plan or a cycle for this period.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The period cannot end before it starts.")
        if self.start and self.deadline and self.deadline < self.start:
            errors["deadline"] = _("The deadline cannot be before the period starts.")
        if errors:
            raise ValidationError(errors)


class ProgressReport(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for changes")

    action = models.ForeignKey(
        OperationalAction,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        related_name="progress_reports",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    narrative = models.TextField(_("progress narrative"), blank=True)
    completion_estimate = models.PositiveSmallIntegerField(
        _("completion estimate (%)"), null=True, blank=True
    )
    obstacles = models.TextField(_("obstacles"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    days_late = models.PositiveSmallIntegerField(
        _("days late"),
        null=True,
        blank=True,
        help_text=_("Set when the report is submitted: 0 on time, else days after the due date."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_id", "period_id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "period"],
                name="progress_report_one_per_action_and_period",
                violation_error_message=_("This action already has a report for this period."),
            ),
            models.CheckConstraint(
                condition=Q(completion_estimate__isnull=True)
                | Q(completion_estimate__gte=0, completion_estimate__lte=100),
                name="progress_report_completion_is_a_percentage",
                violation_error_message=_("The completion estimate is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="progress_report_submitted_has_time",
                violation_error_message=_("A submitted report records when it was submitted."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.code} - {self.period}"

    @property
    def is_late(self) -> bool:
        return bool(self.days_late)

    def clean(self) -> None:
        errors = {}
        if self.completion_estimate is not None and self.completion_estimate > 100:
            errors["completion_estimate"] = _(
                "The completion estimate is a percentage from 0 to 100."
            )
        if self.action_id and self.period_id:
            period, plan = self.period, self.action.plan
            if (period.plan_id and period.plan_id != plan.pk) or (
                period.cycle_id and period.cycle_id != plan.priority.cycle_id
            ):
                errors["period"] = _("Choose a reporting period of this action's plan or cycle.")
        if errors:
            raise ValidationError(errors)


class KpiValue(TimestampedModel):
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="kpi_values",
    )
    kpi = models.ForeignKey(
        Kpi, verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="values"
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report_id", "kpi_id"]
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kpi"],
                name="kpi_value_once_per_report",
                violation_error_message=_("This report already has a value for this KPI."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value}"

    def clean(self) -> None:
        if self.report_id and self.kpi_id and self.kpi.action_id != self.report.action_id:
            raise ValidationError({"kpi": _("Choose a KPI of the action this report is about.")})


class LockException(TimestampedModel):
    """After a period's lock date, one person may still write one action's report until a day:
    granted by a driver of the plan or the secretariat, with the reason recorded."""

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="lock_exceptions",
    )
    action = models.ForeignKey(
        OperationalAction,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        related_name="lock_exceptions",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted to"),
        on_delete=models.CASCADE,
        related_name="lock_exceptions",
    )
    until = models.DateField(_("until"), help_text=_("The last day the report may be written."))
    reason = models.CharField(_("reason"), max_length=500)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-until", "pk"]
        verbose_name = _("lock exception")
        verbose_name_plural = _("lock exceptions")
        indexes = [models.Index(fields=["period", "action", "user", "until"])]

    def __str__(self) -> str:
        return f"{self.action.code} - {self.period} ({self.until})"

    def clean(self) -> None:
        if self.action_id and self.period_id:
            period, plan = self.period, self.action.plan
            if (period.plan_id and period.plan_id != plan.pk) or (
                period.cycle_id and period.cycle_id != plan.priority.cycle_id
            ):
                raise ValidationError(
                    {"period": _("Choose a reporting period of this action's plan or cycle.")}
                )
