"""Joint action days and the operational results of actions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Country, Organisation
from empact.models import TimestampedModel
from oaps.models.plans import OperationalAction, OperationalActionPlan


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
        indexes = [
            models.Index(fields=["result_type", "period_end"]),
            # The lists' order (newest period first, then id): a page of 50 is read from the
            # index instead of sorting every visible result (400,000 at ten times the volume).
            models.Index(fields=["-period_end", "id"], name="result_list_order"),
        ]

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
