"""Approved versions of a plan and the amendments that change an approved plan.

An approved plan stays in force while an amendment is prepared: the amendment's ``AmendmentChange``
rows record the proposed changes without touching the live plan, its actions and KPIs (so
progress reports continue on the same actions). COSI's approval applies them in one transaction
and writes the next ``PlanVersion``, a complete snapshot of the plan as approved.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from empact.models import TimestampedModel
from oaps.models.plans import OperationalActionPlan


class PlanVersion(TimestampedModel):
    """One approved version of a plan, numbered from 1, with everything COSI approved."""

    plan = models.ForeignKey(
        OperationalActionPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    snapshot = models.JSONField(_("snapshot"), default=dict)
    approved_at = models.DateTimeField(_("approved at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    amendment = models.OneToOneField(
        "PlanAmendment",
        verbose_name=_("amendment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="version",
        help_text=_("The amendment whose approval made this version; empty for the first."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plan_version_number_unique_per_plan",
                violation_error_message=_("This plan already has a version with this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.code} v{self.number}"


class PlanAmendment(TimestampedModel):
    """A proposed change of an approved plan, decided by COSI."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to COSI")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved by COSI")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    plan = models.ForeignKey(
        OperationalActionPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    reason = models.TextField(_("reason"), help_text=_("Why the plan needs to change."))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    meeting_reference = models.CharField(_("COSI meeting reference"), max_length=100, blank=True)
    decision_comment = models.TextField(
        _("COSI comment"), blank=True, help_text=_("The changes requested, or notes on approval.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "number"]
        verbose_name = _("plan amendment")
        verbose_name_plural = _("plan amendments")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plan_amendment_number_unique_per_plan",
                violation_error_message=_("This plan already has an amendment with this number."),
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="plan_amendment_one_open_per_plan",
                violation_error_message=_("This plan already has an open amendment."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.code} amendment {self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES


class AmendmentChange(TimestampedModel):
    """One proposed change: a field of a plan, goal, action or KPI, or an object added or removed.

    ``before`` and ``after`` are what a reader sees (names, dates, numbers as text); ``value`` is
    what approval writes (ids, ISO dates, decimal strings; for an added object, its fields).
    """

    class Kind(models.TextChoices):
        CHANGE = "change", _("Change")
        ADD = "add", _("Add")
        REMOVE = "remove", _("Remove")

    class Target(models.TextChoices):
        PLAN = "plan", _("Plan")
        PLAN_GOAL = "plan_goal", _("Plan goal")
        ACTION = "action", _("Operational action")
        KPI = "kpi", _("KPI")

    amendment = models.ForeignKey(
        PlanAmendment,
        verbose_name=_("amendment"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CHANGE)
    target_type = models.CharField(_("changes a"), max_length=12, choices=Target.choices)
    target_id = models.PositiveIntegerField(
        _("object"),
        null=True,
        blank=True,
        help_text=_("The object changed or removed; for an added one, set when it is created."),
    )
    parent_id = models.PositiveIntegerField(
        _("parent"), null=True, blank=True, help_text=_("For an added KPI: its action.")
    )
    field = models.CharField(_("field"), max_length=40, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    value = models.JSONField(_("value"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["amendment_id", "pk"]
        verbose_name = _("amendment change")
        verbose_name_plural = _("amendment changes")
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "target_type", "target_id", "field"],
                condition=Q(kind="change"),
                name="amendment_change_once_per_field",
                violation_error_message=_("This amendment already changes this field."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amendment}: {self.kind} {self.target_type} {self.field}".strip()
