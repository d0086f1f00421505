"""The API steps of the evaluation's follow-up, the next cycle and a plan copied from another:
each a POST on the object, the right checked, a clear 400 on bad input."""

import pytest

from actors.grants import sync_user_grants
from actors.models import Role
from cycles.models import Cycle, Recommendation
from oaps.models import OperationalActionPlan
from tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db


def drives_in_cycle_b(user, plan) -> None:
    """The user also drives a plan of cycle B, so that they see its priorities."""
    RoleAssignmentFactory(user=user, role=Role.DRIVER, plan=plan)
    sync_user_grants(user)


def test_the_secretariat_records_a_follow_up_through_the_api(world, api):
    url = f"/api/v1/recommendations/{world.recommendation_a.pk}/follow-up/"
    response = api("secretariat").post(
        url, {"status": "in_progress", "note": "In the new MASP"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert (response.json()["follow_up_status"], response.json()["follow_up_note"]) == (
        "in_progress",
        "In the new MASP",
    )


def test_not_taken_up_without_reason_is_a_400_on_the_reason(world, api):
    url = f"/api/v1/recommendations/{world.recommendation_a.pk}/follow-up/"
    response = api("commission").post(url, {"status": "not_taken_up"}, format="json")

    assert response.status_code == 400
    assert "reason" in response.content.decode()
    stored = Recommendation.objects.get(pk=world.recommendation_a.pk)
    assert stored.follow_up_status == "planned"


def test_a_delegate_cannot_follow_a_recommendation_up(world, api):
    url = f"/api/v1/recommendations/{world.recommendation_a.pk}/follow-up/"
    response = api("cosi_delegate").post(url, {"status": "done"}, format="json")

    assert response.status_code == 403


def test_the_follow_up_status_is_not_patched(world, api):
    client = api("commission")
    url = f"/api/v1/recommendations/{world.recommendation_a.pk}/"
    etag = client.get(url)["ETag"]
    response = client.patch(url, {"follow_up_status": "done"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code in (400, 403)
    assert Recommendation.objects.get(pk=world.recommendation_a.pk).follow_up_status == "planned"


def test_the_secretariat_starts_the_next_cycle_through_the_api(world, api):
    response = api("secretariat").post(
        f"/api/v1/cycles/{world.cycle_b.pk}/next/", {}, format="json"
    )

    assert response.status_code == 201, response.content
    assert response.json()["first_year"] == 2030
    assert Cycle.objects.get(first_year=2030).masp.horizontal_goals.count() == 1


def test_starting_a_next_cycle_that_exists_is_a_409_saying_so(world, api):
    response = api("secretariat").post(
        f"/api/v1/cycles/{world.cycle_a.pk}/next/", {}, format="json"
    )

    assert response.status_code == 409
    assert "EMPACT 2026-2029" in response.content.decode()


def test_the_commission_cannot_start_the_next_cycle(world, api):
    response = api("commission").post(f"/api/v1/cycles/{world.cycle_b.pk}/next/", {}, format="json")

    assert response.status_code == 403


def test_a_driver_copies_their_plan_into_the_next_cycle_through_the_api(world, api):
    drives_in_cycle_b(world.users["driver"], world.p3)
    # priority B as the same priority as A in the later cycle: the line of the driver's plan
    type(world.priority_b).objects.filter(pk=world.priority_b.pk).update(code=world.priority_a.code)
    response = api("driver").post(
        f"/api/v1/plans/{world.p1.pk}/copy-from/",
        {"priority": world.priority_b.pk},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["first_year"]) == ("draft", 2026)
    assert OperationalActionPlan.objects.get(pk=body["id"]).actions.count() == 2


def test_a_delegate_cannot_copy_a_plan(world, api):
    response = api("cosi_delegate").post(
        f"/api/v1/plans/{world.p1.pk}/copy-from/", {"priority": world.priority_b.pk}, format="json"
    )

    assert response.status_code == 403
