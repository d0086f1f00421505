"""The writes of ``cycles.services``: each stores its change with one Event under its declared
code, for a role the matrix lets write it, and is refused to a role that only reads."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from actors.models import Role
from cycles import services
from cycles.models import Cycle, EmpactDocument, Milestone, ThreatAssessment
from empact.models import Event
from tests.factories import (
    CountryFactory,
    CycleFactory,
    DocumentVersionFactory,
    EmpactDocumentFactory,
    EvaluationFactory,
    MilestoneFactory,
    RecommendationFactory,
    RoleAssignmentFactory,
    ThreatAssessmentFactory,
    ThreatFactory,
    TimetableEntryFactory,
    UserFactory,
)
from tests.writes import Changes, Creates, Deletes


class TestCycle(Creates, Changes, Deletes):
    services = services
    entity = "cycle"
    event = "cycles.cycle"
    factory = CycleFactory
    change = {"name": "EMPACT 2022-2025 (extended)"}

    def data(self):
        return {
            "first_year": 2030,
            "name": "EMPACT 2030-2033",
            "current_step": Cycle.Step.POLICY_DEVELOPMENT,
        }


class TestMilestone(Creates, Changes, Deletes):
    services = services
    entity = "milestone"
    event = "cycles.milestone"
    factory = MilestoneFactory
    writer = Role.SECRETARIAT
    change = {"title": "Kick-off meeting"}

    def data(self):
        return {
            "cycle": CycleFactory(),
            "kind": Milestone.Kind.OTHER,
            "step": Cycle.Step.IMPLEMENTATION,
            "title": "Kick-off",
            "due_date": datetime.date(2023, 3, 1),
        }


class TestDocument(Creates, Changes, Deletes):
    services = services
    entity = "document"
    event = "cycles.document"
    factory = EmpactDocumentFactory
    writer = Role.SECRETARIAT
    change = {"title": "Terms of reference"}

    def data(self):
        return {"kind": EmpactDocument.Kind.MANDATE, "title": "Mandate", "cycle": CycleFactory()}


class TestDocumentVersion(Creates, Changes, Deletes):
    services = services
    entity = "document_version"
    event = "cycles.document_version"
    factory = DocumentVersionFactory
    writer = Role.SECRETARIAT
    change = {"council_reference": "7704/22"}

    def data(self):
        return {"document": EmpactDocumentFactory(), "version": 1}


class TestThreatAssessment(Creates, Changes, Deletes):
    services = services
    entity = "threat_assessment"
    event = "cycles.threat_assessment"
    factory = ThreatAssessmentFactory
    writer = Role.EUROPOL
    change = {"title": "EU-SOCTA 2021 (revised)"}

    def data(self):
        return {"cycle": CycleFactory(), "kind": ThreatAssessment.Kind.SOCTA, "title": "EU-SOCTA"}


class TestThreat(Creates, Changes, Deletes):
    services = services
    entity = "threat"
    event = "cycles.threat"
    factory = ThreatFactory
    writer = Role.EUROPOL
    change = {"title": "Synthetic drugs"}

    def data(self):
        return {"assessment": ThreatAssessmentFactory(), "title": "Cocaine", "trend": "new"}


class TestEvaluation(Creates, Changes, Deletes):
    services = services
    entity = "evaluation"
    event = "cycles.evaluation"
    factory = EvaluationFactory
    writer = Role.COMMISSION
    change = {"evaluator": "An independent contractor"}

    def data(self):
        return {"cycle": CycleFactory(), "title": "Independent evaluation"}


class TestRecommendation(Creates, Changes, Deletes):
    services = services
    entity = "recommendation"
    event = "cycles.recommendation"
    factory = RecommendationFactory
    writer = Role.COMMISSION
    change = {"text": "Report results in one format."}

    def data(self):
        return {"evaluation": EvaluationFactory(), "number": 1, "text": "Share the data."}


class TestTimetableEntry(Creates, Changes, Deletes):
    services = services
    entity = "timetable_entry"
    event = "cycles.timetable_entry"
    factory = TimetableEntryFactory
    writer = Role.SECRETARIAT
    change = {"month": 9}

    def data(self):
        return {
            "kind": Milestone.Kind.OTHER,
            "step": Cycle.Step.IMPLEMENTATION,
            "title_pattern": "Kick-off {year+1}",
            "year_offset": 1,
            "month": 3,
            "day": 1,
        }


def _secretary():
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.SECRETARIAT)
    return user


def test_a_cycle_set_up_gets_one_milestone_per_entry_of_the_default_timetable(db):
    TimetableEntryFactory(
        kind=Milestone.Kind.MASP_APPROVED,
        step=Cycle.Step.POLICY_SETTING,
        title_pattern="COSI approves the general MASP {year}-{year+3}",
        year_offset=-1,
        month=10,
        day=31,
    )
    TimetableEntryFactory(
        title_pattern="Progress reports H2 {year} due", year_offset=1, month=1, day=31
    )

    cycle = services.cycle_set_up(actor=_secretary(), data={"first_year": 2030})

    milestones = list(cycle.milestones.order_by("due_date").values_list("title", "due_date"))
    assert milestones == [
        ("COSI approves the general MASP 2030-2033", datetime.date(2029, 10, 31)),
        ("Progress reports H2 2030 due", datetime.date(2031, 1, 31)),
    ]
    assert cycle.name == "EMPACT 2030-2033"
    event = Event.objects.get()
    assert event.code == "cycles.cycle.set_up"
    assert event.object_id == cycle.pk


def test_generating_again_adds_only_the_missing_milestones_and_keeps_the_moved_ones(db):
    entry = TimetableEntryFactory(title_pattern="Kick-off {year}", year_offset=0, month=3, day=1)
    actor = _secretary()
    cycle = services.cycle_set_up(actor=actor, data={"first_year": 2030})
    moved = cycle.milestones.get()
    services.milestone_update(
        actor=actor, milestone=moved, data={"due_date": datetime.date(2030, 4, 2)}
    )
    TimetableEntryFactory(title_pattern="Wrap-up {year+3}", year_offset=3, month=11, day=30)

    created = services.cycle_milestones_generate(actor=actor, cycle=cycle)

    assert [m.title for m in created] == ["Wrap-up 2033"]
    assert cycle.milestones.get(title="Kick-off 2030").due_date == datetime.date(2030, 4, 2)
    assert entry.title(2030) == "Kick-off 2030"


def test_a_delegate_may_not_set_a_cycle_up_and_nothing_is_stored(db):
    TimetableEntryFactory(title_pattern="Kick-off {year}")
    delegate = UserFactory()
    RoleAssignmentFactory(user=delegate, role=Role.COSI_DELEGATE, country=CountryFactory())

    with pytest.raises(PermissionDenied):
        services.cycle_set_up(actor=delegate, data={"first_year": 2030})

    assert not Cycle.objects.filter(first_year=2030).exists()
    assert not Milestone.objects.exists()
