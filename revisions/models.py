"""Revisions after the interim report (art. 2(ii)-(iii) of the Council conclusions): a proposal
to revise a crime priority or a plan goal, answering threats of the cycle's interim report, which
COSI adopts or rejects."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cycles.models import Cycle, Threat
from empact.models import TimestampedModel
from oaps.models import PlanGoal
from priorities.models import Priority

# The fields a revision rewords, on a priority as on a plan goal.
REVISED_FIELDS = ("title", "description")


class Revision(TimestampedModel):
    """A proposal to reword one priority or one plan goal; on adoption, what it was before and
    after is kept on the revision (``before``, ``after``)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ADOPTED = "adopted", _("Adopted by COSI")
        REJECTED = "rejected", _("Rejected by COSI")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="revisions"
    )
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
    )
    plan_goal = models.ForeignKey(
        PlanGoal,
        verbose_name=_("plan goal"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
    )
    reason = models.TextField(_("reason"))
    threats = models.ManyToManyField(
        Threat, verbose_name=_("threats answered"), blank=True, related_name="revisions"
    )
    proposed = models.JSONField(
        _("proposed wording"),
        default=dict,
        help_text=_("The new title and description."),
    )
    before = models.JSONField(_("before"), null=True, blank=True, editable=False)
    after = models.JSONField(_("after"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle_id", "-created_at", "-id"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(priority__isnull=False) & Q(plan_goal__isnull=True))
                | (Q(priority__isnull=True) & Q(plan_goal__isnull=False)),
                name="revision_of_a_priority_or_a_plan_goal",
                violation_error_message=_("A revision revises one priority or one plan goal."),
            ),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(decided_on__isnull=False),
                name="revision_decided_has_date",
                violation_error_message=_("A decided revision needs the date of the decision."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Revision of %(target)s") % {"target": self.target})

    @property
    def target(self) -> Priority | PlanGoal | None:
        """The priority or plan goal the revision rewords."""
        return self.priority if self.priority_id else self.plan_goal

    def comparison(self) -> list[dict[str, Any]]:
        """Field by field, the wording before and after (as stored on adoption; for a pending
        revision, the current wording against the proposal)."""
        target = self.target
        before = self.before or {name: getattr(target, name, "") for name in REVISED_FIELDS}
        after = self.after or {**before, **(self.proposed or {})}
        labels = {"title": _("Title"), "description": _("Description")}
        return [
            {
                "label": labels[name],
                "before": before.get(name, ""),
                "after": after.get(name, ""),
                "changed": before.get(name, "") != after.get(name, ""),
            }
            for name in REVISED_FIELDS
        ]

    def clean(self) -> None:
        if bool(self.priority_id) == bool(self.plan_goal_id):
            raise ValidationError(
                {"priority": _("Choose either one priority or one plan goal to revise.")}
            )
        if not (self.reason or "").strip():
            raise ValidationError({"reason": _("Say why the wording should change.")})
        self._clean_proposed()

    def _clean_proposed(self) -> None:
        proposed = self.proposed
        if not isinstance(proposed, dict) or not proposed:
            raise ValidationError({"proposed": _("Give the new title or description.")})
        unknown = set(proposed) - set(REVISED_FIELDS)
        if unknown:
            raise ValidationError(
                {
                    "proposed": _("Only a title and a description can be revised, not %(names)s.")
                    % {"names": ", ".join(sorted(unknown))}
                }
            )
        if any(not isinstance(value, str) for value in proposed.values()):
            raise ValidationError({"proposed": _("The new wording is text.")})
        if "title" in proposed:
            limit = 200 if self.priority_id else 250
            if not proposed["title"].strip():
                raise ValidationError({"proposed": _("The new title cannot be empty.")})
            if len(proposed["title"]) > limit:
                raise ValidationError(
                    {
                        "proposed": _("The new title has at most %(limit)d characters.")
                        % {"limit": limit}
                    }
                )
        target = self.target
        if target is not None and all(
            getattr(target, name) == value for name, value in proposed.items()
        ):
            raise ValidationError(
                {"proposed": _("The proposed wording is the same as the current one.")}
            )
