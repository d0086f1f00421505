"""The event codes of the assessments app (the audit log's registry, see ``empact.events``).

The reminders use them: an assessment's opening and change carry its review window."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

declare(
    "assessments.assessment.opened",
    "assessments.assessment",
    _("The secretariat opened an assessment and its review window."),
)
declare("assessments.assessment.changed", "assessments.assessment", _("An assessment changed."))
declare("assessments.assessment.deleted", "assessments.assessment", _("An assessment deleted."))
declare(
    "assessments.assessment.adopted", "assessments.assessment", _("COSI adopted the assessment.")
)
declare(
    "assessments.assessment_item.changed",
    "assessments.assessmentitem",
    _("The secretariat changed its assessment of an item."),
)
declare(
    "assessments.assessment_item.europol_findings_given",
    "assessments.assessmentitem",
    _("Europol gave its findings on an assessment item."),
)
declare(
    "assessments.assessment_item.drivers_findings_given",
    "assessments.assessmentitem",
    _("The plan's drivers gave their findings on an assessment item."),
)
declare(
    "assessments.delegation_comment.given",
    "assessments.delegationcomment",
    _("A delegation commented on an assessment item."),
)
declare(
    "assessments.delegation_comment.changed",
    "assessments.delegationcomment",
    _("A delegation changed its comment on an assessment item."),
)
