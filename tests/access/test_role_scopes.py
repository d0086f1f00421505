"""Role scopes: assigning needs a right on the scope itself, nobody grants a role to themselves,
and ending someone's roles or deactivating them needs the same right as assigning those roles.

The world: the NEC is Belgian; Belgium leads a1 and takes part in a3, and has no part in a2 or
a4. The driver drives p1 (actions a1 and a2).
"""

import pytest
from django.core.exceptions import PermissionDenied
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


# --- the scope -----------------------------------------------------------------------------------


def test_a_nec_cannot_assign_a_participant_on_an_action_their_country_has_no_part_in(world):
    with pytest.raises(PermissionDenied, match="scope"):
        services.role_assignment_create(
            actor=world.users["nec"],
            user=world.colleague_be,
            role=Role.PARTICIPANT,
            action=world.a2,
            starts_on=TODAY,
        )
    assert not RoleAssignment.objects.filter(user=world.colleague_be, action=world.a2).exists()


@pytest.mark.parametrize("action", ["a1", "a3"])  # Belgium leads a1 and takes part in a3
def test_a_nec_assigns_a_participant_of_their_country_on_an_action_of_their_country(world, action):
    assignment = services.role_assignment_create(
        actor=world.users["nec"],
        user=world.colleague_be,
        role=Role.PARTICIPANT,
        action=getattr(world, action),
        starts_on=TODAY.replace(day=28),
    )
    assert assignment.pk


def test_a_nec_may_add_only_assignments_of_users_of_their_country(world):
    """The `add` rule means "the assignee is a user of my country", whatever the scope says."""
    nec = world.users["nec"]
    with pytest.raises(PermissionDenied):
        services.role_assignment_create(
            actor=nec,
            user=world.outsider_nl,
            role=Role.PARTICIPANT,
            action=world.a1,
            starts_on=TODAY,
        )
    # they still see the assignments scoped to their country, whoever holds them
    delegate = RoleAssignment.objects.create(
        user=world.outsider_nl, role=Role.COSI_DELEGATE, country=world.be, starts_on=TODAY
    )
    assert RoleAssignment.objects.visible_to(nec, "view").filter(pk=delegate.pk).exists()
    assert not RoleAssignment.objects.visible_to(nec, "end").filter(pk=delegate.pk).exists()


def test_a_driver_assigns_on_actions_of_their_plan_only(world):
    driver = world.users["driver"]
    services.role_assignment_create(
        actor=driver,
        user=world.colleague_be,
        role=Role.PARTICIPANT,
        action=world.a2,
        starts_on=TODAY,
    )
    with pytest.raises(PermissionDenied):
        services.role_assignment_create(
            actor=driver,
            user=world.colleague_be,
            role=Role.PARTICIPANT,
            action=world.a4,
            starts_on=TODAY,
        )


def test_global_roles_are_assignable_only_by_roles_that_may_assign_them(world):
    with pytest.raises(PermissionDenied, match="Administrator"):
        services.role_assignment_create(
            actor=world.users["secretariat"],
            user=world.colleague_be,
            role=Role.ADMINISTRATOR,
            starts_on=TODAY,
        )
    services.role_assignment_create(
        actor=world.users["secretariat"],
        user=world.colleague_be,
        role=Role.EUROPOL,
        starts_on=TODAY,
    )


# --- nobody grants a role to themselves ----------------------------------------------------------

ASSIGNERS = {
    "administrator": {"role": Role.PARTICIPANT, "action": "a1"},
    "secretariat": {"role": Role.PARTICIPANT, "action": "a1"},
    "driver": {"role": Role.PARTICIPANT, "action": "a2"},
    "nec": {"role": Role.PARTICIPANT, "action": "a1"},
}


@pytest.mark.parametrize("assigner", sorted(ASSIGNERS))
def test_nobody_grants_a_role_to_themselves(world, assigner):
    actor = world.users[assigner]
    spec = ASSIGNERS[assigner]
    scope = {"action": getattr(world, spec["action"])}
    with pytest.raises(PermissionDenied, match="yourself"):
        services.role_assignment_create(
            actor=actor, user=actor, role=spec["role"], starts_on=TODAY, **scope
        )
    assert not RoleAssignment.objects.filter(user=actor, role=spec["role"], **scope).exists()
    # the same role in the same scope for a colleague is fine: the refusal is about oneself
    services.role_assignment_create(
        actor=actor, user=world.colleague_be, role=spec["role"], starts_on=TODAY, **scope
    )


@pytest.mark.parametrize(
    ("assigner", "assignment"),
    [
        ("secretariat", "ra_participant"),
        ("driver", "ra_action_leader"),
        ("nec", "ra_colleague_be_participant"),
    ],
)
def test_nobody_takes_a_role_over_themselves(world, assigner, assignment):
    actor = world.users[assigner]
    with pytest.raises(PermissionDenied, match="yourself"):
        services.role_assignment_handover(
            actor=actor, assignment=getattr(world, assignment), successor=actor, on=TODAY
        )
    assert not RoleAssignment.objects.filter(user=actor, starts_on=TODAY).exists()


