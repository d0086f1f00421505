"""The home page, "my work": each role sees what needs its attention, and only that."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.grants import sync_user_grants
from actors.models import Role, RoleAssignment
from oaps.models import OperationalActionPlan, Participation, ProgressReport, ReportingPeriod
from tests.access.world import START, TODAY
from tests.factories import (
    MilestoneFactory,
    OperationalActionFactory,
    ProgressReportFactory,
    UserFactory,
)
from tests.pages import missing_from
from workspace import my_work

pytestmark = pytest.mark.django_db


def _home(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def test_the_action_leader_sees_the_overdue_report_of_their_action(world, client_for):
    work = _home(client_for(world.users["action_leader"])).context["work"]

    due = [(d.action, d.period, d.report, d.overdue) for d in work.reports_due]
    assert due == [(world.a1, world.p1_period, world.r1, True)]
    assert list(work.actions) == [world.a1]


def test_a_report_due_soon_is_listed_and_a_later_one_is_not(world, client_for):
    soon = ReportingPeriod.objects.create(
        plan=world.p1,
        title="Due soon",
        start=datetime.date(2024, 7, 1),
        end=datetime.date(2024, 11, 30),
        deadline=TODAY + datetime.timedelta(days=20),
    )
    ReportingPeriod.objects.create(
        plan=world.p1,
        title="Due later",
        start=datetime.date(2024, 7, 1),
        end=datetime.date(2024, 11, 30),
        deadline=TODAY + datetime.timedelta(days=90),
    )

    work = my_work.my_work(world.users["action_leader"])

    periods = {d.period: d for d in work.reports_due}
    assert set(periods) == {world.p1_period, soon}
    assert not periods[soon].overdue
    assert periods[soon].url == f"{reverse('action-report', args=[world.a1.pk])}?period={soon.pk}"


def test_a_submitted_report_is_no_longer_due(world):
    ProgressReport.objects.filter(pk=world.r1.pk).update(
        status="submitted", submitted_at=datetime.datetime(2024, 7, 30, tzinfo=datetime.UTC)
    )
    assert my_work.reports_due(world.users["action_leader"]) == []


def test_a_closed_plan_owes_no_reports(world):
    OperationalActionPlan.objects.filter(pk=world.p1.pk).update(status="closed")
    assert my_work.reports_due(world.users["action_leader"]) == []


def test_the_driver_sees_the_submitted_reports_of_their_plan_to_review(world, client_for):
    response = _home(client_for(world.users["driver"]))

    work = response.context["work"]
    assert work.reports_to_review.items == [world.r2]
    assert work.reports_due is None
    assert reverse("report-edit", args=[world.r2.pk]) in response.content.decode()


def test_the_co_driver_of_another_plan_sees_no_report_to_review(world):
    work = my_work.my_work(world.users["co_driver"])
    assert work.reports_to_review.count == 0


def test_the_secretariat_sees_the_plans_submitted_to_cosi(world, client_for):
    OperationalActionPlan.objects.filter(pk=world.p3.pk).update(status="submitted")

    work = _home(client_for(world.users["secretariat"])).context["work"]

    assert work.plans_to_decide.items == [world.p3]
    assert work.reports_to_review is None


def test_the_nec_sees_the_pending_participations_of_their_country(world, client_for):
    pending = Participation.objects.create(action=world.a2, country=world.be)
    Participation.objects.create(action=world.a4, organisation=world.org_be)
    other = Participation.objects.create(action=world.a3, country=world.nl)

    response = _home(client_for(world.users["nec"]))

    work = response.context["work"]
    assert pending in work.participations_to_confirm.items
    assert other not in work.participations_to_confirm.items
    assert work.participations_to_confirm.count == 2
    assert [(c.country, c.pending) for c in work.countries] == [(world.be, 2)]
    assert reverse("country-detail", args=[world.be.pk]) in response.content.decode()


def test_upcoming_milestones_are_those_of_the_next_60_days_in_the_users_cycles(world):
    soon = MilestoneFactory(cycle=world.cycle_a, due_date=TODAY + datetime.timedelta(days=10))
    MilestoneFactory(cycle=world.cycle_a, due_date=TODAY + datetime.timedelta(days=61))
    MilestoneFactory(
        cycle=world.cycle_a, due_date=TODAY + datetime.timedelta(days=5), done_date=TODAY
    )
    other_cycle = MilestoneFactory(
        cycle=world.cycle_b, due_date=TODAY + datetime.timedelta(days=10)
    )

    driver_sees = my_work.upcoming_milestones(world.users["driver"]).items
    secretariat_sees = my_work.upcoming_milestones(world.users["secretariat"]).items

    assert driver_sees == [soon]
    assert set(secretariat_sees) == {soon, other_cycle}


def test_a_user_without_a_role_is_told_how_to_get_one(client_for):
    response = _home(client_for(UserFactory()))
    assert "You hold no role in EMPACT yet" in response.content.decode()


def test_the_home_page_runs_a_constant_number_of_queries(world, client_for):
    leader = world.users["action_leader"]
    client = client_for(leader)
    client.get(reverse("home"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _home(client)
        return len(queries)

    few = count()
    added = []
    for index in range(4):
        action = OperationalActionFactory(plan=world.p1, code=f"OA 9.{index}")
        RoleAssignment.objects.create(
            user=leader, role=Role.ACTION_LEADER, action=action, starts_on=START
        )
        ProgressReportFactory(action=action, period=world.p1_period)
        milestone = MilestoneFactory(
            cycle=world.cycle_a, due_date=TODAY + datetime.timedelta(days=index)
        )
        added += [f"{world.p1.code} OA 9.{index}: {action.title}", milestone.title]
    sync_user_grants(leader, TODAY)

    assert len(my_work.my_work(leader).reports_due) == 5
    assert count() == few
    page = _home(client).content.decode()
    assert not missing_from(page, added)
    assert page.count('data-ecl-table-header="Report"') == 5  # a row for each report due
