"""The compiled evidence equals the figures counted by hand on a small cycle, in a fixed number
of queries; an adopted assessment keeps its evidence whatever changes afterwards."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from actors.models import Role
from assessments import services
from assessments.evidence import compile_evidence, evidence_for
from assessments.models import AssessmentItem
from tests.factories import (
    CycleFactory,
    FundingRequestFactory,
    HorizontalGoalFactory,
    KpiFactory,
    KpiValueFactory,
    MaspFactory,
    OperationalActionFactory,
    OperationalActionPlanFactory,
    OperationalResultFactory,
    PlanGoalFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
    ResultTypeFactory,
)
from tests.writes import holder_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 1)
OPENING = {"opens_on": datetime.date(2025, 3, 1), "closes_on": datetime.date(2025, 3, 31)}


@pytest.fixture
def cycle(freeze_clock):
    """Plan P (approved: actions A1 ongoing, A2 completed, A3 cancelled; goal G1 with A1), plan Q
    (approved: B1 delayed) and plan R (a draft: its action R1 is not assessed), over CHSG 1 (A1,
    A3, B1, R1) and CHSG 2 (A2)."""
    freeze_clock(TODAY)
    cycle = CycleFactory(first_year=2022)
    masp = MaspFactory(cycle=cycle)
    chsg1 = HorizontalGoalFactory(masp=masp, number=1)
    chsg2 = HorizontalGoalFactory(masp=masp, number=2)
    priority = PriorityFactory(cycle=cycle)
    p = OperationalActionPlanFactory(priority=priority, code="P", status="approved")
    q = OperationalActionPlanFactory(priority=priority, code="Q", status="approved")
    r = OperationalActionPlanFactory(priority=priority, code="R", status="draft")
    g1 = PlanGoalFactory(plan=p, number=1)
    a1 = OperationalActionFactory(
        plan=p, code="A1", horizontal_goal=chsg1, status="ongoing", plan_goals=[g1]
    )
    a2 = OperationalActionFactory(plan=p, code="A2", horizontal_goal=chsg2, status="completed")
    OperationalActionFactory(plan=p, code="A3", horizontal_goal=chsg1, status="cancelled")
    b1 = OperationalActionFactory(plan=q, code="B1", horizontal_goal=chsg1, status="delayed")
    r1 = OperationalActionFactory(plan=r, code="R1", horizontal_goal=chsg1, status="ongoing")

    h1 = ReportingPeriodFactory(
        plan=p,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 6, 30),
        deadline=datetime.date(2024, 7, 31),
    )
    h2 = ReportingPeriodFactory(
        plan=p,
        start=datetime.date(2024, 7, 1),
        end=datetime.date(2024, 12, 31),
        deadline=datetime.date(2025, 1, 31),
    )
    a1_h1 = ProgressReportFactory(action=a1, period=h1, submitted=True, days_late=0)
    a1_h2 = ProgressReportFactory(
        action=a1, period=h2, submitted=True, status="accepted", days_late=3
    )
    ProgressReportFactory(action=a2, period=h1, submitted=True, days_late=5)
    a2_h2 = ProgressReportFactory(action=a2, period=h2)  # a draft: not handed in, missing

    k1 = KpiFactory(action=a1, target=Decimal("10"), direction="increase")
    KpiValueFactory(report=a1_h1, kpi=k1, value=Decimal("4"))
    KpiValueFactory(report=a1_h2, kpi=k1, value=Decimal("12"))  # latest: reaches 10
    k2 = KpiFactory(action=a1, target=Decimal("5"), direction="decrease")
    KpiValueFactory(report=a1_h1, kpi=k2, value=Decimal("7"))  # above 5: not reached
    k3 = KpiFactory(action=a2, target=Decimal("100"))
    KpiValueFactory(report=a2_h2, kpi=k3, value=Decimal("200"))  # in a draft: no value yet
    k4 = KpiFactory(action=b1, target=Decimal("1"), direction="maintain")
    q_h1 = ReportingPeriodFactory(
        plan=q,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
        deadline=datetime.date(2025, 7, 31),
    )
    b1_report = ProgressReportFactory(action=b1, period=q_h1, submitted=True, days_late=0)
    KpiValueFactory(report=b1_report, kpi=k4, value=Decimal("1"))  # reached (handed in early)
    KpiFactory(action=r1, target=Decimal("1"))  # a draft plan's: never counted

    arrests = ResultTypeFactory(code="arrests", name="Arrests", unit="count")
    seizures = ResultTypeFactory(code="seizures", name="Seizures", unit="kg")
    OperationalResultFactory(action=a1, result_type=arrests, quantity=Decimal("5"), validated=True)
    OperationalResultFactory(action=a1, result_type=arrests, quantity=Decimal("3"))
    OperationalResultFactory(
        action=a1, result_type=seizures, quantity=Decimal("10.5"), validated=True
    )
    OperationalResultFactory(action=a2, result_type=arrests, quantity=Decimal("2"), validated=True)
    OperationalResultFactory(action=b1, result_type=seizures, quantity=Decimal("4"))
    OperationalResultFactory(action=r1, result_type=seizures, quantity=Decimal("99"))

    FundingRequestFactory(
        action=a1,
        requested=Decimal("1000"),
        status="granted",
        granted=Decimal("800"),
        spent=Decimal("300"),
        decision_date=datetime.date(2024, 5, 15),
    )
    FundingRequestFactory(action=a1, requested=Decimal("500"))  # a draft: not requested yet
    FundingRequestFactory(
        action=a2,
        requested=Decimal("2000"),
        status="rejected",
        decision_date=datetime.date(2024, 5, 15),
    )
    FundingRequestFactory(action=b1, requested=Decimal("400"), status="submitted")
    FundingRequestFactory(action=r1, requested=Decimal("7000"), status="submitted")
    return {"cycle": cycle, "p": p, "q": q, "chsg1": chsg1, "chsg2": chsg2, "g1": g1, "a1": a1}


def _open(cycle):
    return services.assessment_open(
        actor=holder_of(Role.SECRETARIAT), data={"cycle": cycle, "kind": "mid_term", **OPENING}
    )


def _by_subject(assessment) -> dict:
    items = AssessmentItem.objects.filter(assessment=assessment)
    compiled = compile_evidence(items)
    named = {}
    for item in items.select_related("plan", "horizontal_goal", "plan_goal"):
        if item.plan_id:
            key = item.plan.code
        elif item.horizontal_goal_id:
            key = f"CHSG {item.horizontal_goal.number}"
        else:
            key = f"goal {item.plan_goal.number}"
        named[key] = compiled[item.pk]
    return named


def _statuses(**counts: int) -> dict[str, int]:
    every = {"planned": 0, "ongoing": 0, "completed": 0, "delayed": 0, "cancelled": 0}
    return every | counts


def test_the_evidence_of_a_plan_counts_its_actions_kpis_results_reports_and_funding(cycle):
    evidence = _by_subject(_open(cycle["cycle"]))["P"]
    assert evidence["actions"] == {
        "total": 3,
        "by_status": _statuses(ongoing=1, completed=1, cancelled=1),
    }
    kpis = evidence["kpis"]
    assert (kpis["total"], kpis["with_value"], kpis["reaching_target"]) == (3, 2, 1)
    assert [(row["target"], row["latest"], row["reached"]) for row in kpis["values"]] == [
        ("10.00", "12.00", True),
        ("5.00", "7.00", False),
        ("100.00", None, False),
    ]
    assert evidence["results"] == [
        {"type": "Arrests", "unit": "count", "count": 3, "quantity": "10.00", "validated": "7.00"},
        {"type": "Seizures", "unit": "kg", "count": 1, "quantity": "10.50", "validated": "10.50"},
    ]
    assert evidence["reports"] == {"due": 4, "on_time": 1, "late": 2, "missing": 1}
    assert evidence["funding"] == {"requested": "3000.00", "granted": "800.00", "spent": "300.00"}


def test_the_evidence_of_a_chsg_covers_the_actions_of_the_cycles_assessed_plans_under_it(cycle):
    evidence = _by_subject(_open(cycle["cycle"]))["CHSG 1"]
    assert evidence["actions"] == {
        "total": 3,
        "by_status": _statuses(ongoing=1, delayed=1, cancelled=1),
    }
    kpis = evidence["kpis"]
    assert (kpis["total"], kpis["with_value"], kpis["reaching_target"]) == (3, 3, 2)
    assert evidence["results"] == [
        {"type": "Arrests", "unit": "count", "count": 2, "quantity": "8.00", "validated": "5.00"},
        {"type": "Seizures", "unit": "kg", "count": 2, "quantity": "14.50", "validated": "10.50"},
    ]
    assert evidence["reports"] == {"due": 3, "on_time": 2, "late": 1, "missing": 0}
    assert evidence["funding"] == {"requested": "1400.00", "granted": "800.00", "spent": "300.00"}


def test_the_evidence_of_a_plan_goal_covers_the_actions_linked_to_it(cycle):
    evidence = _by_subject(_open(cycle["cycle"]))["goal 1"]
    assert evidence["actions"] == {"total": 1, "by_status": _statuses(ongoing=1)}
    assert [row["action"] for row in evidence["kpis"]["values"]] == ["A1", "A1"]
    assert evidence["kpis"]["reaching_target"] == 1
    assert evidence["reports"] == {"due": 2, "on_time": 1, "late": 1, "missing": 0}
    assert evidence["funding"] == {"requested": "1000.00", "granted": "800.00", "spent": "300.00"}


def test_the_evidence_of_a_chsg_without_actions_is_empty_but_complete(cycle):
    evidence = _by_subject(_open(cycle["cycle"]))["CHSG 2"]
    assert evidence["actions"]["total"] == 1  # A2
    other = CycleFactory(first_year=2030)
    MaspFactory(cycle=other)
    HorizontalGoalFactory(masp=other.masp, number=1)
    empty = _by_subject(_open(other))["CHSG 1"]
    assert empty["actions"] == {"total": 0, "by_status": _statuses()}
    assert empty["reports"] == {"due": 0, "on_time": 0, "late": 0, "missing": 0}
    assert empty["funding"] == {"requested": "0.00", "granted": "0.00", "spent": "0.00"}


def test_the_evidence_of_many_items_takes_as_many_queries_as_of_one(
    cycle, django_assert_num_queries
):
    assessment = _open(cycle["cycle"])
    items = list(AssessmentItem.objects.filter(assessment=assessment))
    assert len(items) == 5  # plans P and Q, CHSGs 1 and 2, goal G1 (plan R is a draft)
    (goal_item,) = [item for item in items if item.plan_goal_id]
    with django_assert_num_queries(8):
        compile_evidence([goal_item])
    with django_assert_num_queries(8):
        compile_evidence(items)


def test_an_adopted_assessment_keeps_its_evidence_when_the_plans_change_later(cycle):
    assessment = _open(cycle["cycle"])
    services.assessment_adopt(
        actor=holder_of(Role.SECRETARIAT), assessment=assessment, conclusions="On track."
    )
    before = _stored(assessment)
    action = cycle["a1"]
    action.status = "completed"
    action.save()
    OperationalActionFactory(plan=cycle["p"], code="A9", horizontal_goal=cycle["chsg1"])
    KpiFactory(action=action, target=Decimal("1"))
    items = list(AssessmentItem.objects.filter(assessment=assessment).select_related("assessment"))
    assert evidence_for(items) == before == _stored(assessment)
    assert compile_evidence(items) != before  # what a new assessment would show


def _stored(assessment) -> dict:
    return dict(AssessmentItem.objects.filter(assessment=assessment).values_list("pk", "evidence"))
