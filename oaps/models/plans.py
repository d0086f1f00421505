"""Plans, their goals and operational actions, the countries taking part and the KPIs."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Country, Organisation
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
    # Set only by the approval step: the day COSI approved the plan and the meeting's reference.
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    meeting_reference = models.CharField(
        _("meeting reference"),
        max_length=100,
        blank=True,
        help_text=_("The COSI meeting that approved the plan, e.g. CM 1234/26."),
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
    status_reason = models.TextField(
        _("reason for the status"), blank=True, help_text=_("Why the action is delayed.")
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
