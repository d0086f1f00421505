"""What the Council decides for a cycle: crime priorities, the general MASP and its CHSGs."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cycles.models import Cycle, Threat
from empact.models import TimestampedModel


class Priority(TimestampedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        REVISED = "revised", _("Revised")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="priorities"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("Short code, e.g. DRUGS."))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    council_decision_date = models.DateField(_("Council decision date"), null=True, blank=True)
    council_reference = models.CharField(_("Council reference"), max_length=50, blank=True)
    threats = models.ManyToManyField(
        Threat, verbose_name=_("threats answered"), blank=True, related_name="priorities"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle_id", "code"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "code"],
                name="priority_code_unique_per_cycle",
                violation_error_message=_("This cycle already has a priority with this code."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Masp(TimestampedModel):
    """The general multi-annual strategic plan of a cycle."""

    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="masp"
    )
    title = models.CharField(_("title"), max_length=200)
    approval_date = models.DateField(_("approved by COSI on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle_id"]
        verbose_name = _("general MASP")
        verbose_name_plural = _("general MASPs")

    def __str__(self) -> str:
        return self.title


class HorizontalGoal(TimestampedModel):
    """A common horizontal strategic goal (CHSG) that every plan of the cycle shares."""

    masp = models.ForeignKey(
        Masp, verbose_name=_("MASP"), on_delete=models.CASCADE, related_name="horizontal_goals"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["masp_id", "number"]
        verbose_name = _("common horizontal strategic goal (CHSG)")
        verbose_name_plural = _("common horizontal strategic goals (CHSGs)")
        constraints = [
            models.UniqueConstraint(
                fields=["masp", "number"],
                name="chsg_number_unique_per_masp",
                violation_error_message=_("This MASP already has a CHSG with this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="chsg_number_positive",
                violation_error_message=_("CHSGs are numbered from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"CHSG {self.number}: {self.title}"
