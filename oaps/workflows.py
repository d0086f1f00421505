"""The workflow steps of plans, actions, amendments and progress reports: one table per model.

``empact.workflow.transition`` runs them; the services in ``oaps.services`` add each step's own
rule (a plan needs an action, a report must be complete, a return needs a comment).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from empact.workflow import Transition, declare
from oaps.models import OperationalAction, OperationalActionPlan, PlanAmendment, ProgressReport

Plan = OperationalActionPlan
Report = ProgressReport


def _plan_refusal(plan: Plan, step: Transition) -> str:
    return _("The plan is %(status)s; this step is possible only when it is %(allowed)s.") % {
        "status": plan.get_status_display().lower(),
        "allowed": _(" or ").join(str(Plan.Status(s).label).lower() for s in step.from_states),
    }


declare(
    Plan,
    [
        Transition(
            "submit",
            Plan.EDITABLE_STATUSES,
            Plan.Status.SUBMITTED,
            "submit",
            "oaps.plan.submitted",
            _plan_refusal,
        ),
        Transition(
            "approve",
            (Plan.Status.SUBMITTED,),
            Plan.Status.APPROVED,
            "approve",
            "oaps.plan.approved",
            _plan_refusal,
        ),
        Transition(
            "return",
            (Plan.Status.SUBMITTED,),
            Plan.Status.RETURNED,
            "return",
            "oaps.plan.returned",
            _plan_refusal,
        ),
    ],
    notes="""
**A new plan from an earlier one** (`oaps.services.copies.plan_copy_from`, the page
`plan-copy-from`, `POST /plans/{id}/copy-from/`): the plan's drivers and co-drivers, or the
secretariat (matrix action `copy_from`), start a new draft plan of a priority they can see,
copying the plan's goals, its actions (as planned, dates moved by the years between the plans,
each with the CHSG of the same number in the new cycle's MASP), their KPIs and participants (who
await their NEC's confirmation again); no status, report, result, approval or role is copied. One
event on the new plan (`oaps.plan.copied_from`).
""",
)

# An action is cancelled, from any state, by whoever may delete it (its history is kept). During
# implementation (the plan approved: checked by oaps.services.action_status_update) its leaders
# and drivers move its status: start, delay (with a reason), complete.
Action = OperationalAction
_STATUS = gettext_lazy("This status change is not possible from the action's current status.")
declare(
    OperationalAction,
    [
        Transition(
            "cancel",
            tuple(OperationalAction.Status.values),
            OperationalAction.Status.CANCELLED,
            "delete",
            "oaps.action.cancelled",
        ),
        Transition(
            "start",
            (Action.Status.PLANNED, Action.Status.DELAYED),
            Action.Status.ONGOING,
            "update_status",
            "oaps.action.started",
            _STATUS,
        ),
        Transition(
            "delay",
            (Action.Status.PLANNED, Action.Status.ONGOING, Action.Status.DELAYED),
            Action.Status.DELAYED,
            "update_status",
            "oaps.action.delayed",
            _STATUS,
        ),
        Transition(
            "complete",
            (Action.Status.ONGOING, Action.Status.DELAYED),
            Action.Status.COMPLETED,
            "update_status",
            "oaps.action.completed",
            _STATUS,
        ),
    ],
)


def _amendment_refusal(amendment: PlanAmendment, step: Transition) -> str:
    return _("The amendment is %(status)s; this step is possible only when it is %(allowed)s.") % {
        "status": amendment.get_status_display().lower(),
        "allowed": _(" or ").join(
            str(PlanAmendment.Status(s).label).lower() for s in step.from_states
        ),
    }


Amendment = PlanAmendment
declare(
    PlanAmendment,
    [
        Transition(
            "submit",
            Amendment.EDITABLE_STATUSES,
            Amendment.Status.SUBMITTED,
            "submit",
            "oaps.amendment.submitted",
            _amendment_refusal,
        ),
        Transition(
            "approve",
            (Amendment.Status.SUBMITTED,),
            Amendment.Status.APPROVED,
            "approve",
            "oaps.amendment.approved",
            _amendment_refusal,
        ),
        Transition(
            "return",
            (Amendment.Status.SUBMITTED,),
            Amendment.Status.RETURNED,
            "return",
            "oaps.amendment.returned",
            _amendment_refusal,
        ),
        Transition(
            "withdraw",
            Amendment.OPEN_STATUSES,
            Amendment.Status.WITHDRAWN,
            "withdraw",
            "oaps.amendment.withdrawn",
            _amendment_refusal,
        ),
    ],
)

_REVIEWED = gettext_lazy("Only a submitted report can be accepted or returned.")
declare(
    Report,
    [
        Transition(
            "submit",
            (Report.Status.DRAFT, Report.Status.RETURNED),
            Report.Status.SUBMITTED,
            "submit",
            "oaps.report.submitted",
            gettext_lazy("This report was already submitted."),
        ),
        Transition(
            "accept",
            (Report.Status.SUBMITTED,),
            Report.Status.ACCEPTED,
            "accept",
            "oaps.report.accepted",
            _REVIEWED,
        ),
        Transition(
            "return",
            (Report.Status.SUBMITTED,),
            Report.Status.RETURNED,
            "return",
            "oaps.report.returned",
            _REVIEWED,
        ),
    ],
)
