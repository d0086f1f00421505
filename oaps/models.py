"""Operational action plans and everything that happens inside them.

Plans, their actions, participations and KPIs; reporting periods and progress reports; joint
action days and operational results; COSI's mid-term and final assessments.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from actors.models import Country, Organisation, RoleAssignment
from cycles.models import Cycle
from empact.models import TimestampedModel
from priorities.models import HorizontalGoal, Priority

MAX_PLAN_YEARS = 2
ACTION_CODE = re.compile(r"^OA \d+(\.\d+)*$")


class OperationalActionPlan(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to COSI")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved by COSI")
        CLOSED = "closed", _("Closed")

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.PROTECT, related_name="plans"
    )
    code = models.CharField(_("code"), max_length=40, help_text=_("e.g. OAP DRUGS-COC 2024-2025"))
    title = models.CharField(_("title"), max_length=250)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(
        _("last year"), help_text=_("A plan covers one or two years.")
    )
    driver = models.ForeignKey(
        Organisation,
        verbose_name=_("driver"),
        on_delete=models.PROTECT,
        related_name="driven_plans",
    )
    co_drivers = models.ManyToManyField(
        Organisation, verbose_name=_("co-drivers"), blank=True, related_name="co_driven_plans"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    decision_comment = models.TextField(
        _("COSI comment"),
        blank=True,
        help_text=_("Why the plan was returned, or notes on approval."),
    )
    history = HistoricalRecords(m2m_fields=[co_drivers])

    class Meta:
        ordering = ["priority_id", "code"]
        verbose_name = _("operational action plan")
        verbose_name_plural = _("operational action plans")
        permissions = [
            ("drive_operationalactionplan", _("Drive the plan")),
            ("codrive_operationalactionplan", _("Co-drive the plan")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "code"],
                name="plan_code_unique_per_priority",
                violation_error_message=_("This priority already has a plan with this code."),
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year"))
                & Q(last_year__lte=F("first_year") + (MAX_PLAN_YEARS - 1)),
                name="plan_covers_one_or_two_years",
                violation_error_message=_(
                    "A plan covers one or two years: the last year is the first year or the next."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def cycle(self) -> Cycle:
        return self.priority.cycle

    @property
    def period_start(self) -> datetime.date:
        return datetime.date(self.first_year, 1, 1)

    @property
    def period_end(self) -> datetime.date:
        return datetime.date(self.last_year, 12, 31)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    def clean(self) -> None:
        errors = {}
        if self.first_year and self.last_year:
            if self.last_year < self.first_year:
                errors["last_year"] = _("The last year cannot be before the first year.")
            elif self.last_year - self.first_year >= MAX_PLAN_YEARS:
                errors["last_year"] = _("A plan covers at most two years.")
        if self.priority_id and self.first_year and self.last_year:
            cycle = self.priority.cycle
            if self.first_year < cycle.first_year or self.last_year > cycle.last_year:
                errors.setdefault(
                    "first_year",
                    _("The plan's years must lie inside the cycle %(cycle)s (%(a)s-%(b)s).")
                    % {"cycle": cycle.name, "a": cycle.first_year, "b": cycle.last_year},
                )
        if errors:
            raise ValidationError(errors)


class PlanGoal(TimestampedModel):
    """A strategic goal specific to one plan, beside the CHSGs every plan shares."""

    plan = models.ForeignKey(
        OperationalActionPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "number"]
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plan_goal_number_unique_per_plan",
                violation_error_message=_("This plan already has a goal with this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.code} G{self.number}: {self.title}"


class OperationalAction(TimestampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        DELAYED = "delayed", _("Delayed")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(
        OperationalActionPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    code = models.CharField(_("code"), max_length=20, help_text=_('e.g. "OA 3.2"'))
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    horizontal_goal = models.ForeignKey(
        HorizontalGoal, verbose_name=_("CHSG"), on_delete=models.PROTECT, related_name="actions"
    )
    plan_goals = models.ManyToManyField(
        PlanGoal, verbose_name=_("plan goals"), blank=True, related_name="actions"
    )
    leader = models.ForeignKey(
        Organisation, verbose_name=_("leader"), on_delete=models.PROTECT, related_name="led_actions"
    )
    co_leaders = models.ManyToManyField(
        Organisation, verbose_name=_("co-leaders"), blank=True, related_name="co_led_actions"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    methods = models.TextField(_("methods"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    is_joint_action_day = models.BooleanField(_("is or includes a joint action day"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    history = HistoricalRecords(m2m_fields=[co_leaders, plan_goals])

    class Meta:
        ordering = ["plan_id", "position", "code"]
        verbose_name = _("operational action")
        verbose_name_plural = _("operational actions")
        permissions = [
            ("lead_operationalaction", _("Lead the action")),
            ("colead_operationalaction", _("Co-lead the action")),
            ("participate_operationalaction", _("Take part in the action")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="action_code_unique_per_plan",
                violation_error_message=_("This plan already has an action with this code."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="action_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [models.Index(fields=["leader", "status"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        errors = {}
        if self.code and not ACTION_CODE.match(self.code):
            errors["code"] = _('Use the form "OA" followed by numbers, e.g. "OA 3.2".')
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.plan_id and self.start_date and self.end_date:
            plan = self.plan
            if self.start_date < plan.period_start or self.end_date > plan.period_end:
                errors.setdefault(
                    "start_date",
                    _("The action's dates must lie inside the plan's years (%(a)s-%(b)s).")
                    % {"a": plan.first_year, "b": plan.last_year},
                )
        if (
            self.plan_id
            and self.horizontal_goal_id
            and self.horizontal_goal.masp.cycle_id != self.plan.priority.cycle_id
        ):
            errors["horizontal_goal"] = _("Choose a CHSG of this plan's cycle.")
        if errors:
            raise ValidationError(errors)


class Participation(TimestampedModel):
    """A country or an organisation taking part in an action, confirmed by the country's NEC."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        OBSERVER = "observer", _("Observer")
        SUPPORTING_AGENCY = "supporting_agency", _("Supporting agency")

    class Confirmation(models.TextChoices):
        PENDING = "pending", _("Awaiting NEC confirmation")
        CONFIRMED = "confirmed", _("Confirmed by the NEC")
        DECLINED = "declined", _("Declined by the NEC")

    action = models.ForeignKey(
        OperationalAction,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )
    confirmation = models.CharField(
        _("NEC confirmation"),
        max_length=16,
        choices=Confirmation.choices,
        default=Confirmation.PENDING,
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    contact_name = models.CharField(_("national contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("national contact e-mail"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_id", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(country__isnull=True))
                | (Q(organisation__isnull=True) & Q(country__isnull=False)),
                name="participation_exactly_one_of_organisation_or_country",
                violation_error_message=_("Choose either an organisation or a country, not both."),
            ),
            models.UniqueConstraint(
                fields=["action", "organisation"],
                condition=Q(organisation__isnull=False),
                name="participation_organisation_once_per_action",
                violation_error_message=_("This organisation already takes part in the action."),
            ),
            models.UniqueConstraint(
                fields=["action", "country"],
                condition=Q(country__isnull=False),
                name="participation_country_once_per_action",
                violation_error_message=_("This country already takes part in the action."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.code}: {self.organisation or self.country}"

    @property
    def participant_country_id(self) -> int | None:
        """The country whose NEC confirms: the country itself, or the organisation's country."""
        if self.country_id:
            return self.country_id
        return self.organisation.country_id if self.organisation_id else None

    def clean(self) -> None:
        if bool(self.organisation_id) == bool(self.country_id):
            raise ValidationError(
                {"organisation": _("Choose either an organisation or a country, not both.")}
            )


class Kpi(TimestampedModel):
    class Direction(models.TextChoices):
        INCREASE = "increase", _("Higher is better")
        DECREASE = "decrease", _("Lower is better")
        MAINTAIN = "maintain", _("Keep at target")

    action = models.ForeignKey(
        OperationalAction, verbose_name=_("action"), on_delete=models.CASCADE, related_name="kpis"
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("e.g. number, EUR, kg, %"))
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_id", "pk"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "name"],
                name="kpi_name_unique_per_action",
                violation_error_message=_("This action already has a KPI with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.baseline is None or self.target is None:
            return
        if self.direction == self.Direction.INCREASE and self.target < self.baseline:
            raise ValidationError(
                {
                    "target": _(
                        "For a KPI where higher is better, the target cannot be below the baseline."
                    )
                }
            )
        if self.direction == self.Direction.DECREASE and self.target > self.baseline:
            raise ValidationError(
                {
                    "target": _(
                        "For a KPI where lower is better, the target cannot be above the baseline."
                    )
                }
            )


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
    deadline = models.DateField(_("report deadline"))
    history = HistoricalRecords()

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

    def clean(self) -> None:
        errors = {}
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


class JointActionDay(TimestampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_joint_action_days",
    )
    coordination_centre = models.CharField(_("coordination centre"), max_length=200, blank=True)
    plans = models.ManyToManyField(
        OperationalActionPlan, verbose_name=_("plans"), blank=True, related_name="joint_action_days"
    )
    actions = models.ManyToManyField(
        OperationalAction, verbose_name=_("actions"), blank=True, related_name="joint_action_days"
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("participating countries"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    factsheet_published_on = models.DateField(
        _("factsheet published on"),
        null=True,
        blank=True,
        help_text=_("Set when the public factsheet of results is published."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("joint action day")
        verbose_name_plural = _("joint action days")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="jad_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class ResultType(TimestampedModel):
    """A public results indicator, e.g. arrests or cocaine seized (kg)."""

    class Unit(models.TextChoices):
        COUNT = "count", _("number")
        EUR = "eur", _("EUR")
        KG = "kg", _("kg")
        LITRE = "litre", _("litres")
        UNITS = "units", _("pieces")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    category = models.CharField(_("category"), max_length=60, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_public_indicator = models.BooleanField(_("published in factsheets"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("result type")
        verbose_name_plural = _("result types")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_unit_display()})"


class OperationalResult(TimestampedModel):
    """An aggregate operational result: never personal data, only counts and amounts."""

    action = models.ForeignKey(
        OperationalAction,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="results",
    )
    joint_action_day = models.ForeignKey(
        JointActionDay,
        verbose_name=_("joint action day"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="results",
    )
    result_type = models.ForeignKey(
        ResultType, verbose_name=_("result type"), on_delete=models.PROTECT, related_name="results"
    )
    quantity = models.DecimalField(_("quantity"), max_digits=18, decimal_places=2)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validated by Europol at"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "pk"]
        verbose_name = _("operational result")
        verbose_name_plural = _("operational results")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__isnull=False) | Q(joint_action_day__isnull=False),
                name="result_belongs_to_an_action_or_jad",
                violation_error_message=_("A result belongs to an action or a joint action day."),
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0),
                name="result_quantity_not_negative",
                violation_error_message=_("A quantity cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="result_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(validated_at__isnull=False),
                name="result_published_only_when_validated",
                violation_error_message=_("Only results validated by Europol can be published."),
            ),
        ]
        indexes = [models.Index(fields=["result_type", "period_end"])]

    def __str__(self) -> str:
        return f"{self.result_type.name}: {self.quantity}"

    def clean(self) -> None:
        errors = {}
        if not self.action_id and not self.joint_action_day_id:
            errors["action"] = _("Choose the action or the joint action day this result is from.")
        if self.quantity is not None and self.quantity < 0:
            errors["quantity"] = _("A quantity cannot be negative.")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.is_published and not self.validated_at:
            errors["is_published"] = _("Only results validated by Europol can be published.")
        if errors:
            raise ValidationError(errors)


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
    history = HistoricalRecords()

    class Meta:
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
    history = HistoricalRecords()

    class Meta:
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


class PlanGrant(UserObjectPermissionBase):
    """A guardian object permission on a plan, derived from one role assignment (direct FK)."""

    content_object = models.ForeignKey(OperationalActionPlan, on_delete=models.CASCADE)
    assignment = models.ForeignKey(RoleAssignment, on_delete=models.CASCADE, related_name="+")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("plan permission")
        verbose_name_plural = _("plan permissions")


class ActionGrant(UserObjectPermissionBase):
    """A guardian object permission on an action, derived from one role assignment (direct FK)."""

    content_object = models.ForeignKey(OperationalAction, on_delete=models.CASCADE)
    assignment = models.ForeignKey(RoleAssignment, on_delete=models.CASCADE, related_name="+")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("action permission")
        verbose_name_plural = _("action permissions")
