"""The rules of cycles, milestones, documents, threat assessments and the evaluation."""

from __future__ import annotations

import datetime

import pytest

from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Milestone,
    Recommendation,
    Threat,
    ThreatAssessment,
)
from tests.factories import (
    CycleFactory,
    DocumentVersionFactory,
    EmpactDocumentFactory,
    EvaluationFactory,
    MilestoneFactory,
    RecommendationFactory,
    ThreatAssessmentFactory,
    ThreatFactory,
    assert_database_refuses,
    constraint_errors,
    validation_errors,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 6, 15)


@pytest.mark.parametrize(
    "factory",
    [
        CycleFactory,
        EmpactDocumentFactory,
        DocumentVersionFactory,
        MilestoneFactory,
        ThreatAssessmentFactory,
        ThreatFactory,
        EvaluationFactory,
        RecommendationFactory,
    ],
)
def test_factory_makes_a_valid_object(factory):
    factory().full_clean()


# --- Cycle -----------------------------------------------------------------------------------


def test_clean_names_a_new_cycle_after_its_years():
    cycle = Cycle(first_year=2022)
    cycle.clean()
    assert cycle.name == "EMPACT 2022-2025"


def test_full_clean_names_a_new_cycle_after_its_years():
    cycle = Cycle(first_year=2022)
    cycle.full_clean()
    assert cycle.name == "EMPACT 2022-2025"


def test_clean_keeps_a_name_given():
    cycle = Cycle(first_year=2026, name="EMPACT 2026+")
    cycle.full_clean()
    assert cycle.name == "EMPACT 2026+"


def test_cycle_lasts_four_years():
    cycle = Cycle(first_year=2026)
    assert cycle.last_year == 2029
    assert list(cycle.years) == [2026, 2027, 2028, 2029]


@pytest.mark.parametrize("first_year", [2010, 2100])
def test_first_year_at_the_edges_of_the_plausible_range_is_accepted(first_year):
    Cycle(first_year=first_year, name=Cycle.default_name(first_year)).full_clean()


@pytest.mark.parametrize("first_year", [2009, 2101])
def test_implausible_first_year_is_refused_with_a_clear_message(first_year):
    cycle = Cycle(first_year=first_year, name=Cycle.default_name(first_year))
    assert validation_errors(cycle) == {
        "__all__": ["The first year must be between 2010 and 2100."]
    }


@pytest.mark.parametrize("first_year", [2009, 2101])
def test_database_refuses_an_implausible_first_year(first_year):
    assert_database_refuses(
        "cycle_first_year_plausible",
        lambda: Cycle.objects.create(first_year=first_year, name="EMPACT"),
    )


def test_step_outside_one_to_four_is_refused_as_an_invalid_choice():
    cycle = Cycle(first_year=2022, name="EMPACT 2022-2025", current_step=5)
    assert validation_errors(cycle) == {"current_step": ["Value 5 is not a valid choice."]}


def test_step_outside_one_to_four_breaks_the_step_constraint():
    cycle = Cycle(first_year=2022, name="EMPACT 2022-2025", current_step=5)
    assert constraint_errors(cycle) == ["A cycle has four steps, numbered 1 to 4."]


@pytest.mark.parametrize("step", [0, 5])
def test_database_refuses_a_step_outside_one_to_four(step):
    assert_database_refuses(
        "cycle_step_between_1_and_4",
        lambda: Cycle.objects.create(first_year=2022, name="EMPACT", current_step=step),
    )


def test_two_cycles_cannot_start_in_the_same_year():
    CycleFactory(first_year=2022)
    assert validation_errors(Cycle(first_year=2022, name="Other")) == {
        "first_year": ["Cycle with this First year already exists."]
    }


def test_suggested_step_is_the_first_while_no_milestone_is_done():
    cycle = CycleFactory()
    MilestoneFactory(cycle=cycle, step=Cycle.Step.POLICY_SETTING)
    assert cycle.suggested_step() == Cycle.Step.POLICY_DEVELOPMENT


def test_suggested_step_is_the_step_of_the_latest_milestone_done():
    cycle = CycleFactory()
    MilestoneFactory(
        cycle=cycle, step=Cycle.Step.POLICY_SETTING, done_date=datetime.date(2021, 5, 26)
    )
    MilestoneFactory(
        cycle=cycle, step=Cycle.Step.IMPLEMENTATION, done_date=datetime.date(2022, 3, 1)
    )
    MilestoneFactory(cycle=cycle, step=Cycle.Step.EVALUATION, done_date=None)
    assert cycle.suggested_step() == Cycle.Step.IMPLEMENTATION


