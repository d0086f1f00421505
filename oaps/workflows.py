"""The workflow steps of plans, actions, progress reports and assessments: one table per model.

``empact.workflow.transition`` runs them; the services in ``oaps.services`` add each step's own
rule (a plan needs an action, a report must be complete, a return needs a comment).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from empact.workflow import Transition, declare
from oaps.models import Assessment, OperationalAction, OperationalActionPlan, ProgressReport

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
)

# An action is cancelled, from any state, by whoever may delete it (its history is kept).
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

declare(
    Assessment,
    [
        Transition(
            "adopt",
            (Assessment.Status.DRAFT, Assessment.Status.UNDER_REVIEW),
            Assessment.Status.ADOPTED,
            "adopt",
            "oaps.assessment.adopted",
            gettext_lazy("This assessment was already adopted."),
        ),
    ],
)
