"""The writes of ``cycles.services``: each stores its change with one Event under its declared
code, for a role the matrix lets write it, and is refused to a role that only reads."""

from __future__ import annotations

import datetime

from actors.models import Role
from cycles import services
from cycles.models import Cycle, EmpactDocument, Milestone, ThreatAssessment
from tests.factories import (
    CycleFactory,
    DocumentVersionFactory,
    EmpactDocumentFactory,
    EvaluationFactory,
    MilestoneFactory,
    RecommendationFactory,
    ThreatAssessmentFactory,
    ThreatFactory,
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
