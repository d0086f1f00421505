"""Writes and the adoption step of COSI's assessments."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from assessments.models import Assessment, AssessmentItem
from empact import clock
from empact.services import object_create, object_delete, object_update
from empact.workflow import transition

# --- assessments -------------------------------------------------------------------------------


def assessment_adopt(
    *, actor, assessment: Assessment, adopted_on: datetime.date | None = None
) -> Assessment:
    """The COSI secretariat records COSI's adoption of the assessment (on a date, default today).
    An adopted assessment is not adopted again."""
    return transition(actor, assessment, "adopt", adopted_on=adopted_on or clock.today())


# --- assessments -------------------------------------------------------------------------------


def assessment_create(*, actor, data: Mapping[str, Any]) -> Assessment:
    return object_create(
        actor=actor, model=Assessment, data=data, code="assessments.assessment.created"
    )


def assessment_update(
    *, actor, assessment: Assessment, data: Mapping[str, Any], version: str | None = None
) -> Assessment:
    return object_update(
        actor=actor,
        obj=assessment,
        data=data,
        version=version,
        code="assessments.assessment.changed",
    )


def assessment_delete(*, actor, assessment: Assessment) -> None:
    object_delete(actor=actor, obj=assessment, code="assessments.assessment.deleted")


# --- assessment items --------------------------------------------------------------------------


def assessment_item_create(*, actor, data: Mapping[str, Any]) -> AssessmentItem:
    return object_create(
        actor=actor, model=AssessmentItem, data=data, code="assessments.assessment_item.created"
    )


def assessment_item_update(
    *, actor, assessment_item: AssessmentItem, data: Mapping[str, Any], version: str | None = None
) -> AssessmentItem:
    return object_update(
        actor=actor,
        obj=assessment_item,
        data=data,
        version=version,
        code="assessments.assessment_item.changed",
    )


def assessment_item_delete(*, actor, assessment_item: AssessmentItem) -> None:
    object_delete(actor=actor, obj=assessment_item, code="assessments.assessment_item.deleted")
