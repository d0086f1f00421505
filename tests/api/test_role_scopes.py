"""Finding 2 of issue 9, through the API: nobody grants themselves access by assigning a role.

The NEC is Belgian; Belgium has no part in action a2 (led by the Netherlands, with Germany).
"""

import pytest

from actors.models import RoleAssignment
from tests.access.world import TODAY

pytestmark = pytest.mark.django_db


def _reports_of(client, action) -> int:
    response = client.get("/api/v1/progress-reports/?page_size=500&fields=id,action")
    assert response.status_code == 200
    return sum(1 for row in response.json()["results"] if row["action"]["id"] == action.pk)


def test_a_nec_cannot_make_themselves_participant_of_an_action_outside_their_country(world, api):
    nec, client = world.users["nec"], api("nec")
    assert _reports_of(client, world.a2) == 0
    response = client.post(
        "/api/v1/role-assignments/",
        {"user": nec.pk, "role": "participant", "action": world.a2.pk, "starts_on": str(TODAY)},
        format="json",
    )
    assert response.status_code == 403, response.content
    assert not RoleAssignment.objects.filter(user=nec, action=world.a2).exists()
    assert _reports_of(client, world.a2) == 0


def test_a_nec_cannot_make_themselves_participant_even_of_their_countrys_action(world, api):
    nec = world.users["nec"]
    response = api("nec").post(
        "/api/v1/role-assignments/",
        {"user": nec.pk, "role": "participant", "action": world.a1.pk, "starts_on": str(TODAY)},
        format="json",
    )
    assert response.status_code == 403, response.content
    assert "yourself" in response.json()["message"]


def test_a_nec_assigns_a_participant_of_their_country_on_an_action_it_takes_part_in(world, api):
    response = api("nec").post(
        "/api/v1/role-assignments/",
        {
            "user": world.colleague_be.pk,
            "role": "participant",
            "action": world.a1.pk,
            "starts_on": str(TODAY),
        },
        format="json",
    )
    assert response.status_code == 201, response.content


def test_a_nec_cannot_assign_a_colleague_on_an_action_outside_their_country(world, api):
    response = api("nec").post(
        "/api/v1/role-assignments/",
        {
            "user": world.colleague_be.pk,
            "role": "participant",
            "action": world.a2.pk,
            "starts_on": str(TODAY),
        },
        format="json",
    )
    assert response.status_code == 403, response.content
    assert not RoleAssignment.objects.filter(user=world.colleague_be, action=world.a2).exists()


def test_the_secretariat_cannot_deactivate_the_administrator(world, api):
    administrator = world.users["administrator"]
    response = api("secretariat").post(f"/api/v1/users/{administrator.pk}/deactivate/")
    assert response.status_code == 403, response.content
    assert "Administrator" in response.json()["message"]
    administrator.refresh_from_db()
    assert administrator.is_active


def test_the_secretariat_cannot_end_the_administrators_role(world, api):
    response = api("secretariat").post(
        f"/api/v1/role-assignments/{world.ra_administrator.pk}/end/",
        {"ends_on": str(TODAY)},
        format="json",
    )
    assert response.status_code == 403, response.content