# --- ending and deactivating need the right to assign ---------------------------------------------


def test_a_nec_cannot_end_a_participant_role_on_an_action_outside_their_country(world):
    assignment = _participant_of_a2(world, world.colleague_be)
    with pytest.raises(PermissionDenied):
        services.role_assignment_end(actor=world.users["nec"], assignment=assignment, ends_on=TODAY)
    assignment.refresh_from_db()
    assert assignment.ends_on is None


def test_a_nec_ends_a_participant_role_on_an_action_of_their_country(world):
    assignment = services.role_assignment_end(
        actor=world.users["nec"], assignment=world.ra_colleague_be_participant, ends_on=TODAY
    )
    assert assignment.ends_on == TODAY


def test_a_nec_cannot_hand_over_a_participant_role_on_an_action_outside_their_country(world):
    assignment = _participant_of_a2(world, world.colleague_be)
    successor = User.objects.create(email="new.be@example.eu", country=world.be)
    with pytest.raises(PermissionDenied):
        services.role_assignment_handover(
            actor=world.users["nec"], assignment=assignment, successor=successor, on=TODAY
        )
    assert not RoleAssignment.objects.filter(user=successor).exists()


@pytest.mark.parametrize(
    ("victim", "role_name"), [("driver", "Driver"), ("action_leader", "Action leader")]
)
def test_a_nec_cannot_deactivate_a_user_of_their_country_holding_a_role_they_cannot_assign(
    world, victim, role_name
):
    user = world.users[victim]
    with pytest.raises(PermissionDenied, match=role_name):
        services.user_deactivate(actor=world.users["nec"], user=user)
    user.refresh_from_db()
    assert user.is_active
    assert user.role_assignments.get().ends_on is None


def test_a_nec_cannot_deactivate_a_participant_of_an_action_outside_their_country(world):
    _participant_of_a2(world, world.colleague_be)
    with pytest.raises(PermissionDenied, match="Participant"):
        services.user_deactivate(actor=world.users["nec"], user=world.colleague_be)
    assert User.objects.get(pk=world.colleague_be.pk).is_active


def test_a_role_starting_in_the_future_counts_as_one_held(world):
    services.role_assignment_create(
        actor=world.users["administrator"],
        user=world.colleague_be,
        role=Role.DRIVER,
        plan=world.p1,
        starts_on=TODAY.replace(year=TODAY.year + 1),
    )
    with pytest.raises(PermissionDenied, match="Driver"):
        services.user_deactivate(actor=world.users["nec"], user=world.colleague_be)


def test_a_nec_deactivates_a_participant_of_their_country(world):
    user = services.user_deactivate(actor=world.users["nec"], user=world.colleague_be)
    assert not user.is_active


# --- no takeover of the administrator or the secretariat ------------------------------------------


@pytest.mark.parametrize("victim", ["administrator", "secretariat"])
def test_a_nec_cannot_deactivate_or_end_the_roles_of_the_administrator_or_secretariat(
    world, victim
):
    nec = world.users["nec"]
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=nec, user=world.users[victim])
    with pytest.raises(PermissionDenied):
        services.role_assignment_end(
            actor=nec, assignment=getattr(world, f"ra_{victim}"), ends_on=TODAY
        )
    with pytest.raises(PermissionDenied):
        services.role_assignment_handover(
            actor=nec,
            assignment=getattr(world, f"ra_{victim}"),
            successor=world.colleague_be,
            on=TODAY,
        )
    assert User.objects.get(pk=world.users[victim].pk).is_active


def test_the_secretariat_cannot_deactivate_or_end_the_roles_of_the_administrator(world):
    secretariat = world.users["secretariat"]
    with pytest.raises(PermissionDenied, match="Administrator"):
        services.user_deactivate(actor=secretariat, user=world.users["administrator"])
    with pytest.raises(PermissionDenied):
        services.role_assignment_end(
            actor=secretariat, assignment=world.ra_administrator, ends_on=TODAY
        )
    with pytest.raises(PermissionDenied):
        services.role_assignment_handover(
            actor=secretariat,
            assignment=world.ra_administrator,
            successor=world.colleague_be,
            on=TODAY,
        )
    assert User.objects.get(pk=world.users["administrator"].pk).is_active
    world.ra_administrator.refresh_from_db()
    assert world.ra_administrator.ends_on is None


def test_the_administrator_deactivates_the_secretariat(world):
    user = services.user_deactivate(
        actor=world.users["administrator"], user=world.users["secretariat"]
    )
    assert not user.is_active


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
