"""COSI's review rounds in the API: opening a round, the delegations' positions (the country
implied), the closing date, COSI's decision on a plan and a plan's completeness; 403 for a role
that may not, 409 for a closed round or a wrong state, 412 for a stale version."""

from __future__ import annotations

import datetime

import pytest

from empact.api.views import etag_of
from empact.models import Event
from oaps.models import Kpi, OperationalActionPlan
from reviews.models import Position, ReviewRound

pytestmark = pytest.mark.django_db


def _submit(plan) -> None:
    OperationalActionPlan.objects.filter(pk=plan.pk).update(status="submitted")


@pytest.fixture
def review_round(world, api):
    _submit(world.p1)
    response = api("secretariat").post(
        "/api/v1/review-rounds/",
        {"plans": [world.p1.pk], "closes_on": "2026-12-15"},
        format="json",
    )
    assert response.status_code == 201, response.content
    return ReviewRound.objects.get(pk=response.json()["id"])


def _give(api, role, review_round, plan, position="agree", comment=""):
    return api(role).post(
        f"/api/v1/review-rounds/{review_round.pk}/positions/",
        {"plan": plan.pk, "position": position, "comment": comment},
        format="json",
    )


def test_the_secretariat_opens_a_round_and_the_event_is_written(world, review_round):
    assert review_round.cycle == world.cycle_a
    assert Event.objects.filter(code="reviews.round.opened", object_id=review_round.pk).exists()


def test_a_delegate_cannot_open_a_round(world, api):
    _submit(world.p1)
    response = api("cosi_delegate").post(
        "/api/v1/review-rounds/", {"plans": [world.p1.pk], "closes_on": "2026-12-15"}, "json"
    )
    assert response.status_code == 403


def test_a_round_of_a_draft_plan_is_refused_naming_the_field(world, api):
    response = api("secretariat").post(
        "/api/v1/review-rounds/", {"plans": [world.p3.pk], "closes_on": "2026-12-15"}, "json"
    )
    assert response.status_code == 400
    assert "plans" in response.json()["fields"]


def test_a_delegate_gives_their_countrys_position_read_back_in_the_round(world, api, review_round):
    response = _give(api, "cosi_delegate", review_round, world.p1, "agree_with_comments", "Ok")
    assert response.status_code == 200, response.content
    [position] = response.json()["positions"]
    assert position["country"]["id"] == world.nl.pk
    assert position["position"] == "agree_with_comments"
    detail = api("secretariat").get(f"/api/v1/review-rounds/{review_round.pk}/").json()
    assert [p["country"]["id"] for p in detail["positions"]] == [world.nl.pk]


def test_a_second_answer_changes_the_position_and_adds_none(world, api, review_round):
    _give(api, "cosi_delegate", review_round, world.p1)
    _give(api, "cosi_delegate", review_round, world.p1, "cannot_agree_yet", "KPIs")
    [position] = Position.objects.filter(round=review_round)
    changed = Event.objects.filter(code="reviews.position.changed", object_id=position.pk)
    assert changed.count() == 1


def test_a_position_without_its_comment_is_400(world, api, review_round):
    assert (
        _give(api, "cosi_delegate", review_round, world.p1, "cannot_agree_yet").status_code == 400
    )


@pytest.mark.parametrize("role", ["secretariat", "driver", "nec", "europol"])
def test_only_a_delegate_gives_a_position(world, api, review_round, role):
    assert _give(api, role, review_round, world.p1).status_code == 403


def test_a_position_after_the_closing_date_is_409(world, api, review_round, freeze_clock):
    freeze_clock(datetime.date(2026, 12, 16))
    response = _give(api, "cosi_delegate", review_round, world.p1)
    assert response.status_code == 409
    assert "closed on" in response.json()["message"]
    assert not Position.objects.filter(round=review_round).exists()


def test_closing_a_round_twice_is_409_and_a_delegate_may_not_close_it(world, api, review_round):
    url = f"/api/v1/review-rounds/{review_round.pk}/close/"
    assert api("cosi_delegate").post(url).status_code == 403
    assert api("secretariat").post(url).status_code == 200
    assert api("secretariat").post(url).status_code == 409
    assert _give(api, "cosi_delegate", review_round, world.p1).status_code == 409


def test_a_stale_version_of_the_round_is_412(world, api, review_round):
    etag = etag_of(review_round)
    client = api("secretariat")
    url = f"/api/v1/review-rounds/{review_round.pk}/"
    assert client.patch(url, {"title": "First"}, "json", HTTP_IF_MATCH=etag).status_code == 200
    assert client.patch(url, {"title": "Second"}, "json", HTTP_IF_MATCH=etag).status_code == 412


def test_cosi_approves_a_plan_with_the_day_and_the_meeting(world, api, review_round):
    response = api("secretariat").post(
        f"/api/v1/plans/{world.p1.pk}/approve/",
        {"approved_on": "2026-11-26", "meeting_reference": "CM 5/26"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["approved_on"], body["meeting_reference"]) == (
        "approved",
        "2026-11-26",
        "CM 5/26",
    )


def test_an_approval_without_its_meeting_is_400(world, api, review_round):
    response = api("secretariat").post(
        f"/api/v1/plans/{world.p1.pk}/approve/", {"approved_on": "2026-11-26"}, format="json"
    )
    assert response.status_code == 400


def test_the_completeness_of_a_plan(world, api):
    url = f"/api/v1/plans/{world.p1.pk}/completeness/"
    assert api("driver").get(url).json() == {"complete": True, "missing": []}
    Kpi.objects.filter(action=world.a2).delete()
    body = api("driver").get(url).json()
    assert body["complete"] is False
    assert [(m["code"], m["object"]) for m in body["missing"]] == [
        ("action_without_kpi", {"type": "action", "id": world.a2.pk})
    ]


def test_submitting_an_incomplete_plan_is_409_with_the_list(world, api):
    Kpi.objects.filter(action=world.a2).delete()
    response = api("driver").post(f"/api/v1/plans/{world.p1.pk}/submit/")
    assert response.status_code == 409
    assert response.json()["missing"][0]["url"] == f"/actions/{world.a2.pk}/edit/"
