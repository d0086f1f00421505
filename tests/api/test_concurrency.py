"""No lost updates: every object carries an ETag; changes need If-Match (428 without, 412 stale)."""

import pytest

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def _plan_url(world) -> str:
    return f"/api/v1/plans/{world.p1.pk}/"


def test_every_object_answer_carries_its_etag(world, api):
    response = api("driver").get(_plan_url(world))
    assert response.status_code == 200
    assert response["ETag"].startswith(f'"{world.p1.pk}-')


def test_a_change_without_if_match_is_refused_with_428(world, api):
    response = api("driver").patch(_plan_url(world), {"title": "Renamed"}, format="json")
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    world.p1.refresh_from_db()
    assert world.p1.title == "p1"


def test_a_deletion_without_if_match_is_refused_with_428(world, api):
    response = api("secretariat").delete(_plan_url(world))
    assert response.status_code == 428


def test_of_two_clients_editing_the_same_plan_the_second_is_refused_with_the_current_version(
    world,
):
    first, second = client_for(world.users["driver"]), client_for(world.users["driver"])
    etag = first.get(_plan_url(world))["ETag"]
    assert second.get(_plan_url(world))["ETag"] == etag

    saved = first.patch(_plan_url(world), {"title": "First"}, format="json", HTTP_IF_MATCH=etag)
    refused = second.patch(_plan_url(world), {"title": "Second"}, format="json", HTTP_IF_MATCH=etag)

    assert saved.status_code == 200
    assert refused.status_code == 412
    body = refused.json()
    assert body["code"] == "precondition_failed"
    assert body["current_version"] == saved["ETag"] != etag
    assert body["current"]["title"] == "First"
    world.p1.refresh_from_db()
    assert world.p1.title == "First"


def test_a_stale_etag_refuses_a_deletion_too(world, api):
    client = api("secretariat")
    etag = client.get(_plan_url(world))["ETag"]
    api("driver").patch(_plan_url(world), {"title": "Changed"}, format="json", HTTP_IF_MATCH=etag)
    assert client.delete(_plan_url(world), HTTP_IF_MATCH=etag).status_code == 412


def test_a_weakened_etag_from_a_proxy_still_matches(world, api):
    client = api("driver")
    etag = client.get(_plan_url(world))["ETag"]
    response = client.patch(
        _plan_url(world), {"title": "Via proxy"}, format="json", HTTP_IF_MATCH=f"W/{etag}"
    )
    assert response.status_code == 200


def test_if_match_star_is_not_a_version(world, api):
    response = api("driver").patch(
        _plan_url(world), {"title": "Blind"}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 428


def test_a_workflow_step_checks_if_match_when_it_is_sent(world, api):
    client = api("driver")
    stale = client.get(_plan_url(world))["ETag"]
    client.patch(_plan_url(world), {"title": "Edited"}, format="json", HTTP_IF_MATCH=stale)
    response = client.post(f"{_plan_url(world)}submit/", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    world.p1.refresh_from_db()
    assert world.p1.status == "draft"


def test_a_change_records_the_acting_user_in_the_history(world, api):
    client = api("driver")
    etag = client.get(_plan_url(world))["ETag"]
    client.patch(_plan_url(world), {"title": "Audited"}, format="json", HTTP_IF_MATCH=etag)
    record = world.p1.history.first()
    assert record.history_user == world.users["driver"]
    assert record.history_change_reason == "oaps.plan.changed"


def test_the_generic_write_path_records_the_acting_user_too(world, api):
    client = api("secretariat")
    url = f"/api/v1/milestones/{world.milestone_a.pk}/"
    etag = client.get(url)["ETag"]
    assert (
        client.patch(url, {"title": "Renamed"}, format="json", HTTP_IF_MATCH=etag).status_code
        == 200
    )
    assert world.milestone_a.history.first().history_user == world.users["secretariat"]


def test_two_changes_in_one_frozen_instant_give_two_versions(world, api):
    """The clock stands still in these tests: each save still moves the version forward."""
    client = api("driver")
    first = client.get(_plan_url(world))["ETag"]
    second = client.patch(_plan_url(world), {"title": "Once"}, format="json", HTTP_IF_MATCH=first)[
        "ETag"
    ]
    third = client.patch(_plan_url(world), {"title": "Twice"}, format="json", HTTP_IF_MATCH=second)[
        "ETag"
    ]
    assert len({first, second, third}) == 3
    stale = client.patch(_plan_url(world), {"title": "Lost"}, format="json", HTTP_IF_MATCH=second)
    assert stale.status_code == 412
