"""Role scopes on the pages: the role and handover forms offer only the scopes and people the
actor may assign, and the pages refuse the rest. (The services' own refusals are tested in
``tests/actors/test_services.py``.)

The world: the NEC is Belgian; Belgium leads a1 and takes part in a3, and has no part in a2 or
a4. The driver drives p1 (actions a1 and a2).
"""

import pytest
from django.test import Client
from django.urls import reverse

from actors import services
from actors.forms import HandoverForm, RoleAssignmentForm
from actors.models import Role, RoleAssignment, User
from oaps.models import OperationalAction
from tests.access.world import TODAY

pytestmark = pytest.mark.django_db


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _participant_of_a2(world, user) -> RoleAssignment:
    """A role that only an administrator or the secretariat (or p1's driver) could assign."""
    return services.role_assignment_create(
        actor=world.users["administrator"],
        user=user,
        role=Role.PARTICIPANT,
        action=world.a2,
        starts_on=TODAY,
    )


# --- the web pages --------------------------------------------------------------------------------


def test_the_role_form_offers_a_nec_only_actions_of_their_country_and_other_users_of_it(world):
    nec = world.users["nec"]
    form = RoleAssignmentForm(actor=nec)
    # a1 (BE leads), a3 (BE takes part), a4 (BE's police takes part): never a2
    assert set(form.fields["action"].queryset) == {world.a1, world.a3, world.a4}
    assert set(form.fields["plan"].queryset) == set()
    assert set(form.fields["country"].queryset) == set()
    users = set(form.fields["user"].queryset)
    assert nec not in users
    assert world.colleague_be in users
    assert all(user.country_id == world.be.pk for user in users)


def test_the_role_form_offers_a_driver_only_the_actions_of_their_plan(world):
    form = RoleAssignmentForm(actor=world.users["driver"])
    assert set(form.fields["action"].queryset) == set(
        OperationalAction.objects.filter(plan=world.p1)
    )
    assert world.users["driver"] not in set(form.fields["user"].queryset)


def test_the_handover_form_does_not_offer_the_actor_as_successor(world):
    form = HandoverForm(actor=world.users["secretariat"])
    assert world.users["secretariat"] not in set(form.fields["successor"].queryset)


def test_the_role_page_refuses_a_nec_making_themselves_participant(world):
    nec = world.users["nec"]
    for action in (world.a1, world.a2):
        response = _client_for(nec).post(
            reverse("role-create"),
            {"user": nec.pk, "role": "participant", "action": action.pk, "starts_on": TODAY},
        )
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not RoleAssignment.objects.filter(user=nec, role=Role.PARTICIPANT).exists()


def test_the_role_page_refuses_a_scope_outside_a_necs_country(world):
    response = _client_for(world.users["nec"]).post(
        reverse("role-create"),
        {
            "user": world.colleague_be.pk,
            "role": "participant",
            "action": world.a2.pk,
            "starts_on": TODAY,
        },
    )
    assert response.status_code == 200
    assert "action" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(user=world.colleague_be, action=world.a2).exists()


def test_the_role_page_lets_a_nec_assign_a_participant_of_their_country(world):
    response = _client_for(world.users["nec"]).post(
        reverse("role-create"),
        {
            "user": world.colleague_be.pk,
            "role": "participant",
            "action": world.a1.pk,
            "starts_on": TODAY,
        },
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=world.colleague_be, action=world.a1).exists()


def test_the_end_and_handover_pages_refuse_a_nec_on_an_action_outside_their_country(world):
    assignment = _participant_of_a2(world, world.colleague_be)
    client = _client_for(world.users["nec"])
    response = client.post(reverse("role-end", args=[assignment.pk]), {"ends_on": TODAY})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    response = client.post(
        reverse("role-handover", args=[assignment.pk]),
        {"successor": world.users["action_leader"].pk, "on": TODAY},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assignment.refresh_from_db()
    assert assignment.ends_on is None and assignment.successor_id is None


def test_the_deactivate_button_refuses_a_nec_for_a_driver_of_their_country(world):
    driver = world.users["driver"]
    client = _client_for(world.users["nec"])
    page = client.get(reverse("user-detail", args=[driver.pk]))
    assert not page.context["can_deactivate"], "no button for what would be refused"
    response = client.post(reverse("user-deactivate", args=[driver.pk]), follow=True)
    assert "Driver" in response.content.decode()
    assert User.objects.get(pk=driver.pk).is_active
