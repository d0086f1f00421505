"""``discussion.selectors``, the discussion part of the pages, the API and My work: comments are
read through the gate of their object."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.grants import grants_bulk_create
from actors.models import Role, RoleAssignment, User
from discussion import selectors
from discussion.models import Comment
from empact.access import can
from empact.models import Event
from tests.access.oracle import allowed
from tests.access.world import TODAY
from tests.api.conftest import client_for as api_client_for
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_each_role_reads_the_comments_on_the_objects_it_may_see(world):
    comments = list(Comment.objects.all())
    for role, user in world.users.items():
        seen = {c.pk for c in selectors.comments_visible_to(user)}
        expected = {c.pk for c in comments if allowed(user, "comment", "view", c, TODAY)}
        assert seen == expected, role


def test_the_api_lists_only_comments_on_visible_objects_and_filters_by_object(world):
    participant = world.users["participant"]
    client = api_client_for(participant)
    listed = {row["id"] for row in client.get("/api/v1/comments/").json()["results"]}
    assert world.comment_a2.pk in listed  # their action
    assert world.comment_r1.pk not in listed  # a report of another action
    only = client.get(f"/api/v1/comments/?object=action:{world.a2.pk}").json()["results"]
    assert [row["id"] for row in only] == [world.comment_a2.pk]
    assert only[0]["object"] == f"action:{world.a2.pk}"


def test_the_api_creates_a_comment_addressed_to_someone_and_refuses_a_blind_addressee(world):
    client = api_client_for(world.users["driver"])
    response = client.post(
        "/api/v1/comments/",
        {
            "object": f"plan:{world.p1.pk}",
            "body": "Ready?",
            "addressed_to": [world.users["secretariat"].pk],
        },
        "json",
    )
    assert response.status_code == 201, response.content
    assert Event.objects.filter(code="discussion.comment.added").exists()
    mine = api_client_for(world.users["secretariat"]).get("/api/v1/comments/?addressed_to=me")
    assert [row["id"] for row in mine.json()["results"]] == [response.json()["id"]]
    # The secretariat sees every person; the participant (of a2) cannot see the report of a1.
    refused = api_client_for(world.users["secretariat"]).post(
        "/api/v1/comments/",
        {
            "object": f"progress_report:{world.r1.pk}",
            "body": "Look",
            "addressed_to": [world.users["participant"].pk],
        },
        "json",
    )
    assert refused.status_code == 400, refused.content
    assert "cannot see this" in refused.content.decode()


def test_the_address_picker_offers_only_people_who_see_the_report(world):
    people = selectors.people_who_see(world.r1)
    for user in people:
        assert allowed(user, "progress_report", "view", world.r1, TODAY)
    assert world.users["action_leader"] in people
    assert world.users["participant"] not in people


def test_a_comment_posted_without_javascript_shows_on_the_plan_page(world, client_for):
    client = client_for(world.users["driver"])
    response = client.post(
        reverse("comment-add"), {"object": f"plan:{world.p1.pk}", "body": "Ping <b>x</b>"}
    )
    assert response.status_code == 302
    page = client.get(reverse("plan-detail", args=[world.p1.pk])).content.decode()
    assert "Ping &lt;b&gt;x&lt;/b&gt;" in page
    assert 'id="discussion"' in page


def test_addressing_someone_who_cannot_see_it_is_refused_in_the_page(world, client_for):
    client = client_for(world.users["action_leader"])
    response = client.post(
        reverse("comment-add"),
        {
            "object": f"progress_report:{world.r1.pk}",
            "body": "Look",
            "addressed_to": [world.users["participant"].pk],
        },
    )
    assert response.status_code == 200
    assert "only to people offered here" in response.content.decode()
    assert not Comment.objects.filter(body="Look").exists()


def test_my_work_shows_the_comments_addressed_to_me_and_my_returned_plans(world, client_for):
    driver = world.users["driver"]
    world.p1.status = "returned"
    world.p1.decision_comment = "Add a KPI to OA 1."
    world.p1.save()
    CommentFactory(
        object=world.a1,
        author=world.users["secretariat"],
        body="Over to you",
        addressed_to=[driver],
    )
    page = client_for(driver).get(reverse("home")).content.decode()
    assert "Comments addressed to you" in page
    assert "Over to you" in page
    assert "Plans returned by COSI" in page
    assert "Add a KPI to OA 1." in page


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_plan_page_and_my_work_run_the_same_queries_for_1_and_50_comments(world, client_for):
    driver = world.users["driver"]
    client = client_for(driver)
    urls = [reverse("plan-detail", args=[world.p1.pk]), reverse("home")]
    CommentFactory(object=world.p1, author=world.users["secretariat"], addressed_to=[driver])
    for url in urls:
        client.get(url)
    one = [_count(client, url) for url in urls]
    for _ in range(49):
        CommentFactory(object=world.p1, author=world.users["secretariat"], addressed_to=[driver])
    assert [_count(client, url) for url in urls] == one


def test_a_reference_that_is_not_an_object_is_a_clear_400_not_a_crash(world):
    client = api_client_for(world.users["driver"])
    for reference in ("plan:99999999999999999999", "plan:²", "nothing:1", "plan"):
        response = client.post("/api/v1/comments/", {"object": reference, "body": "x"}, "json")
        assert response.status_code == 400, (reference, response.content)
        listed = client.get("/api/v1/comments/", {"object": reference})
        assert listed.status_code == 200 and listed.json()["count"] == 0


def test_the_address_picker_answers_for_two_thousand_people_with_a_role_on_the_action(world):
    # A real EMPACT has thousands of people with roles: one question to the database for all of
    # them was refused by PostgreSQL, and the plan, action and report pages answered 500.
    crowd = User.objects.bulk_create(
        User(email=f"crowd-{number}@example.eu", password="!unusable", last_name="Crowd")
        for number in range(2000)
    )
    actions = [world.r1.action, world.a2]
    assignments = RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=person,
            role=Role.PARTICIPANT if number else Role.ACTION_LEADER,
            action=actions[min(number, 1)],
            starts_on=TODAY,
        )
        for number, person in enumerate(crowd)
    )
    grants_bulk_create(assignments, TODAY)
    people = selectors.people_who_see(world.r1)
    assert crowd[0] in people  # leads the report's action
    assert crowd[1] not in people  # takes part in another action only
    assert world.users["secretariat"] in people
    assert world.users["participant"] not in people


def test_the_address_picker_offers_exactly_the_people_the_gate_lets_see_each_object(world):
    people_with_a_role = User.objects.filter(
        is_active=True, pk__in=RoleAssignment.objects.values("user_id")
    )
    for obj in (world.p1, world.a2, world.r1):
        expected = {person.pk for person in people_with_a_role if can(person, "view", obj)}
        offered = {person.pk for person in selectors.people_who_see(obj)}
        assert offered == expected, obj
