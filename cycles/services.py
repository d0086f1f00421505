"""Writes on cycles and what belongs to them: milestones, documents and their versions, threat
assessments and threats, evaluations and recommendations.

Each is the common recipe of ``empact.services`` (one transaction, the row locked, the field
rights and the actor's right checked, ``full_clean()``, one Event under the code this app
declares in ``events.py``); a write with rules of its own gets a function of its own here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Milestone,
    Recommendation,
    Threat,
    ThreatAssessment,
    TimetableEntry,
)
from cycles.timetable import cycle_milestones
from cycles.uploads import check_upload, safe_filename
from empact import clock, events
from empact.access import require_writable
from empact.access.unsaved import can_unsaved
from empact.services import (
    object_create,
    object_delete,
    object_update,
    require,
    save_change,
)

# --- cycles ------------------------------------------------------------------------------------


def cycle_create(*, actor, data: Mapping[str, Any]) -> Cycle:
    return object_create(actor=actor, model=Cycle, data=data, code="cycles.cycle.created")


def cycle_update(
    *, actor, cycle: Cycle, data: Mapping[str, Any], version: str | None = None
) -> Cycle:
    return object_update(
        actor=actor, obj=cycle, data=data, version=version, code="cycles.cycle.changed"
    )


def cycle_delete(*, actor, cycle: Cycle) -> None:
    object_delete(actor=actor, obj=cycle, code="cycles.cycle.deleted")


def cycle_set_up(*, actor, data: Mapping[str, Any]) -> Cycle:
    """A new cycle with the milestones of the default timetable (the first step of setting a
    cycle up), recorded as one Event: the cycle created, its milestones listed in it."""
    require_writable(actor, Cycle, data)
    with transaction.atomic():
        cycle = Cycle(**data)
        changes = events.changes_of(cycle, None)
        save_change(cycle, actor=actor, code="cycles.cycle.set_up", event=False)
        require(actor, "add", cycle)
        milestones = timetable_milestones_add(actor, cycle)
        events.record(
            actor=actor,
            code="cycles.cycle.set_up",
            obj=cycle,
            changes=changes,
            details={"milestones": [m.title for m in milestones]},
        )
    return cycle


def cycle_milestones_generate(*, actor, cycle: Cycle) -> list[Milestone]:
    """The milestones of the default timetable that the cycle does not have yet (same kind and
    title), created with their default dates, as one Event on the cycle; the ones it has, moved
    or not, stay as they are."""
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        require(actor, "change", cycle)
        milestones = timetable_milestones_add(actor, cycle)
        if milestones:
            events.record(
                actor=actor,
                code="cycles.cycle.milestones_generated",
                obj=cycle,
                details={"milestones": [m.title for m in milestones]},
            )
    return milestones


def timetable_milestones_add(actor, cycle: Cycle) -> list[Milestone]:
    """The missing milestones of the timetable saved, each checked like any new milestone (the
    caller records the Event)."""
    existing = set(cycle.milestones.values_list("kind", "title"))
    created = []
    for spec in cycle_milestones(cycle.first_year):
        if (spec.kind, spec.title) in existing:
            continue
        milestone = Milestone(
            cycle=cycle,
            kind=spec.kind,
            step=spec.step,
            title=spec.title,
            due_date=spec.due_date,
            responsible=spec.responsible,
        )
        save_change(milestone, actor=actor, code="cycles.milestone.created", event=False)
        require(actor, "add", milestone)
        created.append(milestone)
    return created


# --- milestones --------------------------------------------------------------------------------


def milestone_create(*, actor, data: Mapping[str, Any]) -> Milestone:
    return object_create(actor=actor, model=Milestone, data=data, code="cycles.milestone.created")


def milestone_update(
    *, actor, milestone: Milestone, data: Mapping[str, Any], version: str | None = None
) -> Milestone:
    return object_update(
        actor=actor, obj=milestone, data=data, version=version, code="cycles.milestone.changed"
    )


def milestone_delete(*, actor, milestone: Milestone) -> None:
    object_delete(actor=actor, obj=milestone, code="cycles.milestone.deleted")


# --- the default timetable ---------------------------------------------------------------------


def timetable_entry_create(*, actor, data: Mapping[str, Any]) -> TimetableEntry:
    return object_create(
        actor=actor, model=TimetableEntry, data=data, code="cycles.timetable_entry.created"
    )


def timetable_entry_update(
    *, actor, timetable_entry: TimetableEntry, data: Mapping[str, Any], version: str | None = None
) -> TimetableEntry:
    return object_update(
        actor=actor,
        obj=timetable_entry,
        data=data,
        version=version,
        code="cycles.timetable_entry.changed",
    )


def timetable_entry_delete(*, actor, timetable_entry: TimetableEntry) -> None:
    object_delete(actor=actor, obj=timetable_entry, code="cycles.timetable_entry.deleted")


# --- documents ---------------------------------------------------------------------------------


def document_create(*, actor, data: Mapping[str, Any]) -> EmpactDocument:
    return object_create(
        actor=actor, model=EmpactDocument, data=data, code="cycles.document.created"
    )


def document_update(
    *, actor, document: EmpactDocument, data: Mapping[str, Any], version: str | None = None
) -> EmpactDocument:
    return object_update(
        actor=actor, obj=document, data=data, version=version, code="cycles.document.changed"
    )


def document_delete(*, actor, document: EmpactDocument) -> None:
    object_delete(actor=actor, obj=document, code="cycles.document.deleted")


# --- document versions -------------------------------------------------------------------------


def document_version_create(*, actor, data: Mapping[str, Any]) -> DocumentVersion:
    return object_create(
        actor=actor, model=DocumentVersion, data=data, code="cycles.document_version.created"
    )


def document_version_upload(
    *, actor, document: EmpactDocument, data: Mapping[str, Any], upload: UploadedFile
) -> DocumentVersion:
    """A new version of ``document`` with the uploaded file, numbered after the last one.

    ``data``: what the actor may write (approved_on, council_reference, notes). The file is
    checked by type and size (``cycles.uploads``) and stored in the private storage under a
    random name; its sanitised name is kept for the download. One Event.
    """
    if not can_unsaved(actor, "add", DocumentVersion(document=document)):  # before storing it
        raise PermissionDenied(_("You are not allowed to do this."))
    file_type = check_upload(upload)
    filename = safe_filename(upload.name or "")
    with transaction.atomic():
        locked = EmpactDocument.objects.select_for_update().get(pk=document.pk)
        last = locked.versions.aggregate(last=Max("version"))["last"] or 0
        upload.name = filename
        return object_create(
            actor=actor,
            model=DocumentVersion,
            data=data,
            code="cycles.document_version.uploaded",
            document=locked,
            version=last + 1,
            file=upload,
            filename=filename,
            content_type=file_type.content_type,
            size=upload.size,
        )


def document_version_update(
    *, actor, document_version: DocumentVersion, data: Mapping[str, Any], version: str | None = None
) -> DocumentVersion:
    return object_update(
        actor=actor,
        obj=document_version,
        data=data,
        version=version,
        code="cycles.document_version.changed",
    )


def document_version_delete(*, actor, document_version: DocumentVersion) -> None:
    object_delete(actor=actor, obj=document_version, code="cycles.document_version.deleted")


# --- threat assessments ------------------------------------------------------------------------


def threat_assessment_create(*, actor, data: Mapping[str, Any]) -> ThreatAssessment:
    return object_create(
        actor=actor, model=ThreatAssessment, data=data, code="cycles.threat_assessment.created"
    )


def threat_assessment_update(
    *,
    actor,
    threat_assessment: ThreatAssessment,
    data: Mapping[str, Any],
    version: str | None = None,
) -> ThreatAssessment:
    return object_update(
        actor=actor,
        obj=threat_assessment,
        data=data,
        version=version,
        code="cycles.threat_assessment.changed",
    )


def threat_assessment_delete(*, actor, threat_assessment: ThreatAssessment) -> None:
    object_delete(actor=actor, obj=threat_assessment, code="cycles.threat_assessment.deleted")


# --- threats -----------------------------------------------------------------------------------


def threat_create(*, actor, data: Mapping[str, Any]) -> Threat:
    return object_create(actor=actor, model=Threat, data=data, code="cycles.threat.created")


def threat_update(
    *, actor, threat: Threat, data: Mapping[str, Any], version: str | None = None
) -> Threat:
    return object_update(
        actor=actor, obj=threat, data=data, version=version, code="cycles.threat.changed"
    )


def threat_delete(*, actor, threat: Threat) -> None:
    object_delete(actor=actor, obj=threat, code="cycles.threat.deleted")


# --- evaluations -------------------------------------------------------------------------------


def evaluation_create(*, actor, data: Mapping[str, Any]) -> Evaluation:
    return object_create(actor=actor, model=Evaluation, data=data, code="cycles.evaluation.created")


def evaluation_update(
    *, actor, evaluation: Evaluation, data: Mapping[str, Any], version: str | None = None
) -> Evaluation:
    return object_update(
        actor=actor, obj=evaluation, data=data, version=version, code="cycles.evaluation.changed"
    )


def evaluation_delete(*, actor, evaluation: Evaluation) -> None:
    object_delete(actor=actor, obj=evaluation, code="cycles.evaluation.deleted")


# --- recommendations ---------------------------------------------------------------------------


def recommendation_create(*, actor, data: Mapping[str, Any]) -> Recommendation:
    return object_create(
        actor=actor, model=Recommendation, data=data, code="cycles.recommendation.created"
    )


def recommendation_update(
    *, actor, recommendation: Recommendation, data: Mapping[str, Any], version: str | None = None
) -> Recommendation:
    return object_update(
        actor=actor,
        obj=recommendation,
        data=data,
        version=version,
        code="cycles.recommendation.changed",
    )


def recommendation_delete(*, actor, recommendation: Recommendation) -> None:
    object_delete(actor=actor, obj=recommendation, code="cycles.recommendation.deleted")


def recommendation_follow_up(
    *, actor, recommendation: Recommendation, status: str, reason: str = "", note: str = ""
) -> Recommendation:
    """Record how the next cycle follows a recommendation up: planned, in progress, done or not
    taken up (which needs a reason), with a note; who and when are recorded, as one Event. The
    status, reason and note change only through this step."""
    choices = Recommendation.FollowUp
    reason = reason.strip()
    with transaction.atomic():
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        require(actor, "follow_up", recommendation)
        if status not in choices.values:
            raise ValidationError(
                {"status": _("Choose planned, in progress, done or not taken up.")}
            )
        if status == choices.NOT_TAKEN_UP and not reason:
            raise ValidationError({"reason": _("Say why the recommendation is not taken up.")})
        recommendation.follow_up_status = status
        recommendation.follow_up_reason = reason if status == choices.NOT_TAKEN_UP else ""
        recommendation.follow_up_note = note.strip()
        recommendation.follow_up_updated_by = actor
        recommendation.follow_up_updated_at = clock.now()
        save_change(
            recommendation,
            actor=actor,
            code="cycles.recommendation.followed_up",
            fields=[
                "follow_up_status",
                "follow_up_reason",
                "follow_up_note",
                "follow_up_updated_by",
                "follow_up_updated_at",
            ],
            comment=reason,
        )
    return recommendation
