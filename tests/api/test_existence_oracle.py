"""No existence oracle: a write the caller may not make gets the same answer whether or not a
row it would collide with exists (never 400 "already exists" against 403, never 500)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from oaps.models import Kpi, ProgressReport, ReportingPeriod
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def add_kpi(client, action, name: str):
    data = {"action": action.pk, "name": name, "unit": "number", "target": 5}
    return client.post("/api/v1/kpis/", data, format="json")


def test_adding_a_kpi_to_someone_elses_action_answers_the_same_whether_the_name_is_taken(world):
    leader = client_for(world.users["action_leader"])  # leads a1, not a3
    a3 = world.objects["a3"]
    taken = leader.post(
        "/api/v1/kpis/",
        {"action": a3.pk, "name": "Cases", "unit": "number", "target": 5},
        format="json",
    )
    free = leader.post(
        "/api/v1/kpis/",
        {"action": a3.pk, "name": "Unused", "unit": "number", "target": 5},
        format="json",
    )
    assert taken.status_code == free.status_code == 403, (taken.json(), free.json())
    assert Kpi.objects.filter(action=a3).count() == 1


def test_the_owner_of_the_scope_is_told_that_the_name_is_taken(world):
    leader = client_for(world.users["action_leader"])
    a1 = world.objects["a1"]
    taken = leader.post(
        "/api/v1/kpis/",
        {"action": a1.pk, "name": "Cases", "unit": "number", "target": 5},
        format="json",
    )
    assert taken.status_code == 400
    assert "already has a KPI with this name" in str(taken.json())


def _fresh_period(action) -> ReportingPeriod:
    year = action.plan.first_year
    return ReportingPeriod.objects.create(
        plan=action.plan,
        title="H2",
        start=datetime.date(year, 7, 1),
        end=datetime.date(year, 12, 31),
        deadline=datetime.date(year + 1, 1, 31),
    )


def test_starting_a_report_answers_the_same_for_a_period_with_a_report_you_cannot_see(world):
    """The participant of a2 sees action a1 but not its report r1."""
    participant = world.users["participant"]
    a1 = world.objects["a1"]
    assert not ProgressReport.objects.visible_to(participant, "view").filter(action=a1).exists()
    with_report, without = world.objects["p1_period"], _fresh_period(a1)
    api = client_for(participant)
    web = Client(raise_request_exception=False)
    web.force_login(participant)
    answers = []
    for period in (with_report, without):
        answers.append(
            (
                api.post(
                    "/api/v1/progress-reports/",
                    {"action": a1.pk, "period": period.pk, "narrative": "x"},
                    format="json",
                ).status_code,
                web.post(
                    reverse("action-report", args=[a1.pk]) + f"?period={period.pk}",
                    {"narrative": "x", "version": ""},
                ).status_code,
            )
        )
    assert answers[0] == answers[1] == (403, 403)
