"""The rules of plans, actions, participations, KPIs, reporting, results and assessments."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from assessments.models import Assessment, AssessmentItem
from empact import clock
from oaps.models import (
    Kpi,
    KpiValue,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanGoal,
    ProgressReport,
)
from tests.factories import (
    AssessmentFactory,
    AssessmentItemFactory,
    CountryFactory,
    CycleFactory,
    HorizontalGoalFactory,
    JointActionDayFactory,
    KpiFactory,
    KpiValueFactory,
    MaspFactory,
    OperationalActionFactory,
    OperationalActionPlanFactory,
    OperationalResultFactory,
    OrganisationFactory,
    ParticipationFactory,
    PlanGoalFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
    ResultTypeFactory,
    assert_database_refuses,
    constraint_errors,
    validation_errors,
)

pytestmark = pytest.mark.django_db


def day(year: int, month: int, day_of_month: int) -> datetime.date:
    return datetime.date(year, month, day_of_month)


@pytest.mark.parametrize(
    "factory",
    [
        OperationalActionPlanFactory,
        PlanGoalFactory,
        OperationalActionFactory,
        ParticipationFactory,
        KpiFactory,
        ReportingPeriodFactory,
        ProgressReportFactory,
        KpiValueFactory,
        JointActionDayFactory,
        ResultTypeFactory,
        OperationalResultFactory,
        AssessmentFactory,
        AssessmentItemFactory,
    ],
)
def test_factory_makes_a_valid_object(factory):
    factory().full_clean()


def test_action_factory_takes_the_chsg_from_the_plans_cycle_and_dates_inside_the_plan():
    plan = OperationalActionPlanFactory(cycle=CycleFactory(first_year=2026))
    action = OperationalActionFactory(plan=plan)
    assert action.horizontal_goal.masp.cycle == plan.priority.cycle
    assert plan.period_start <= action.start_date <= action.end_date <= plan.period_end
    assert OperationalActionFactory(plan=plan).horizontal_goal == action.horizontal_goal


def test_factories_for_a_cycle_wide_period_a_jad_result_and_a_chsg_item_are_valid():
    cycle = CycleFactory()
    ReportingPeriodFactory(cycle=cycle).full_clean()
    OperationalResultFactory(joint_action_day=JointActionDayFactory()).full_clean()
    AssessmentItemFactory(horizontal_goal=HorizontalGoalFactory()).full_clean()
    ParticipationFactory(organisation=OrganisationFactory()).full_clean()
    ProgressReportFactory(submitted=True).full_clean()
    OperationalResultFactory(published=True).full_clean()


# --- OperationalActionPlan -------------------------------------------------------------------


@pytest.mark.parametrize(("first_year", "last_year"), [(2024, 2025), (2023, 2023)])
def test_plan_of_one_or_two_years_inside_its_cycle_is_accepted(first_year, last_year):
    OperationalActionPlanFactory(first_year=first_year, last_year=last_year).full_clean()


def test_plan_longer_than_two_years_is_refused_with_a_clear_message():
    plan = OperationalActionPlanFactory.build(
        priority=PriorityFactory(), driver=OrganisationFactory(), first_year=2022, last_year=2024
    )
    assert validation_errors(plan) == {"last_year": ["A plan covers at most two years."]}


def test_plan_ending_before_it_starts_is_refused_with_a_clear_message():
    plan = OperationalActionPlanFactory.build(
        priority=PriorityFactory(), driver=OrganisationFactory(), first_year=2024, last_year=2023
    )
    assert validation_errors(plan) == {
        "last_year": ["The last year cannot be before the first year."]
    }


@pytest.mark.parametrize(("first_year", "last_year"), [(2022, 2024), (2024, 2023)])
def test_plan_not_of_one_or_two_years_breaks_the_years_constraint(first_year, last_year):
    plan = OperationalActionPlanFactory.build(
        priority=PriorityFactory(),
        driver=OrganisationFactory(),
        first_year=first_year,
        last_year=last_year,
    )
    assert constraint_errors(plan) == [
        "A plan covers one or two years: the last year is the first year or the next."
    ]


@pytest.mark.parametrize(("first_year", "last_year"), [(2022, 2024), (2024, 2023)])
def test_database_refuses_a_plan_not_of_one_or_two_years(first_year, last_year):
    assert_database_refuses(
        "plan_covers_one_or_two_years",
        lambda: OperationalActionPlanFactory(first_year=first_year, last_year=last_year),
    )


@pytest.mark.parametrize(("first_year", "last_year"), [(2021, 2022), (2025, 2026)])
def test_plan_outside_its_cycle_is_refused_with_a_clear_message(first_year, last_year):
    plan = OperationalActionPlanFactory.build(
        priority=PriorityFactory(),
        driver=OrganisationFactory(),
        first_year=first_year,
        last_year=last_year,
    )
    assert validation_errors(plan) == {
        "first_year": ["The plan's years must lie inside the cycle EMPACT 2022-2025 (2022-2025)."]
    }


def test_plan_code_twice_in_a_priority_is_refused_with_a_clear_message():
    plan = OperationalActionPlanFactory()
    twin = OperationalActionPlanFactory.build(
        priority=plan.priority, code=plan.code, driver=plan.driver
    )
    assert validation_errors(twin) == {
        "__all__": ["This priority already has a plan with this code."]
    }


def test_database_refuses_a_plan_code_twice_in_a_priority():
    plan = OperationalActionPlanFactory()
    assert_database_refuses(
        "plan_code_unique_per_priority",
        lambda: OperationalActionPlanFactory(priority=plan.priority, code=plan.code),
    )


def test_plan_period_runs_from_the_first_of_january_to_the_end_of_its_last_year():
    plan = OperationalActionPlan(first_year=2024, last_year=2025)
    assert (plan.period_start, plan.period_end) == (day(2024, 1, 1), day(2025, 12, 31))


# --- PlanGoal --------------------------------------------------------------------------------


def test_plan_goal_number_twice_in_a_plan_is_refused_with_a_clear_message():
    goal = PlanGoalFactory()
    twin = PlanGoal(plan=goal.plan, number=goal.number, title="Again")
    assert validation_errors(twin) == {
        "__all__": ["This plan already has a goal with this number."]
    }


def test_database_refuses_a_plan_goal_number_twice_in_a_plan():
    goal = PlanGoalFactory()
    assert_database_refuses(
        "plan_goal_number_unique_per_plan",
        lambda: PlanGoalFactory(plan=goal.plan, number=goal.number),
    )


# --- OperationalAction -----------------------------------------------------------------------


def _action(**fields: object) -> OperationalAction:
    """An unsaved action of a 2024-2025 plan, with ``fields`` changed."""
    plan = fields.pop("plan", None) or OperationalActionPlanFactory()
    action = OperationalActionFactory(plan=plan)
    for name, value in fields.items():
        setattr(action, name, value)
    return action


@pytest.mark.parametrize("code", ["OA 3", "OA 3.2", "OA 1.2.3", "OA 12.10"])
def test_action_code_of_oa_and_numbers_is_accepted(code):
    _action(code=code).full_clean()


@pytest.mark.parametrize("code", ["3.2", "OA3.2", "OA 3.", "oa 3.2", "OA 3.2a", "OA 3 .2"])
def test_action_code_of_another_form_is_refused_with_a_clear_message(code):
    assert validation_errors(_action(code=code)) == {
        "code": ['Use the form "OA" followed by numbers, e.g. "OA 3.2".']
    }


@pytest.mark.parametrize(
    ("start_date", "end_date"),
    [(day(2023, 12, 31), day(2024, 6, 30)), (day(2025, 6, 1), day(2026, 1, 1))],
)
def test_action_outside_its_plans_years_is_refused_with_a_clear_message(start_date, end_date):
    action = _action(start_date=start_date, end_date=end_date)
    assert validation_errors(action) == {
        "start_date": ["The action's dates must lie inside the plan's years (2024-2025)."]
    }


def test_action_over_the_whole_plan_period_is_accepted():
    _action(start_date=day(2024, 1, 1), end_date=day(2025, 12, 31)).full_clean()


def test_action_ending_before_it_starts_is_refused_with_a_clear_message():
    action = _action(start_date=day(2024, 6, 1), end_date=day(2024, 5, 31))
    assert validation_errors(action) == {
        "end_date": ["The end date cannot be before the start date."]
    }


def test_action_ending_before_it_starts_breaks_the_dates_constraint():
    action = _action(start_date=day(2024, 6, 1), end_date=day(2024, 5, 31))
    assert constraint_errors(action) == ["The end date cannot be before the start date."]


def test_database_refuses_an_action_ending_before_it_starts():
    assert_database_refuses(
        "action_ends_after_it_starts",
        lambda: OperationalActionFactory(start_date=day(2024, 6, 1), end_date=day(2024, 5, 31)),
    )


def test_action_with_a_chsg_of_another_cycle_is_refused_with_a_clear_message():
    other_cycle_goal = HorizontalGoalFactory(masp=MaspFactory(cycle=CycleFactory(first_year=2026)))
    assert validation_errors(_action(horizontal_goal=other_cycle_goal)) == {
        "horizontal_goal": ["Choose a CHSG of this plan's cycle."]
    }


def test_action_code_twice_in_a_plan_is_refused_with_a_clear_message():
    action = OperationalActionFactory(code="OA 1.1")
    twin = _action(plan=action.plan, code="OA 1.1")
    assert validation_errors(twin) == {
        "__all__": ["This plan already has an action with this code."]
    }


def test_database_refuses_an_action_code_twice_in_a_plan():
    action = OperationalActionFactory(code="OA 1.1")
    assert_database_refuses(
        "action_code_unique_per_plan",
        lambda: OperationalActionFactory(plan=action.plan, code="OA 1.1"),
    )


def test_action_code_may_repeat_in_another_plan():
    OperationalActionFactory(code="OA 1.1")
    OperationalActionFactory(code="OA 1.1").full_clean()


# --- Participation ---------------------------------------------------------------------------

PARTICIPANT_RULE_CLEAN = "Choose either an organisation or a country, not both."
PARTICIPANT_RULE_CONSTRAINT = "Choose either an organisation or a country, not both."


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_participation_of_both_or_neither_organisation_and_country_is_refused(both):
    participation = Participation(
        action=OperationalActionFactory(),
        organisation=OrganisationFactory() if both else None,
        country=CountryFactory() if both else None,
    )
    assert validation_errors(participation) == {"organisation": [PARTICIPANT_RULE_CLEAN]}


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_database_refuses_a_participation_of_both_or_neither(both):
    assert_database_refuses(
        "participation_exactly_one_of_organisation_or_country",
        lambda: Participation.objects.create(
            action=OperationalActionFactory(),
            organisation=OrganisationFactory() if both else None,
            country=CountryFactory() if both else None,
        ),
    )


def test_organisation_taking_part_twice_in_an_action_is_refused_with_a_clear_message():
    taking_part = ParticipationFactory(organisation=OrganisationFactory())
    twin = Participation(action=taking_part.action, organisation=taking_part.organisation)
    assert validation_errors(twin) == {
        "__all__": ["This organisation already takes part in the action."]
    }


def test_database_refuses_an_organisation_taking_part_twice_in_an_action():
    taking_part = ParticipationFactory(organisation=OrganisationFactory())
    assert_database_refuses(
        "participation_organisation_once_per_action",
        lambda: ParticipationFactory(
            action=taking_part.action, organisation=taking_part.organisation
        ),
    )


def test_country_taking_part_twice_in_an_action_is_refused_with_a_clear_message():
    taking_part = ParticipationFactory()
    twin = Participation(action=taking_part.action, country=taking_part.country)
    assert validation_errors(twin) == {
        "__all__": ["This country already takes part in the action."]
    }


def test_database_refuses_a_country_taking_part_twice_in_an_action():
    taking_part = ParticipationFactory()
    assert_database_refuses(
        "participation_country_once_per_action",
        lambda: ParticipationFactory(action=taking_part.action, country=taking_part.country),
    )


def test_country_and_one_of_its_authorities_may_both_take_part():
    taking_part = ParticipationFactory()
    authority = OrganisationFactory(country=taking_part.country)
    Participation(action=taking_part.action, organisation=authority).full_clean()


# --- Kpi -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "baseline", "target"),
    [
        ("increase", "10", "10"),
        ("increase", "10", "25.50"),
        ("decrease", "10", "2"),
        ("maintain", "10", "3"),
        ("maintain", "10", "30"),
        ("increase", None, "5"),
    ],
)
def test_kpi_target_in_its_direction_is_accepted(direction, baseline, target):
    KpiFactory(
        direction=direction,
        baseline=None if baseline is None else Decimal(baseline),
        target=Decimal(target),
    ).full_clean()


def test_kpi_target_below_baseline_when_higher_is_better_is_refused_with_a_clear_message():
    kpi = KpiFactory.build(
        action=OperationalActionFactory(),
        direction=Kpi.Direction.INCREASE,
        baseline=Decimal("10"),
        target=Decimal("9.99"),
    )
    assert validation_errors(kpi) == {
        "target": ["For a KPI where higher is better, the target cannot be below the baseline."]
    }


def test_kpi_target_above_baseline_when_lower_is_better_is_refused_with_a_clear_message():
    kpi = KpiFactory.build(
        action=OperationalActionFactory(),
        direction=Kpi.Direction.DECREASE,
        baseline=Decimal("10"),
        target=Decimal("10.01"),
    )
    assert validation_errors(kpi) == {
        "target": ["For a KPI where lower is better, the target cannot be above the baseline."]
    }


def test_kpi_name_twice_in_an_action_is_refused_with_a_clear_message():
    kpi = KpiFactory()
    twin = Kpi(action=kpi.action, name=kpi.name, unit="number", target=Decimal("1"))
    assert validation_errors(twin) == {"__all__": ["This action already has a KPI with this name."]}


def test_database_refuses_a_kpi_name_twice_in_an_action():
    kpi = KpiFactory()
    assert_database_refuses(
        "kpi_name_unique_per_action", lambda: KpiFactory(action=kpi.action, name=kpi.name)
    )


def test_kpi_amounts_round_trip_as_decimals():
    kpi = KpiFactory(baseline=Decimal("1250.50"), target=Decimal("2000.75"))
    kpi.refresh_from_db()
    assert (kpi.baseline, kpi.target) == (Decimal("1250.50"), Decimal("2000.75"))
    assert isinstance(kpi.target, Decimal)


# --- ReportingPeriod -------------------------------------------------------------------------


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_reporting_period_of_both_or_neither_plan_and_cycle_is_refused(both):
    period = ReportingPeriodFactory.build(
        plan=OperationalActionPlanFactory() if both else None,
        cycle=CycleFactory() if both else None,
        start=day(2024, 1, 1),
    )
    assert validation_errors(period) == {
        "plan": ["Choose either a plan or a cycle for this period."]
    }


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_reporting_period_of_both_or_neither_breaks_the_owner_constraint(both):
    period = ReportingPeriodFactory.build(
        plan=OperationalActionPlanFactory() if both else None,
        cycle=CycleFactory() if both else None,
        start=day(2024, 1, 1),
    )
    assert constraint_errors(period) == ["A reporting period belongs to one plan or to one cycle."]


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_database_refuses_a_reporting_period_of_both_or_neither(both):
    assert_database_refuses(
        "reporting_period_for_a_plan_or_a_cycle",
        lambda: ReportingPeriodFactory(
            plan=OperationalActionPlanFactory() if both else None,
            cycle=CycleFactory() if both else None,
            start=day(2024, 1, 1),
        ),
    )


def test_reporting_period_ending_before_it_starts_is_refused_with_a_clear_message():
    period = ReportingPeriodFactory.build(
        plan=OperationalActionPlanFactory(), end=day(2023, 12, 31), deadline=day(2024, 1, 1)
    )
    assert validation_errors(period) == {"end": ["The period cannot end before it starts."]}
    assert constraint_errors(period) == ["The period cannot end before it starts."]


def test_database_refuses_a_reporting_period_ending_before_it_starts():
    assert_database_refuses(
        "reporting_period_ends_after_start",
        lambda: ReportingPeriodFactory(end=day(2023, 12, 31)),
    )


def test_reporting_deadline_before_the_period_starts_is_refused_with_a_clear_message():
    period = ReportingPeriodFactory.build(
        plan=OperationalActionPlanFactory(), deadline=day(2023, 12, 31)
    )
    assert validation_errors(period) == {
        "deadline": ["The deadline cannot be before the period starts."]
    }
    assert constraint_errors(period) == ["The deadline cannot be before the period starts."]


def test_database_refuses_a_reporting_deadline_before_the_period_starts():
    assert_database_refuses(
        "reporting_period_deadline_after_start",
        lambda: ReportingPeriodFactory(deadline=day(2023, 12, 31)),
    )


# --- ProgressReport --------------------------------------------------------------------------


@pytest.mark.parametrize("completion", [0, 100, None])
def test_completion_estimate_from_0_to_100_is_accepted(completion):
    ProgressReportFactory(completion_estimate=completion).full_clean()


def test_completion_estimate_above_100_is_refused_with_a_clear_message():
    report = ProgressReportFactory.build(
        action=(action := OperationalActionFactory()),
        period=ReportingPeriodFactory(plan=action.plan),
        completion_estimate=101,
    )
    assert validation_errors(report) == {
        "completion_estimate": ["The completion estimate is a percentage from 0 to 100."]
    }
    assert constraint_errors(report) == ["The completion estimate is a percentage from 0 to 100."]


def test_database_refuses_a_completion_estimate_above_100():
    assert_database_refuses(
        "progress_report_completion_is_a_percentage",
        lambda: ProgressReportFactory(completion_estimate=101),
    )


def test_second_report_of_an_action_for_a_period_is_refused_with_a_clear_message():
    report = ProgressReportFactory()
    twin = ProgressReport(action=report.action, period=report.period)
    assert validation_errors(twin) == {
        "__all__": ["This action already has a report for this period."]
    }


def test_database_refuses_a_second_report_of_an_action_for_a_period():
    report = ProgressReportFactory()
    assert_database_refuses(
        "progress_report_one_per_action_and_period",
        lambda: ProgressReportFactory(action=report.action, period=report.period),
    )


@pytest.mark.parametrize("status", ["submitted", "accepted", "returned"])
def test_report_past_draft_without_submission_time_is_refused_with_a_clear_message(status):
    report = ProgressReportFactory()
    report.status = status
    assert validation_errors(report) == {
        "__all__": ["A submitted report records when it was submitted."]
    }


@pytest.mark.parametrize("status", ["submitted", "accepted", "returned"])
def test_database_refuses_a_report_past_draft_without_submission_time(status):
    assert_database_refuses(
        "progress_report_submitted_has_time",
        lambda: ProgressReportFactory(status=status, submitted_at=None),
    )


def test_submitted_report_with_its_submission_time_is_accepted():
    report = ProgressReportFactory()
    report.status = ProgressReport.Status.SUBMITTED
    report.submitted_at = clock.now()
    report.full_clean()


# --- KpiValue --------------------------------------------------------------------------------


def test_value_for_a_kpi_of_another_action_is_refused_with_a_clear_message():
    value = KpiValue(report=ProgressReportFactory(), kpi=KpiFactory(), value=Decimal("3"))
    assert validation_errors(value) == {"kpi": ["Choose a KPI of the action this report is about."]}


def test_second_value_for_a_kpi_in_a_report_is_refused_with_a_clear_message():
    value = KpiValueFactory()
    twin = KpiValue(report=value.report, kpi=value.kpi, value=Decimal("1"))
    assert validation_errors(twin) == {"__all__": ["This report already has a value for this KPI."]}


def test_database_refuses_a_second_value_for_a_kpi_in_a_report():
    value = KpiValueFactory()
    assert_database_refuses(
        "kpi_value_once_per_report",
        lambda: KpiValueFactory(report=value.report, kpi=value.kpi),
    )


def test_kpi_value_round_trips_as_a_decimal():
    value = KpiValueFactory(value=Decimal("797000000.55"))
    value.refresh_from_db()
    assert value.value == Decimal("797000000.55")
    assert isinstance(value.value, Decimal)


# --- JointActionDay --------------------------------------------------------------------------


def test_joint_action_day_of_a_single_day_is_accepted():
    JointActionDayFactory(start_date=day(2024, 6, 10), end_date=day(2024, 6, 10)).full_clean()


def test_joint_action_day_ending_before_it_starts_is_refused_with_a_clear_message():
    jad = JointActionDayFactory.build(
        lead_organisation=OrganisationFactory(),
        start_date=day(2024, 6, 10),
        end_date=day(2024, 6, 9),
    )
    assert validation_errors(jad) == {"end_date": ["The end date cannot be before the start date."]}
    assert constraint_errors(jad) == ["The end date cannot be before the start date."]


def test_database_refuses_a_joint_action_day_ending_before_it_starts():
    assert_database_refuses(
        "jad_ends_after_it_starts",
        lambda: JointActionDayFactory(start_date=day(2024, 6, 10), end_date=day(2024, 6, 9)),
    )


def test_joint_action_day_factory_links_the_plans_actions_and_countries_given():
    action = OperationalActionFactory()
    countries = [CountryFactory(), CountryFactory()]
    jad = JointActionDayFactory(plans=[action.plan], actions=[action], countries=countries)
    assert list(jad.plans.all()) == [action.plan]
    assert list(jad.actions.all()) == [action]
    assert set(jad.countries.all()) == set(countries)


# --- OperationalResult -----------------------------------------------------------------------


def _result(**fields: object) -> OperationalResult:
    """An unsaved result of a new action, with ``fields`` changed."""
    result = OperationalResultFactory.build(
        action=OperationalActionFactory(), result_type=ResultTypeFactory()
    )
    for name, value in fields.items():
        setattr(result, name, value)
    return result


def test_result_of_neither_action_nor_jad_is_refused_with_a_clear_message():
    result = _result(action=None)
    assert validation_errors(result) == {
        "action": ["Choose the action or the joint action day this result is from."]
    }
    assert constraint_errors(result) == ["A result belongs to an action or a joint action day."]


def test_database_refuses_a_result_of_neither_action_nor_jad():
    assert_database_refuses(
        "result_belongs_to_an_action_or_jad", lambda: _result(action=None).save()
    )


def test_negative_quantity_is_refused_with_a_clear_message():
    result = _result(quantity=Decimal("-1"))
    assert validation_errors(result) == {"quantity": ["A quantity cannot be negative."]}
    assert constraint_errors(result) == ["A quantity cannot be negative."]


def test_database_refuses_a_negative_quantity():
    assert_database_refuses(
        "result_quantity_not_negative", lambda: _result(quantity=Decimal("-0.01")).save()
    )


def test_result_period_ending_before_it_starts_is_refused_with_a_clear_message():
    result = _result(period_start=day(2024, 6, 1), period_end=day(2024, 5, 31))
    assert validation_errors(result) == {"period_end": ["The period cannot end before it starts."]}
    assert constraint_errors(result) == ["The period cannot end before it starts."]


def test_database_refuses_a_result_period_ending_before_it_starts():
    assert_database_refuses(
        "result_period_ends_after_start",
        lambda: _result(period_start=day(2024, 6, 1), period_end=day(2024, 5, 31)).save(),
    )


def test_result_published_before_validation_is_refused_with_a_clear_message():
    result = _result(is_published=True)
    assert validation_errors(result) == {
        "is_published": ["Only results validated by Europol can be published."]
    }
    assert constraint_errors(result) == ["Only results validated by Europol can be published."]


def test_database_refuses_a_result_published_before_validation():
    assert_database_refuses(
        "result_published_only_when_validated", lambda: _result(is_published=True).save()
    )


def test_validated_result_may_be_published():
    _result(is_published=True, validated_at=clock.now()).full_clean()


def test_result_quantity_round_trips_as_a_decimal():
    result = OperationalResultFactory(quantity=Decimal("797123456.78"))
    result.refresh_from_db()
    assert result.quantity == Decimal("797123456.78")
    assert isinstance(result.quantity, Decimal)


# --- Assessment and AssessmentItem -----------------------------------------------------------


def test_second_assessment_of_a_kind_in_a_cycle_is_refused_with_a_clear_message():
    assessment = AssessmentFactory()
    twin = Assessment(
        cycle=assessment.cycle,
        kind=assessment.kind,
        opens_on=assessment.opens_on,
        closes_on=assessment.closes_on,
    )
    assert validation_errors(twin) == {
        "__all__": ["This cycle already has an assessment of this kind."]
    }


def test_database_refuses_a_second_assessment_of_a_kind_in_a_cycle():
    assessment = AssessmentFactory()
    assert_database_refuses(
        "assessment_one_per_kind_per_cycle",
        lambda: Assessment.objects.create(
            cycle=assessment.cycle,
            kind=assessment.kind,
            opens_on=assessment.opens_on,
            closes_on=assessment.closes_on,
        ),
    )


def test_final_assessment_beside_the_mid_term_one_is_accepted():
    assessment = AssessmentFactory()
    Assessment(
        cycle=assessment.cycle,
        kind=Assessment.Kind.FINAL,
        opens_on=assessment.opens_on,
        closes_on=assessment.closes_on,
    ).full_clean()


def test_adopted_assessment_without_date_is_refused_with_a_clear_message():
    assessment = Assessment(
        cycle=CycleFactory(),
        kind=Assessment.Kind.FINAL,
        status=Assessment.Status.ADOPTED,
        opens_on=day(2024, 1, 1),
        closes_on=day(2024, 1, 31),
    )
    assert validation_errors(assessment) == {
        "__all__": ["An adopted assessment needs its adoption date."]
    }


def test_database_refuses_an_adopted_assessment_without_date():
    assert_database_refuses(
        "assessment_adopted_has_date",
        lambda: AssessmentFactory(status=Assessment.Status.ADOPTED, adopted_on=None),
    )


def test_adopted_assessment_with_its_date_is_accepted():
    AssessmentFactory(status=Assessment.Status.ADOPTED, adopted_on=day(2024, 6, 1)).full_clean()


ITEM_RULE_CLEAN = "Rate either one plan, one CHSG or one plan goal in each item."
ITEM_RULE_CONSTRAINT = "An assessment item is about one plan, one CHSG or one plan goal."


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_assessment_item_of_both_or_neither_plan_and_chsg_is_refused(both):
    item = AssessmentItem(
        assessment=AssessmentFactory(),
        plan=OperationalActionPlanFactory() if both else None,
        horizontal_goal=HorizontalGoalFactory() if both else None,
        rating=AssessmentItem.Rating.ACHIEVED,
    )
    assert validation_errors(item) == {"plan": [ITEM_RULE_CLEAN]}


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_database_refuses_an_assessment_item_of_both_or_neither(both):
    assert_database_refuses(
        "assessment_item_for_a_plan_a_chsg_or_a_plan_goal",
        lambda: AssessmentItem.objects.create(
            assessment=AssessmentFactory(),
            plan=OperationalActionPlanFactory() if both else None,
            horizontal_goal=HorizontalGoalFactory() if both else None,
            rating=AssessmentItem.Rating.ACHIEVED,
        ),
    )


def test_plan_rated_twice_in_an_assessment_is_refused_with_a_clear_message():
    item = AssessmentItemFactory()
    twin = AssessmentItem(assessment=item.assessment, plan=item.plan, rating="achieved")
    assert validation_errors(twin) == {"__all__": ["This assessment already rates this plan."]}


def test_database_refuses_a_plan_rated_twice_in_an_assessment():
    item = AssessmentItemFactory()
    assert_database_refuses(
        "assessment_item_plan_once",
        lambda: AssessmentItemFactory(assessment=item.assessment, plan=item.plan),
    )


def test_chsg_rated_twice_in_an_assessment_is_refused_with_a_clear_message():
    item = AssessmentItemFactory(horizontal_goal=HorizontalGoalFactory())
    twin = AssessmentItem(
        assessment=item.assessment, horizontal_goal=item.horizontal_goal, rating="achieved"
    )
    assert validation_errors(twin) == {"__all__": ["This assessment already rates this CHSG."]}


def test_database_refuses_a_chsg_rated_twice_in_an_assessment():
    item = AssessmentItemFactory(horizontal_goal=HorizontalGoalFactory())
    assert_database_refuses(
        "assessment_item_chsg_once",
        lambda: AssessmentItemFactory(
            assessment=item.assessment, horizontal_goal=item.horizontal_goal
        ),
    )


def test_same_plan_may_be_rated_in_the_mid_term_and_the_final_assessment():
    item = AssessmentItemFactory()
    final = AssessmentFactory(cycle=item.assessment.cycle, kind=Assessment.Kind.FINAL)
    AssessmentItem(assessment=final, plan=item.plan, rating="achieved").full_clean()


def test_progress_report_for_a_period_of_another_plan_is_refused():
    report = ProgressReportFactory()
    other_period = ReportingPeriodFactory(plan=OperationalActionPlanFactory())
    report.period = other_period
    assert validation_errors(report)["period"] == [
        "Choose a reporting period of this action's plan or cycle."
    ]


def test_progress_report_for_a_period_of_its_cycle_is_accepted():
    report = ProgressReportFactory()
    report.period = ReportingPeriodFactory(cycle=report.action.plan.priority.cycle)
    report.full_clean()
