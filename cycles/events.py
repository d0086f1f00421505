"""The event codes of the cycles app (the audit log's registry, see ``empact.events``)."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

declare("cycles.cycle.created", "cycles.cycle", _("A cycle created."))
declare("cycles.cycle.changed", "cycles.cycle", _("A cycle changed."))
declare("cycles.cycle.deleted", "cycles.cycle", _("A cycle deleted."))
declare("cycles.document.created", "cycles.empactdocument", _("A document created."))
declare("cycles.document.changed", "cycles.empactdocument", _("A document changed."))
declare("cycles.document.deleted", "cycles.empactdocument", _("A document deleted."))
declare(
    "cycles.document_version.created", "cycles.documentversion", _("A document version created.")
)
declare(
    "cycles.document_version.uploaded",
    "cycles.documentversion",
    _("A new version of a document uploaded."),
)
declare(
    "cycles.document_version.changed", "cycles.documentversion", _("A document version changed.")
)
declare(
    "cycles.document_version.deleted", "cycles.documentversion", _("A document version deleted.")
)
declare("cycles.milestone.created", "cycles.milestone", _("A milestone created."))
declare("cycles.milestone.changed", "cycles.milestone", _("A milestone changed."))
declare("cycles.milestone.deleted", "cycles.milestone", _("A milestone deleted."))
declare(
    "cycles.threat_assessment.created", "cycles.threatassessment", _("A threat assessment created.")
)
declare(
    "cycles.threat_assessment.changed", "cycles.threatassessment", _("A threat assessment changed.")
)
declare(
    "cycles.threat_assessment.deleted", "cycles.threatassessment", _("A threat assessment deleted.")
)
declare("cycles.threat.created", "cycles.threat", _("A threat created."))
declare("cycles.threat.changed", "cycles.threat", _("A threat changed."))
declare("cycles.threat.deleted", "cycles.threat", _("A threat deleted."))
declare("cycles.evaluation.created", "cycles.evaluation", _("An evaluation created."))
declare("cycles.evaluation.changed", "cycles.evaluation", _("An evaluation changed."))
declare("cycles.evaluation.deleted", "cycles.evaluation", _("An evaluation deleted."))
declare("cycles.recommendation.created", "cycles.recommendation", _("A recommendation created."))
declare("cycles.recommendation.changed", "cycles.recommendation", _("A recommendation changed."))
declare("cycles.recommendation.deleted", "cycles.recommendation", _("A recommendation deleted."))
declare(
    "cycles.timetable_entry.created",
    "cycles.timetableentry",
    _("A default timetable entry created."),
)
declare(
    "cycles.timetable_entry.changed",
    "cycles.timetableentry",
    _("A default timetable entry changed."),
)
declare(
    "cycles.timetable_entry.deleted",
    "cycles.timetableentry",
    _("A default timetable entry deleted."),
)
declare(
    "cycles.cycle.set_up",
    "cycles.cycle",
    _("A cycle created with the milestones of the default timetable."),
)
declare(
    "cycles.cycle.milestones_generated",
    "cycles.cycle",
    _("The missing milestones of the default timetable added to a cycle."),
)
