"""The writes and the adoption step of ``assessments.services``: each stores its change with one
Event under its declared code, and a refused one stores nothing."""

from __future__ import annotations

import datetime

import pytest

from actors.models import Role
from assessments import services
from assessments.models import Assessment, AssessmentItem
from empact.services import WorkflowError
from tests.factories import (
    AssessmentFactory,
    AssessmentItemFactory,
    CycleFactory,
    OperationalActionPlanFactory,
)
from tests.writes import Changes, Creates, Deletes, holder_of, records, refused

pytestmark = pytest.mark.django_db


class TestAssessment(Creates, Changes, Deletes):
    services = services
    entity = "assessment"
    event = "assessments.assessment"
    factory = AssessmentFactory
    writer = Role.SECRETARIAT
    change = {"summary": "Most plans are on track."}

    def data(self):
        return {"cycle": CycleFactory(), "kind": Assessment.Kind.FINAL}


class TestAssessmentItem(Creates, Changes, Deletes):
    services = services
    entity = "assessment_item"
    event = "assessments.assessment_item"
    factory = AssessmentItemFactory
    writer = Role.SECRETARIAT
    change = {"rating": AssessmentItem.Rating.ACHIEVED}

    def data(self):
        assessment = AssessmentFactory()
        return {
            "assessment": assessment,
            "plan": OperationalActionPlanFactory(cycle=assessment.cycle),
            "rating": AssessmentItem.Rating.PARTIALLY_ACHIEVED,
        }


def test_the_secretariat_records_the_adoption_of_an_assessment_with_one_event():
    assessment = AssessmentFactory()
    with records("assessments.assessment.adopted"):
        services.assessment_adopt(
            actor=holder_of(Role.SECRETARIAT),
            assessment=assessment,
            adopted_on=datetime.date(2024, 3, 1),
        )
    assessment.refresh_from_db()
    assert (assessment.status, assessment.adopted_on) == ("adopted", datetime.date(2024, 3, 1))


def test_a_cosi_delegate_cannot_record_the_adoption_and_it_stays_a_draft():
    assessment = AssessmentFactory()
    with refused():
        services.assessment_adopt(actor=holder_of(Role.COSI_DELEGATE), assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT


def test_an_adopted_assessment_is_not_adopted_again():
    assessment = AssessmentFactory(
        status=Assessment.Status.ADOPTED, adopted_on=datetime.date(2024, 3, 1)
    )
    with refused(error=WorkflowError):
        services.assessment_adopt(actor=holder_of(Role.SECRETARIAT), assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.adopted_on == datetime.date(2024, 3, 1)
