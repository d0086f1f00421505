"""The comment form's address picker: the people of the discussion, and a search among the people
who may see the object, never the whole list (thousands of people may see a plan)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.grants import grants_bulk_create
from actors.models import Role, RoleAssignment, User
from discussion import commentables, selectors
from discussion.models import Comment
from empact.access import can
from tests.access.oracle import allowed
from tests.access.world import TODAY
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def _offered(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'name="addressed_to" value="(\d+)"', html)}


def _crowd(world, size: int, *, role=Role.PARTICIPANT, last_name="Crowd") -> list[User]:
    """``size`` people taking part in the report's action, each who may see the report."""
    people = User.objects.bulk_create(
        User(
            email=f"{last_name.lower()}-{number}@example.eu",
            password="!unusable",
            first_name=f"Person{number:03d}",
            last_name=last_name,
        )
        for number in range(size)
    )
    assignments = RoleAssignment.objects.bulk_create(
        RoleAssignment(user=person, role=role, action=world.r1.action, starts_on=TODAY)
        for person in people
    )
    grants_bulk_create(assignments, TODAY)
    return people


def test_the_comment_form_offers_the_people_of_the_discussion_not_everybody(world):
    driver, secretariat = world.users["driver"], world.users["secretariat"]
    CommentFactory(object=world.p1, author=secretariat, addressed_to=[world.users["commission"]])
    form = selectors.discussion_part(driver, world.p1).form
    offered = {pk for pk, _ in form.fields["addressed_to"].choices}
    assert offered == {
        person.pk
        for person in (world.users["administrator"], secretariat, world.users["commission"])
    }
    assert driver.pk not in offered  # nobody addresses themselves


def test_finding_people_offers_those_who_see_the_report_and_keeps_what_was_typed(world, client_for):
    crowd = _crowd(world, 3)
    leader = world.users["action_leader"]
    response = client_for(leader).post(
        reverse("comment-add"),
        {
            "object": f"progress_report:{world.r1.pk}",
            "body": "Half-written comment",
            "find": "crowd",
            "find_people": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Half-written comment" in html
    assert {person.pk for person in crowd} <= _offered(html)
    assert "3 people who match “crowd” are offered above." in html
    assert not Comment.objects.filter(body="Half-written comment").exists()


def test_a_search_never_offers_somebody_who_may_not_see_the_object(world, client_for):
    leader = world.users["action_leader"]
    response = client_for(leader).post(
        reverse("comment-add"),
        {"object": f"progress_report:{world.r1.pk}", "find": "tester", "find_people": "1"},
    )
    offered = _offered(response.content.decode())
    assert offered, "the search finds the testers who may see the report"
    for person in User.objects.filter(pk__in=offered):
        assert allowed(person, "progress_report", "view", world.r1, TODAY), person.email
    assert world.users["participant"].pk not in offered  # another action's participant


def test_a_search_that_finds_nobody_says_so(world, client_for):
    response = client_for(world.users["driver"]).post(
        reverse("comment-add"),
        {"object": f"plan:{world.p1.pk}", "find": "zzz-nobody", "find_people": "1"},
    )
    assert "Nobody who may see this page matches “zzz-nobody”." in response.content.decode()


def test_a_search_offers_at_most_twenty_and_says_to_type_more(world, client_for):
    crowd = {person.pk for person in _crowd(world, 30)}
    response = client_for(world.users["action_leader"]).post(
        reverse("comment-add"),
        {"object": f"progress_report:{world.r1.pk}", "find": "crowd", "find_people": "1"},
    )
    html = response.content.decode()
    assert len(_offered(html) & crowd) == selectors.FIND_LIMIT
    assert "type more of the name" in html


def test_the_people_ticked_stay_ticked_after_a_search(world, client_for):
    crowd = _crowd(world, 2)
    response = client_for(world.users["action_leader"]).post(
        reverse("comment-add"),
        {
            "object": f"progress_report:{world.r1.pk}",
            "addressed_to": [crowd[0].pk],
            "find": "secretariat",
            "find_people": "1",
        },
    )
    html = response.content.decode()
    assert {crowd[0].pk, world.users["secretariat"].pk} <= _offered(html)
    assert re.search(rf'value="{crowd[0].pk}"[^>]*checked', html)


def test_somebody_who_may_not_comment_finds_nobody(world, client_for):
    # Somebody who sees an object but may not comment on it learns nothing from a search.
    pairs = [
        (user, obj)
        for user in world.users.values()
        for obj in (world.p1, world.p2, world.a1, world.a2, world.a3, world.r1, world.r2)
        if can(user, "view", obj) and not can(user, selectors.comment_action(), obj)
    ]
    assert pairs, "the world has somebody who sees an object without the right to comment"
    for user, obj in pairs:
        response = client_for(user).post(
            reverse("comment-add"),
            {"object": commentables.reference(obj), "find": "tester", "find_people": "1"},
        )
        assert _offered(response.content.decode()) == set(), (user.email, obj)


def test_the_picker_asks_the_gate_in_one_query_whatever_the_sets_of_roles(world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.people_who_see(world.r1)
        return len(captured)

    before = queries()
    for number, role in enumerate((Role.CO_ACTION_LEADER, Role.ACTION_LEADER, Role.PARTICIPANT)):
        _crowd(world, 2, role=role, last_name=f"Set{number}")
        # people holding two roles at once: yet another set of roles
        RoleAssignment.objects.create(
            user=User.objects.get(email=f"set{number}-0@example.eu"),
            role=Role.PARTICIPANT if role != Role.PARTICIPANT else Role.CO_ACTION_LEADER,
            action=world.a1,
            starts_on=TODAY,
        )
    assert queries() == before
