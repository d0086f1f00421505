"""Money for operational actions: funding sources, their calls, and requests from actions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Organisation
from empact.models import TimestampedModel
from oaps.models import OperationalAction

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class FundingSource(TimestampedModel):
    class Kind(models.TextChoices):
        EMPACT_GRANT = "empact_grant", _("EMPACT grant (Europol)")
        EASTERN_PARTNERSHIP = "eastern_partnership", _("Eastern Partnership grant")
        ISF = "isf", _("Internal Security Fund")
        NATIONAL_BUDGET = "national_budget", _("National budget")
        AGENCY_BUDGET = "agency_budget", _("Agency budget")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    managing_body = models.ForeignKey(
        Organisation,
        verbose_name=_("managing body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_funding_sources",
    )
    eligibility = models.TextField(_("eligibility"), blank=True)
    maximum_amount = models.DecimalField(_("maximum amount (EUR)"), **AMOUNT, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(maximum_amount__isnull=True) | Q(maximum_amount__gt=0),
                name="funding_source_maximum_positive",
                violation_error_message=_("The maximum amount must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FundingCall(TimestampedModel):
    source = models.ForeignKey(
        FundingSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=200)
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"))
    decision_expected = models.DateField(_("decision expected"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens", "title"]
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "title"],
                name="funding_call_title_unique_per_source",
                violation_error_message=_("This source already has a call with this title."),
            ),
            models.CheckConstraint(
                condition=Q(closes__gte=F("opens")),
                name="funding_call_closes_after_opening",
                violation_error_message=_("A call cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=Q(decision_expected__isnull=True) | Q(decision_expected__gte=F("closes")),
                name="funding_call_decision_after_closing",
                violation_error_message=_("The decision is expected after the call closes."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.opens and self.closes and self.closes < self.opens:
            errors["closes"] = _("A call cannot close before it opens.")
        if self.closes and self.decision_expected and self.decision_expected < self.closes:
            errors["decision_expected"] = _("The decision is expected after the call closes.")
        if errors:
            raise ValidationError(errors)


class FundingRequest(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        GRANTED = "granted", _("Granted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    DECIDED = (Status.GRANTED, Status.REJECTED)

    action = models.ForeignKey(
        OperationalAction,
        verbose_name=_("action"),
        on_delete=models.PROTECT,
        related_name="funding_requests",
    )
    source = models.ForeignKey(
        FundingSource,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    call = models.ForeignKey(
        FundingCall,
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    title = models.CharField(_("title"), max_length=200)
    requested = models.DecimalField(_("requested (EUR)"), **AMOUNT)
    granted = models.DecimalField(_("granted (EUR)"), **AMOUNT, null=True, blank=True)
    spent = models.DecimalField(_("spent (EUR)"), **AMOUNT, null=True, blank=True)
    granted_above_requested = models.BooleanField(
        _("granted above the requested amount"),
        default=False,
        help_text=_("Tick only when the decision deliberately grants more than was requested."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    beneficiaries = models.ManyToManyField(
        Organisation, verbose_name=_("beneficiaries"), blank=True, related_name="funding_received"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[beneficiaries])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("funding request")
        verbose_name_plural = _("funding requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(requested__gt=0),
                name="funding_request_requested_positive",
                violation_error_message=_("The requested amount must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(granted__isnull=True) | Q(granted__gte=0),
                name="funding_request_granted_not_negative",
                violation_error_message=_("The granted amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(spent__isnull=True) | Q(spent__gte=0),
                name="funding_request_spent_not_negative",
                violation_error_message=_("The amount spent cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(granted__isnull=True)
                | Q(granted__lte=F("requested"))
                | Q(granted_above_requested=True),
                name="funding_request_granted_within_requested",
                violation_error_message=_(
                    "The granted amount is above the requested amount; tick "
                    "'granted above the requested amount' if that is intended."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="granted") | Q(granted__isnull=False),
                name="funding_request_granted_has_amount",
                violation_error_message=_("A granted request needs the granted amount."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["granted", "rejected"]) | Q(decision_date__isnull=False),
                name="funding_request_decision_has_date",
                violation_error_message=_("A decided request needs its decision date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.call_id and self.source_id and self.call.source_id != self.source_id:
            errors["call"] = _("This call belongs to another funding source.")
        if (
            self.granted is not None
            and self.requested is not None
            and self.granted > self.requested
            and not self.granted_above_requested
        ):
            errors["granted"] = _(
                "The granted amount is above the requested amount; tick "
                "'granted above the requested amount' if that is intended."
            )
        if (
            self.source_id
            and self.source.maximum_amount is not None
            and self.requested is not None
            and self.requested > self.source.maximum_amount
        ):
            errors["requested"] = _(
                "%(source)s grants at most EUR %(max)s; the request is for EUR %(req)s."
            ) % {
                "source": self.source.name,
                "max": self.source.maximum_amount,
                "req": self.requested,
            }
        if self.status == self.Status.GRANTED and self.granted is None:
            errors["granted"] = _("Enter the granted amount of a granted request.")
        if self.status in self.DECIDED and not self.decision_date:
            errors["decision_date"] = _("Enter the date of the decision.")
        if errors:
            raise ValidationError(errors)
