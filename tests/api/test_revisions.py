"""Revisions in the API: proposing one (the cycle derived, threats of other reports refused),
COSI's adoption rewording the priority or goal with before and after, a rejection with its
note; 403 for a role that may not, 409 once decided."""

from __future__ import annotations

import pytest

from empact.models import Event
from oaps.models import PlanGoal
from priorities.models import Priority
from revisions.models import Revision

pytestmark = pytest.mark.django_db


def test_the_secretariat_proposes_a_revision_of_a_priority_answering_the_interim_report(world, api):
    response = api("secretariat").post(
        "/api/v1/revisions/",
        {
            "priority": world.priority_b.pk,
            "reason": "A new threat.",
            "proposed": {"title": "Priority b, wider"},
            "threats": [],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["cycle"]["id"], body["status"], body["before"]) == (
        world.cycle_b.pk,
        "proposed",
        None,
    )


def test_a_threat_of_the_socta_is_refused_naming_the_field(world, api):
    response = api("secretariat").post(
        "/api/v1/revisions/",
        {
            "priority": world.priority_a.pk,
            "reason": "A new threat.",
            "proposed": {"title": "Priority a, wider"},
            "threats": [world.threat_a.pk],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "threats" in str(response.json())


def test_a_driver_proposes_for_their_own_plans_goal_but_not_for_a_priority(world, api):
    driver = api("driver")
    goal = driver.post(
        "/api/v1/revisions/",
        {"plan_goal": world.p1_goal.pk, "reason": "R", "proposed": {"title": "Goal, sharper"}},
        format="json",
    )
    assert goal.status_code == 201, goal.content
    priority = driver.post(
        "/api/v1/revisions/",
        {"priority": world.priority_a.pk, "reason": "R", "proposed": {"title": "Other"}},
        format="json",
    )
    assert priority.status_code == 403


def test_adopting_through_the_api_rewords_the_priority_and_returns_before_and_after(world, api):
    revision = world.revision_priority_a
    response = api("secretariat").post(
        f"/api/v1/revisions/{revision.pk}/adopt/",
        {"decided_on": "2026-06-01", "note": "Agreed by COSI."},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "adopted"
    assert body["before"]["title"] == "Priority a"
    assert body["after"]["title"] == "Priority a revised"
    assert Priority.objects.get(pk=world.priority_a.pk).title == "Priority a revised"
    assert Event.objects.filter(code="priorities.priority.revised").count() == 1


def test_a_delegate_cannot_adopt_and_a_decided_revision_answers_409(world, api):
    revision = world.revision_p1_goal
    assert (
        api("cosi_delegate")
        .post(f"/api/v1/revisions/{revision.pk}/adopt/", {}, format="json")
        .status_code
        == 403
    )
    adopted = world.revision_p2_goal_adopted
    response = api("secretariat").post(
        f"/api/v1/revisions/{adopted.pk}/reject/", {"note": "No"}, format="json"
    )
    assert response.status_code == 409


def test_rejecting_needs_a_note_and_changes_nothing(world, api):
    revision = world.revision_p1_goal
    secretariat = api("secretariat")
    assert (
        secretariat.post(f"/api/v1/revisions/{revision.pk}/reject/", {}, format="json").status_code
        == 409
    )
    response = secretariat.post(
        f"/api/v1/revisions/{revision.pk}/reject/", {"note": "Not needed."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert Revision.objects.get(pk=revision.pk).status == "rejected"
    assert PlanGoal.objects.get(pk=world.p1_goal.pk).title == "Goal"


def test_the_status_cannot_be_written_through_the_api(world, api):
    revision = world.revision_priority_a
    client = api("secretariat")
    url = f"/api/v1/revisions/{revision.pk}/"
    etag = client.get(url)["ETag"]
    response = client.patch(url, {"status": "adopted"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 403
    assert Revision.objects.get(pk=revision.pk).status == "proposed"