def test_suggested_step_does_not_change_the_step_the_secretariat_set():
    cycle = CycleFactory(current_step=Cycle.Step.POLICY_SETTING)
    MilestoneFactory(cycle=cycle, step=Cycle.Step.EVALUATION, done_date=datetime.date(2025, 1, 1))
    assert cycle.suggested_step() == Cycle.Step.EVALUATION
    cycle.refresh_from_db()
    assert cycle.current_step == Cycle.Step.POLICY_SETTING


# --- Milestone -------------------------------------------------------------------------------


def test_milestone_done_is_done_even_when_past_its_due_date():
    milestone = Milestone(due_date=datetime.date(2024, 1, 1), done_date=datetime.date(2024, 2, 1))
    assert milestone.status(today=TODAY) == "done"


def test_milestone_not_done_after_its_due_date_is_overdue():
    assert Milestone(due_date=datetime.date(2024, 6, 14)).status(today=TODAY) == "overdue"


@pytest.mark.parametrize("due_date", [TODAY, datetime.date(2024, 12, 31)])
def test_milestone_not_done_by_its_due_date_is_due(due_date):
    assert Milestone(due_date=due_date).status(today=TODAY) == "due"


def test_milestone_title_twice_in_a_cycle_is_refused_with_a_clear_message():
    milestone = MilestoneFactory()
    twin = MilestoneFactory.build(cycle=milestone.cycle, kind=milestone.kind, title=milestone.title)
    assert validation_errors(twin) == {
        "__all__": ["This cycle already has a milestone with this title."]
    }


def test_database_refuses_a_milestone_title_twice_in_a_cycle():
    milestone = MilestoneFactory()
    assert_database_refuses(
        "milestone_unique_title_per_cycle",
        lambda: MilestoneFactory(cycle=milestone.cycle, kind=milestone.kind, title=milestone.title),
    )


# --- EmpactDocument and DocumentVersion ------------------------------------------------------


def test_document_title_twice_for_one_kind_and_cycle_is_refused_with_a_clear_message():
    mandate = EmpactDocumentFactory(title="EMPACT mandate")
    twin = EmpactDocument(kind=mandate.kind, title="EMPACT mandate", cycle=None)
    assert validation_errors(twin) == {
        "__all__": ["A document of this kind with this title already exists."]
    }


def test_database_refuses_a_document_title_twice_for_one_kind_even_without_cycle():
    EmpactDocumentFactory(title="EMPACT mandate")
    assert_database_refuses(
        "empact_document_unique_title",
        lambda: EmpactDocumentFactory(title="EMPACT mandate"),
    )


def test_document_title_may_repeat_in_another_cycle():
    pad = EmpactDocumentFactory(kind=EmpactDocument.Kind.PAD, title="PAD", cycle=CycleFactory())
    EmpactDocument(kind=pad.kind, title="PAD", cycle=CycleFactory(first_year=2026)).full_clean()


def test_document_version_number_twice_is_refused_with_a_clear_message():
    version = DocumentVersionFactory()
    twin = DocumentVersion(document=version.document, version=version.version)
    assert validation_errors(twin) == {
        "__all__": ["This version number already exists for the document."]
    }


def test_database_refuses_a_document_version_number_twice():
    version = DocumentVersionFactory()
    assert_database_refuses(
        "document_version_unique",
        lambda: DocumentVersionFactory(document=version.document, version=version.version),
    )


def test_document_versions_are_numbered_on_by_the_factory():
    first = DocumentVersionFactory()
    assert (first.version, DocumentVersionFactory(document=first.document).version) == (1, 2)


def test_document_version_zero_is_refused_with_a_clear_message():
    twin = DocumentVersion(document=EmpactDocumentFactory(), version=0)
    assert validation_errors(twin) == {"__all__": ["Versions are numbered from 1."]}


def test_database_refuses_document_version_zero():
    assert_database_refuses("document_version_positive", lambda: DocumentVersionFactory(version=0))


# --- ThreatAssessment and Threat -------------------------------------------------------------


def test_second_threat_assessment_of_a_kind_in_a_cycle_is_refused_with_a_clear_message():
    socta = ThreatAssessmentFactory()
    twin = ThreatAssessment(cycle=socta.cycle, kind=socta.kind, title="Another SOCTA")
    assert validation_errors(twin) == {
        "__all__": ["This cycle already has a threat assessment of this kind."]
    }


