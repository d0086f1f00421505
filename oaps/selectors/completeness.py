"""What a plan still lacks before its drivers can submit it to COSI (issue 11, part 3).

One list, read by the plan page (before the submit button), by ``plan_submit`` (which refuses an
incomplete plan) and by ``GET /api/v1/plans/{id}/completeness/``. Each item says what is missing
in the user's words and links to the page that fixes it. Two queries whatever the plan's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from oaps.models import Kpi, OperationalAction, OperationalActionPlan

Plan = OperationalActionPlan


@dataclass(frozen=True)
class Missing:
    """One thing missing: a stable ``code``, the ``message``, the object it is about, the fix."""

    code: str
    message: str
    object_type: str
    object_id: int
    url: str

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "object": {"type": self.object_type, "id": self.object_id},
            "url": self.url,
        }


def plan_missing(plan: Plan) -> list[Missing]:
    """Everything the plan lacks, in the order of its actions: the plan needs an action; each
    action (not cancelled) a leader, a CHSG, dates inside the plan's years and a KPI with a
    target."""
    actions = list(
        OperationalAction.objects.filter(plan=plan)
        .exclude(status=OperationalAction.Status.CANCELLED)
        .order_by("position", "code", "pk")
        .prefetch_related(Prefetch("kpis", queryset=Kpi.objects.filter(target__isnull=False)))
    )
    if not actions:
        return [
            Missing(
                "plan_without_action",
                _("The plan has no operational action yet: add at least one."),
                "plan",
                plan.pk,
                reverse("action-create", args=[plan.pk]),
            )
        ]
    missing = []
    for action in actions:
        fix = reverse("action-edit", args=[action.pk])
        name = {"code": action.code}
        if action.leader_id is None:
            missing.append(
                Missing(
                    "action_without_leader",
                    _("%(code)s has no leader: choose the organisation that leads it.") % name,
                    "action",
                    action.pk,
                    fix,
                )
            )
        if action.horizontal_goal_id is None:
            missing.append(
                Missing(
                    "action_without_chsg",
                    _("%(code)s is not linked to a CHSG: choose the one it serves.") % name,
                    "action",
                    action.pk,
                    fix,
                )
            )
        if (
            action.start_date is None
            or action.end_date is None
            or action.start_date < plan.period_start
            or action.end_date > plan.period_end
        ):
            missing.append(
                Missing(
                    "action_dates_outside_plan",
                    _(
                        "The dates of %(code)s are not inside the plan's years "
                        "%(first)s to %(last)s."
                    )
                    % {**name, "first": plan.first_year, "last": plan.last_year},
                    "action",
                    action.pk,
                    fix,
                )
            )
        if not action.kpis.all():
            missing.append(
                Missing(
                    "action_without_kpi",
                    _("%(code)s has no KPI with a target: add one.") % name,
                    "action",
                    action.pk,
                    fix,
                )
            )
    return missing


def plan_completeness(plan: Plan) -> dict:
    """The API's answer: ``{"complete": bool, "missing": [...]}``."""
    missing = plan_missing(plan)
    return {"complete": not missing, "missing": [item.as_dict() for item in missing]}
