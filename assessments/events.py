"""The event codes of the assessments app (the audit log's registry, see ``empact.events``)."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

declare("assessments.assessment.created", "assessments.assessment", _("An assessment created."))
declare("assessments.assessment.changed", "assessments.assessment", _("An assessment changed."))
declare("assessments.assessment.deleted", "assessments.assessment", _("An assessment deleted."))
declare(
    "assessments.assessment.adopted", "assessments.assessment", _("COSI adopted the assessment.")
)
declare(
    "assessments.assessment_item.created",
    "assessments.assessmentitem",
    _("An assessment item created."),
)
declare(
    "assessments.assessment_item.changed",
    "assessments.assessmentitem",
    _("An assessment item changed."),
)
declare(
    "assessments.assessment_item.deleted",
    "assessments.assessmentitem",
    _("An assessment item deleted."),
)
