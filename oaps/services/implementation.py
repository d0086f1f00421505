"""The implementation status of an action of an approved plan: started, delayed, completed.

The action's leaders, co-leaders and the plan's drivers move it without an amendment: the status
is how the work goes, not what COSI approved. Cancelling stays the drivers' step
(``action_cancel``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from empact.services import WorkflowError
from empact.workflow import transition
from oaps import workflows  # noqa: F401  (declares the steps run by transition)
from oaps.models import OperationalAction, OperationalActionPlan

STATUS_STEPS = ("start", "delay", "complete")


def _during_implementation(action: OperationalAction) -> None:
    if action.plan.status != OperationalActionPlan.Status.APPROVED:
        raise WorkflowError(
            _("The implementation status changes only once COSI has approved the plan.")
        )


def action_status_update(
    *, actor, action: OperationalAction, step: str, reason: str = ""
) -> OperationalAction:
    """Take one of the status steps (``start``, ``delay``, ``complete``); a delay says why."""
    if step not in STATUS_STEPS:
        raise WorkflowError(_("Choose start, delay or complete."))
    if step == "delay" and not reason.strip():
        raise WorkflowError(_("Say why the action is delayed."))
    return transition(
        actor,
        action,
        step,
        check=_during_implementation,
        comment=reason,
        status_reason=reason if step == "delay" else "",
    )
