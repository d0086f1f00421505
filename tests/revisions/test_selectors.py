"""The reads of revisions: a cycle's list, and the adopted revisions shown on the priority and
plan pages, each only what the user may see and in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Role
from cycles.models import ThreatAssessment
from revisions import selectors
from tests.factories import (
    CycleFactory,
    OperationalActionPlanFactory,
    PlanGoalFactory,
    PriorityFactory,
    RevisionFactory,
    ThreatAssessmentFactory,
    ThreatFactory,
)
from tests.writes import holder_of

pytestmark = pytest.mark.django_db

ADOPTED = {"status": "adopted", "decided_on": datetime.date(2026, 5, 4)}


def test_a_cycles_list_holds_its_own_revisions_only():
    mine = RevisionFactory()
    RevisionFactory(priority=PriorityFactory(cycle=CycleFactory(first_year=2026)))
    rows = list(selectors.revisions_of_cycle(holder_of(Role.SECRETARIAT), mine.cycle))
    assert rows == [mine]


def test_the_priority_page_reads_its_adopted_revisions_in_one_query():
    priority = PriorityFactory()
    adopted = [RevisionFactory(priority=priority, **ADOPTED) for _ in range(3)]
    RevisionFactory(priority=priority)  # still proposed: not shown
    user = holder_of(Role.SECRETARIAT)
    selectors.adopted_revisions_of_priority(user, priority)  # the user's roles, loaded once
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.adopted_revisions_of_priority(user, priority)
        [(str(row), row.comparison()) for row in rows]
    assert rows == adopted
    assert len(queries) == 1


def test_the_plan_page_reads_its_goals_adopted_revisions_in_one_query():
    plan = OperationalActionPlanFactory()
    goals = [PlanGoalFactory(plan=plan) for _ in range(2)]
    adopted = [RevisionFactory(plan_goal=goal, **ADOPTED) for goal in goals]
    RevisionFactory(plan_goal=PlanGoalFactory(), **ADOPTED)  # another plan's goal
    user = holder_of(Role.SECRETARIAT)
    selectors.adopted_revisions_of_plan_goals(user, plan)  # the user's roles, loaded once
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.adopted_revisions_of_plan_goals(user, plan)
        [(str(row), row.comparison()) for row in rows]
    assert rows == adopted
    assert len(queries) == 1


def test_the_threats_offered_are_those_of_the_cycles_interim_report():
    cycle = CycleFactory()
    interim = ThreatAssessmentFactory(cycle=cycle, kind=ThreatAssessment.Kind.INTERIM_REPORT)
    answered = ThreatFactory(assessment=interim)
    ThreatFactory(assessment=ThreatAssessmentFactory(cycle=cycle))  # the SOCTA's
    assert list(selectors.interim_threats(holder_of(Role.SECRETARIAT), cycle)) == [answered]