def test_database_refuses_a_second_threat_assessment_of_a_kind_in_a_cycle():
    socta = ThreatAssessmentFactory()
    assert_database_refuses(
        "threat_assessment_one_per_kind_per_cycle",
        lambda: ThreatAssessment.objects.create(cycle=socta.cycle, kind=socta.kind, title="X"),
    )


def test_interim_report_beside_the_socta_is_accepted():
    socta = ThreatAssessmentFactory()
    ThreatAssessment(
        cycle=socta.cycle, kind=ThreatAssessment.Kind.INTERIM_REPORT, title="Interim report"
    ).full_clean()


def test_threat_title_twice_in_an_assessment_is_refused_with_a_clear_message():
    threat = ThreatFactory()
    twin = Threat(assessment=threat.assessment, title=threat.title, trend=Threat.Trend.NEW)
    assert validation_errors(twin) == {
        "__all__": ["This assessment already names a threat with this title."]
    }


def test_database_refuses_a_threat_title_twice_in_an_assessment():
    threat = ThreatFactory()
    assert_database_refuses(
        "threat_title_unique_per_assessment",
        lambda: ThreatFactory(assessment=threat.assessment, title=threat.title),
    )


# --- Evaluation and Recommendation -----------------------------------------------------------


def test_published_evaluation_with_its_date_is_accepted():
    EvaluationFactory(
        status=Evaluation.Status.PUBLISHED,
        started_on=datetime.date(2025, 1, 15),
        published_on=datetime.date(2025, 12, 1),
    ).full_clean()


def test_published_evaluation_without_date_is_refused_with_a_clear_message():
    evaluation = EvaluationFactory.build(cycle=CycleFactory(), status=Evaluation.Status.PUBLISHED)
    assert validation_errors(evaluation) == {
        "__all__": ["A published evaluation needs its publication date."]
    }


def test_database_refuses_a_published_evaluation_without_date():
    assert_database_refuses(
        "evaluation_published_has_date",
        lambda: EvaluationFactory(status=Evaluation.Status.PUBLISHED, published_on=None),
    )


def test_evaluation_published_before_it_started_is_refused_with_a_clear_message():
    evaluation = EvaluationFactory.build(
        cycle=CycleFactory(),
        started_on=datetime.date(2025, 6, 1),
        published_on=datetime.date(2025, 5, 31),
    )
    assert validation_errors(evaluation) == {
        "__all__": ["The evaluation cannot be published before it started."]
    }


def test_database_refuses_an_evaluation_published_before_it_started():
    assert_database_refuses(
        "evaluation_published_after_start",
        lambda: EvaluationFactory(
            started_on=datetime.date(2025, 6, 1), published_on=datetime.date(2025, 5, 31)
        ),
    )


def test_second_evaluation_of_a_cycle_is_refused():
    evaluation = EvaluationFactory()
    twin = Evaluation(cycle=evaluation.cycle, title="Second evaluation")
    assert validation_errors(twin) == {
        "cycle": ["Independent evaluation with this Cycle already exists."]
    }


def test_recommendation_addressed_in_a_later_cycle_is_accepted():
    recommendation = RecommendationFactory()
    recommendation.addressed_in = CycleFactory(first_year=2026)
    recommendation.full_clean()


@pytest.mark.parametrize("addressed_first_year", [2022, 2018])
def test_recommendation_addressed_in_the_evaluated_or_an_earlier_cycle_is_refused(
    addressed_first_year,
):
    recommendation = RecommendationFactory()
    recommendation.addressed_in = CycleFactory(first_year=addressed_first_year)
    assert validation_errors(recommendation) == {
        "addressed_in": ["A recommendation is addressed in a later cycle than the one evaluated."]
    }


def test_recommendation_number_twice_in_an_evaluation_is_refused_with_a_clear_message():
    recommendation = RecommendationFactory()
    twin = Recommendation(
        evaluation=recommendation.evaluation, number=recommendation.number, text="Again."
    )
    assert validation_errors(twin) == {
        "__all__": ["This evaluation already has a recommendation with this number."]
    }


def test_database_refuses_a_recommendation_number_twice_in_an_evaluation():
    recommendation = RecommendationFactory()
    assert_database_refuses(
        "recommendation_number_unique",
        lambda: RecommendationFactory(
            evaluation=recommendation.evaluation, number=recommendation.number
        ),
    )
