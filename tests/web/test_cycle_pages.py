"""The cycle list, the cycle page (steps and milestones, threats, priorities, MASP, assessments,
evaluation) and the priority page, each showing only what the user may see."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cycles.models import Milestone
from tests.factories import (
    HorizontalGoalFactory,
    MilestoneFactory,
    OperationalActionPlanFactory,
    PriorityFactory,
    RecommendationFactory,
    ThreatFactory,
)
from tests.pages import missing_from

pytestmark = pytest.mark.django_db


def cycle_page(client, cycle):
    return client.get(reverse("cycle-detail", args=[cycle.pk]))


def test_the_cycle_list_shows_the_cycles_the_user_takes_part_in(world, client_for):
    def names(role):
        response = client_for(world.users[role]).get(reverse("cycle-list"))
        assert response.status_code == 200
        return [cycle.name for cycle in response.context["page"].object_list]

    assert names("secretariat") == ["EMPACT 2026-2029", "EMPACT 2022-2025"]
    assert names("driver") == ["EMPACT 2022-2025"]


def test_the_cycle_page_shows_the_four_steps_with_the_state_of_each_milestone(world, client_for):
    Milestone.objects.create(
        cycle=world.cycle_a,
        kind="other",
        step=3,
        title="Reports in",
        due_date=datetime.date(2026, 12, 31),
    )
    Milestone.objects.create(
        cycle=world.cycle_a,
        kind="other",
        step=4,
        title="Evaluated",
        due_date=datetime.date(2025, 6, 1),
        done_date=datetime.date(2025, 5, 20),
    )

    response = cycle_page(client_for(world.users["driver"]), world.cycle_a)

    assert response.status_code == 200
    steps = response.context["overview"].steps
    assert [step.number for step in steps] == [1, 2, 3, 4]
    states = {item.milestone.title: item.status for step in steps for item in step.milestones}
    assert states == {"M": "overdue", "Reports in": "due", "Evaluated": "done"}
    page = response.content.decode()
    assert 'class="ecl-timeline' in page
    assert "Overdue" in page and "Due" in page and "Done" in page


def test_the_cycle_page_shows_threats_priorities_masp_and_evaluation(world, client_for):
    world.priority_a.threats.add(world.threat_a)

    response = cycle_page(client_for(world.users["driver"]), world.cycle_a)

    page = response.content.decode()
    assert "SOCTA a" in page and "T (new)" in page
    assert reverse("priority-detail", args=[world.priority_a.pk]) in page
    assert reverse("plan-detail", args=[world.p1.pk]) in page
    assert "MASP a" in page and "Picture" in page
    assert "Evaluation a" in page and "Recommendations of the evaluation" in page


def test_assessments_show_only_as_far_as_the_user_may_see_them(world, client_for):
    def kinds(role):
        overview = cycle_page(client_for(world.users[role]), world.cycle_a).context["overview"]
        return [assessment.kind for assessment in overview.assessments]

    assert kinds("secretariat") == ["final", "mid_term"]
    assert kinds("commission") == ["mid_term"]  # only adopted ones
    assert kinds("driver") == ["mid_term"]  # the draft final one rates another plan


def test_a_user_outside_the_cycle_gets_a_404(world, client_for):
    response = cycle_page(client_for(world.users["driver"]), world.cycle_b)

    assert response.status_code == 404


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(cycle, how_many: int) -> list[str]:
    """More of every list the cycle page shows; the texts by which the page shows them."""
    shown = []
    for _ in range(how_many):
        milestone = MilestoneFactory(cycle=cycle)
        threat = ThreatFactory(assessment=cycle.threat_assessments.first())
        priority = PriorityFactory(cycle=cycle, threats=[threat])
        plan = OperationalActionPlanFactory(priority=priority)
        goal = HorizontalGoalFactory(masp=cycle.masp)
        recommendation = RecommendationFactory(evaluation=cycle.evaluation)
        shown += [milestone.title, threat.title, priority.code, priority.title, plan.code]
        shown += [goal.title, recommendation.text]
    return shown


def test_the_cycle_page_runs_the_same_queries_for_1_and_30_rows(world, client_for):
    client = client_for(world.users["driver"])
    url = reverse("cycle-detail", args=[world.cycle_a.pk])
    client.get(url)  # warm up: session, content types
    one = _count_queries(client, url)
    added = _grow(world.cycle_a, 29)

    assert _count_queries(client, url) == one
    pages = client.get(url).content.decode() + client.get(f"{url}?page=2").content.decode()
    assert not missing_from(pages, added)


def test_the_cycle_page_shows_25_priorities_a_page_and_keeps_the_other_list_s_page(
    world, client_for
):
    client = client_for(world.users["secretariat"])
    url = reverse("cycle-detail", args=[world.cycle_a.pk])
    for _ in range(30):
        PriorityFactory(cycle=world.cycle_a)
    first = client.get(url)
    assert len(first.context["priorities_page"].object_list) == 25
    html = first.content.decode()
    assert 'aria-label="Pages of the crime priorities"' in html
    assert 'href="?page=2"' in html
    second = client.get(url, {"page": 2, "compliance_page": 1})
    assert second.context["priorities_page"].number == 2
    assert "?page=1&amp;compliance_page=1" in second.content.decode()  # back, keeping the other


def test_the_cycle_list_runs_the_same_queries_for_any_number_of_cycles(world, client_for):
    from cycles.models import Cycle

    client = client_for(world.users["secretariat"])
    url = reverse("cycle-list")
    client.get(url)
    few = _count_queries(client, url)
    Cycle.objects.bulk_create(Cycle(first_year=2030 + 4 * n, name=f"C{n}") for n in range(15))

    assert _count_queries(client, url) == few
    assert not missing_from(client.get(url).content.decode(), [f"C{n}" for n in range(15)])


def test_the_priority_page_shows_the_threats_it_answers_and_its_plans(world, client_for):
    world.priority_a.threats.add(world.threat_a)

    response = client_for(world.users["nec"]).get(
        reverse("priority-detail", args=[world.priority_a.pk])
    )

    assert response.status_code == 200
    assert [t.pk for t in response.context["threats"]] == [world.threat_a.pk]
    assert {p.code for p in response.context["plans"]} == {"p1", "p2"}
    page = response.content.decode()
    assert "<h1" in page and "Priority a" in page
    assert reverse("plan-detail", args=[world.p2.pk]) in page


# --- reporting compliance (issue 13) ------------------------------------------------------------


def _reporting_plans(cycle, how_many: int) -> list:
    """Approved plans of the cycle, each with two actions of one due period: one report handed in
    three days late, one never handed in."""
    from tests.factories import (
        OperationalActionFactory,
        ProgressReportFactory,
        ReportingPeriodFactory,
    )

    plans = []
    for _ in range(how_many):
        plan = OperationalActionPlanFactory(
            priority=PriorityFactory(cycle=cycle), status="approved"
        )
        late, missing = OperationalActionFactory(plan=plan), OperationalActionFactory(plan=plan)
        period = ReportingPeriodFactory(plan=plan)
        ProgressReportFactory(action=late, period=period, submitted=True, days_late=3)
        assert missing.plan == plan
        plans.append(plan)
    return plans


def _compliance_rows(response) -> dict[str, tuple[int, int, int, int]]:
    return {
        plan.code: (part.due, part.on_time, part.late, part.missing)
        for plan, part in response.context["compliance"].per_plan()
    }


def test_the_cycle_page_shows_each_plans_reports_on_time_late_and_missing(world, client_for):
    plan = _reporting_plans(world.cycle_a, 1)[0]
    response = cycle_page(client_for(world.users["secretariat"]), world.cycle_a)
    rows = _compliance_rows(response)
    assert rows[plan.code] == (2, 0, 1, 1)
    assert world.p1.code not in rows, "a draft plan owes no report"
    page = response.content.decode()
    assert "Reporting compliance per plan" in page  # the table's caption
    assert f'href="{reverse("plan-detail", args=[plan.pk])}"' in page


def test_the_cycle_pages_compliance_runs_the_same_queries_for_1_and_20_plans(world, client_for):
    client = client_for(world.users["driver"])
    url = reverse("cycle-detail", args=[world.cycle_a.pk])
    _reporting_plans(world.cycle_a, 1)
    client.get(url)  # warm up: session, content types
    one = _count_queries(client, url)
    plans = _reporting_plans(world.cycle_a, 19)

    assert _count_queries(client, url) == one
    response = client.get(url)
    rows = _compliance_rows(response)
    assert all(rows[plan.code] == (2, 0, 1, 1) for plan in plans)
    assert not missing_from(response.content.decode(), [plan.code for plan in plans])
