"""The API of versions, amendments and the implementation status: what a driver, the secretariat
and a leader send, and the 403/409/412 answers. On the world: p2 approved with version 1 in force
and a draft amendment proposing a new target for a3's KPI (10 to 20, "More cases expected")."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oaps import services
from oaps.models import Kpi, OperationalAction, PlanAmendment, PlanVersion
from tests.factories import PlanVersionFactory

pytestmark = pytest.mark.django_db


def _approve_world_amendment(world, api) -> None:
    assert (
        api("co_driver")
        .post(f"/api/v1/plan-amendments/{world.p2_amendment.pk}/submit/")
        .status_code
        == 200
    )
    response = api("secretariat").post(
        f"/api/v1/plan-amendments/{world.p2_amendment.pk}/approve/",
        {"decided_on": "2026-11-20", "meeting_reference": "COSI 2026/11"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"


def test_a_co_driver_opens_an_amendment_with_a_reason(world, api):
    services.amendment_withdraw(actor=world.users["co_driver"], amendment=world.p2_amendment)
    response = api("co_driver").post(
        f"/api/v1/plans/{world.p2.pk}/amend/", {"reason": "New threat"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert (response.json()["number"], response.json()["status"]) == (2, "draft")


def test_a_second_open_amendment_is_409(world, api):
    response = api("co_driver").post(
        f"/api/v1/plans/{world.p2.pk}/amend/", {"reason": "Again"}, format="json"
    )
    assert response.status_code == 409
    assert PlanAmendment.objects.filter(plan=world.p2).count() == 1


def test_amending_a_draft_plan_is_409(world, api):
    response = api("driver").post(
        f"/api/v1/plans/{world.p1.pk}/amend/", {"reason": "Why"}, format="json"
    )
    assert response.status_code == 409


def test_amending_a_plan_one_does_not_drive_is_403(world, api):
    response = api("secretariat").post(
        f"/api/v1/plans/{world.p2.pk}/amend/", {"reason": "Why"}, format="json"
    )
    assert response.status_code == 403


def test_a_kpi_target_changed_without_a_reason_is_refused_next_to_the_reason(world, api):
    services.amendment_change_delete(actor=world.users["co_driver"], change=world.p2_change)
    response = api("co_driver").post(
        "/api/v1/amendment-changes/",
        {
            "amendment": world.p2_amendment.pk,
            "kind": "change",
            "target_type": "kpi",
            "target_id": world.a3_kpi.pk,
            "field": "target",
            "value": "30",
        },
        format="json",
    )
    assert response.status_code == 400 and "reason" in response.json()["fields"]


def test_others_see_the_approved_values_while_the_amendment_is_open(world, api):
    for role in ("cosi_delegate", "co_action_leader", "co_driver"):
        body = api(role).get(f"/api/v1/kpis/{world.a3_kpi.pk}/").json()
        assert body["target"] == "10.00"


def test_the_versions_and_the_comparison_show_the_new_target_with_its_reason(world, api):
    _approve_world_amendment(world, api)
    versions = api("cosi_delegate").get(f"/api/v1/plans/{world.p2.pk}/versions/").json()
    assert [v["number"] for v in versions] == [2, 1] and "snapshot" not in versions[0]
    body = api("cosi_delegate").get(f"/api/v1/plans/{world.p2.pk}/compare/?a=1&b=2").json()
    (action,) = body["actions"]
    assert action["change"] == "changed" and action["id"] == world.a3.pk
    (kpi,) = action["kpis"]
    (target,) = kpi["fields"]
    assert (target["field"], target["before"], target["after"], target["reason"]) == (
        "target",
        "10.00",
        "20.00",
        "More cases expected",
    )
    assert Kpi.objects.get(pk=world.a3_kpi.pk).target == 20


def test_the_version_in_force_compares_with_the_open_amendments_draft(world, api):
    body = api("secretariat").get(f"/api/v1/plans/{world.p2.pk}/compare/?a=1&b=draft").json()
    assert body["b"] == "Amendment 1 (draft)"
    target = body["actions"][0]["kpis"][0]["fields"][0]
    assert (target["after"], target["reason"]) == ("20.00", "More cases expected")


def test_an_unknown_version_is_400(world, api):
    response = api("secretariat").get(f"/api/v1/plans/{world.p2.pk}/compare/?a=1&b=7")
    assert response.status_code == 400


def test_approving_a_draft_amendment_is_409_and_by_a_driver_403(world, api):
    url = f"/api/v1/plan-amendments/{world.p2_amendment.pk}/approve/"
    assert api("secretariat").post(url, {}, format="json").status_code == 409
    assert api("co_driver").post(url, {}, format="json").status_code == 403


def test_a_step_with_a_stale_version_is_412(world, api):
    client = api("co_driver")
    url = f"/api/v1/plan-amendments/{world.p2_amendment.pk}/"
    etag = client.get(url)["ETag"]
    services.amendment_change_save(
        actor=world.users["co_driver"],
        amendment=world.p2_amendment,
        target_type="kpi",
        target_id=world.a3_kpi.pk,
        field="definition",
        value="x",
    )
    PlanAmendment.objects.filter(pk=world.p2_amendment.pk).update(reason="Changed meanwhile")
    world.p2_amendment.refresh_from_db()
    world.p2_amendment.save()  # a new version token
    response = client.post(f"{url}submit/", HTTP_IF_MATCH=etag)
    assert response.status_code == 412


def test_a_leader_moves_the_status_of_an_action_of_an_approved_plan(world, api):
    url = f"/api/v1/actions/{world.a3.pk}/status/"
    client = api("co_action_leader")
    assert client.post(url, {"step": "start"}, format="json").json()["status"] == "ongoing"
    response = client.post(url, {"step": "delay"}, format="json")
    assert response.status_code == 409
    response = client.post(url, {"step": "delay", "reason": "Court"}, format="json")
    assert response.json()["status"] == "delayed"
    assert OperationalAction.objects.get(pk=world.a3.pk).status_reason == "Court"


def test_the_status_of_an_action_of_a_draft_plan_is_409_and_for_a_participant_403(world, api):
    assert (
        api("action_leader")
        .post(f"/api/v1/actions/{world.a1.pk}/status/", {"step": "start"}, format="json")
        .status_code
        == 409
    )
    assert (
        api("participant")
        .post(f"/api/v1/actions/{world.a2.pk}/status/", {"step": "start"}, format="json")
        .status_code
        == 403
    )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_version_list_and_the_comparison_run_as_many_queries_for_many_versions(world, api):
    client = api("cosi_delegate")
    versions = f"/api/v1/plans/{world.p2.pk}/versions/"
    compare = f"/api/v1/plans/{world.p2.pk}/compare/?a=1&b=draft"
    client.get(versions)
    one = (_queries(client, versions), _queries(client, compare))
    for number in range(2, 30):
        PlanVersionFactory(plan=world.p2, number=number)
    assert PlanVersion.objects.filter(plan=world.p2).count() == 29
    assert (_queries(client, versions), _queries(client, compare)) == one
