"""The event codes of the oaps app (the audit log's registry, see ``empact.events``)."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

declare("oaps.plan.created", "oaps.operationalactionplan", _("A plan created."))
declare("oaps.plan.changed", "oaps.operationalactionplan", _("A plan's definition changed."))
declare("oaps.plan.deleted", "oaps.operationalactionplan", _("A plan deleted."))
declare(
    "oaps.plan.submitted",
    "oaps.operationalactionplan",
    _("The drivers submitted the plan to COSI."),
)
declare("oaps.plan.approved", "oaps.operationalactionplan", _("COSI approved the plan."))
declare(
    "oaps.plan.returned", "oaps.operationalactionplan", _("COSI returned the plan for changes.")
)
declare(
    "oaps.plan.reordered",
    "oaps.operationalactionplan",
    _("The plan's operational actions put in a new order."),
)
declare("oaps.plan_goal.created", "oaps.plangoal", _("A plan-specific goal added."))
declare("oaps.plan_goal.changed", "oaps.plangoal", _("A plan-specific goal changed."))
declare("oaps.plan_goal.deleted", "oaps.plangoal", _("A plan-specific goal deleted."))
declare(
    "oaps.plan_goal.revised",
    "oaps.plangoal",
    _("A plan goal reworded by a revision COSI adopted."),
)
declare("oaps.action.created", "oaps.operationalaction", _("An operational action added."))
declare("oaps.action.changed", "oaps.operationalaction", _("An operational action changed."))
declare("oaps.action.cancelled", "oaps.operationalaction", _("An operational action cancelled."))
declare("oaps.action.started", "oaps.operationalaction", _("An operational action started."))
declare("oaps.action.delayed", "oaps.operationalaction", _("An operational action delayed."))
declare("oaps.action.completed", "oaps.operationalaction", _("An operational action completed."))
declare(
    "oaps.action.amended",
    "oaps.operationalaction",
    _("An action changed by an approved amendment."),
)
declare(
    "oaps.plan.amended", "oaps.operationalactionplan", _("A plan changed by an approved amendment.")
)
declare(
    "oaps.plan_goal.amended", "oaps.plangoal", _("A plan goal changed by an approved amendment.")
)
declare("oaps.kpi.amended", "oaps.kpi", _("A KPI changed by an approved amendment."))
declare(
    "oaps.amendment.opened", "oaps.planamendment", _("An amendment of an approved plan opened.")
)
declare("oaps.amendment.submitted", "oaps.planamendment", _("The drivers submitted an amendment."))
declare("oaps.amendment.approved", "oaps.planamendment", _("COSI approved an amendment."))
declare(
    "oaps.amendment.returned", "oaps.planamendment", _("COSI returned an amendment for changes.")
)
declare("oaps.amendment.withdrawn", "oaps.planamendment", _("The drivers withdrew an amendment."))
declare(
    "oaps.amendment_change.created", "oaps.amendmentchange", _("A change proposed in an amendment.")
)
declare("oaps.amendment_change.changed", "oaps.amendmentchange", _("A proposed change revised."))
declare("oaps.amendment_change.deleted", "oaps.amendmentchange", _("A proposed change taken back."))
declare("oaps.action.deleted", "oaps.operationalaction", _("An operational action deleted."))
declare("oaps.participation.added", "oaps.participation", _("A country joined an action."))
declare("oaps.participation.changed", "oaps.participation", _("A country's participation changed."))
declare(
    "oaps.participation.confirmed",
    "oaps.participation",
    _("A country confirmed its participation."),
)
declare(
    "oaps.participation.declined", "oaps.participation", _("A country declined its participation.")
)
declare("oaps.participation.removed", "oaps.participation", _("A country removed from an action."))
declare("oaps.kpi.created", "oaps.kpi", _("A KPI added."))
declare("oaps.kpi.changed", "oaps.kpi", _("A KPI changed."))
declare("oaps.kpi.deleted", "oaps.kpi", _("A KPI deleted."))
declare("oaps.reporting_period.created", "oaps.reportingperiod", _("A reporting period created."))
declare("oaps.reporting_period.changed", "oaps.reportingperiod", _("A reporting period changed."))
declare("oaps.reporting_period.deleted", "oaps.reportingperiod", _("A reporting period deleted."))
declare(
    "oaps.reporting_period.generated",
    "cycles.cycle",
    _("Reporting periods generated from a frequency, for the cycle or for its plans."),
)
declare("oaps.report.drafted", "oaps.progressreport", _("A progress report started."))
declare("oaps.report.saved", "oaps.progressreport", _("A progress report saved."))
declare("oaps.report.deleted", "oaps.progressreport", _("A progress report deleted."))
declare("oaps.report.submitted", "oaps.progressreport", _("A progress report submitted."))
declare("oaps.report.accepted", "oaps.progressreport", _("A progress report accepted."))
declare("oaps.report.returned", "oaps.progressreport", _("A progress report returned for changes."))
declare("oaps.kpi_value.recorded", "oaps.kpivalue", _("A KPI value recorded."))
declare("oaps.kpi_value.changed", "oaps.kpivalue", _("A KPI value changed."))
declare("oaps.kpi_value.removed", "oaps.kpivalue", _("A KPI value removed."))
declare("oaps.joint_action_day.created", "oaps.jointactionday", _("A joint action day created."))
declare("oaps.joint_action_day.changed", "oaps.jointactionday", _("A joint action day changed."))
declare("oaps.joint_action_day.deleted", "oaps.jointactionday", _("A joint action day deleted."))
declare("oaps.result_type.created", "oaps.resulttype", _("A result type created."))
declare("oaps.result_type.changed", "oaps.resulttype", _("A result type changed."))
declare("oaps.result_type.deleted", "oaps.resulttype", _("A result type deleted."))
declare("oaps.result.recorded", "oaps.operationalresult", _("An operational result recorded."))
declare("oaps.result.changed", "oaps.operationalresult", _("An operational result changed."))
declare("oaps.result.deleted", "oaps.operationalresult", _("An operational result deleted."))
declare("oaps.result.validated", "oaps.operationalresult", _("An operational result validated."))
declare("oaps.result.published", "oaps.operationalresult", _("An operational result published."))
declare(
    "oaps.lock_exception.added",
    "oaps.lockexception",
    _("A lock exception granted: one person may still write a report of a closed period."),
)
declare("oaps.lock_exception.changed", "oaps.lockexception", _("A lock exception changed."))
declare("oaps.lock_exception.removed", "oaps.lockexception", _("A lock exception withdrawn."))
declare(
    "oaps.plan.copied_from",
    "oaps.operationalactionplan",
    _("A new draft plan started from an earlier plan: its goals, actions, KPIs and participants."),
)
