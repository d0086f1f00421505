"""The writes of ``actors.services``: accounts, role assignments, countries and organisations.

Each allowed write stores its change with one Event under its declared code; a refused one
raises and stores nothing. Who may give, end and hand over which role in which scope is tested
on the access tests' world (``tests/access/world.py``, built once for the module): the NEC is
Belgian; Belgium leads a1 and takes part in a3, and has no part in a2 or a4; the driver drives
p1 (actions a1 and a2). The other tests build their few rows with the factories.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse

from actors import services
from actors.grants import sync_due_grants
from actors.models import Country, Organisation, Role, RoleAssignment, User
from empact.access import can
from empact.models import Event
from oaps.models import ActionGrant, ProgressReport
from tests.access import conftest as shared
from tests.access.world import PASSWORD, TODAY
from tests.factories import (
    DEFAULT_PASSWORD,
    CountryFactory,
    OperationalActionPlanFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.writes import Changes, Creates, Deletes, holder_of, last_event_id, records, refused

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)

# The access tests' world, built once for the module, and its frozen day.
world, today = shared.world, shared.today


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


# --- accounts ----------------------------------------------------------------------------------


def test_a_new_account_gets_a_password_link_by_email(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_create(
            actor=world.users["nec"],
            email="New.Person@Example.eu",
            first_name="New",
            last_name="Person",
            country=world.be,
        )
    assert user.email == "new.person@example.eu"
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_a_nec_cannot_create_an_account_for_another_country(world):
    with pytest.raises(PermissionDenied):
        services.user_create(
            actor=world.users["nec"],
            email="x@example.eu",
            first_name="X",
            last_name="Y",
            country=world.nl,
        )
    assert not User.objects.filter(email="x@example.eu").exists()


def test_deactivating_a_user_ends_their_roles_and_sessions(world):
    leader = world.users["action_leader"]
    client = Client()
    assert client.login(request=RequestFactory().post("/"), email=leader.email, password=PASSWORD)
    assert Session.objects.count() == 1
    # the secretariat, not the NEC: a NEC cannot assign (so cannot take away) an action leader
    services.user_deactivate(actor=world.users["secretariat"], user=leader)
    leader = fresh(leader)
    assert not leader.is_active
    assert all(a.ends_on is not None and a.ends_on <= TODAY for a in leader.role_assignments.all())
    assert not ActionGrant.objects.filter(user=leader).exists()
    assert Session.objects.count() == 0
    assert client.get(reverse("home")).status_code == 302, "signed out"
    assert not Client().login(
        request=RequestFactory().post("/"), email=leader.email, password=PASSWORD
    )
    assert not ProgressReport.objects.visible_to(leader, "view").exists()


def test_a_nec_cannot_deactivate_a_user_of_another_country(world):
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=world.users["nec"], user=world.outsider_nl)


# --- role assignments --------------------------------------------------------------------------


def test_a_handover_leaves_no_day_without_somebody_in_the_role(world, freeze_clock):
    driver = world.users["driver"]
    successor = world.colleague_be
    assignment = world.ra_driver
    new = services.role_assignment_handover(
        actor=world.users["secretariat"], assignment=assignment, successor=successor, on=TODAY
    )
    assignment.refresh_from_db()
    assert assignment.ends_on == TODAY == new.starts_on
    assert assignment.successor == new
    for day in (TODAY - DAY, TODAY, TODAY + DAY, TODAY + 30 * DAY):
        freeze_clock(day)
        sync_due_grants(day)
        holders = [u for u in (fresh(driver), fresh(successor)) if can(u, "change", world.p1)]
        assert holders, f"nobody could edit plan p1 on {day}"
    freeze_clock(TODAY + DAY)
    assert not can(fresh(driver), "change", world.p1)
    assert can(fresh(successor), "change", world.p1)


def test_a_driver_assigns_action_leaders_in_their_plan_only(world):
    driver = world.users["driver"]
    services.role_assignment_create(
        actor=driver,
        user=world.colleague_be,
        role=Role.ACTION_LEADER,
        action=world.a2,
        starts_on=TODAY,
    )
    with pytest.raises(PermissionDenied):
        services.role_assignment_create(
            actor=driver,
            user=world.colleague_be,
            role=Role.ACTION_LEADER,
            action=world.a3,
            starts_on=TODAY,
        )
    with pytest.raises(PermissionDenied):
        services.role_assignment_create(
            actor=driver,
            user=world.colleague_be,
            role=Role.DRIVER,
            plan=world.p1,
            starts_on=TODAY,
        )
    assert not RoleAssignment.objects.filter(
        action=world.a3, user=world.colleague_be, role=Role.ACTION_LEADER
    ).exists()


def test_a_nec_assigns_participants_among_their_own_countrys_users_only(world):
    nec = world.users["nec"]
    services.role_assignment_create(
        actor=nec, user=world.colleague_be, role=Role.PARTICIPANT, action=world.a1, starts_on=TODAY
    )
    with pytest.raises(PermissionDenied):
        services.role_assignment_create(
            actor=nec,
            user=world.outsider_nl,
            role=Role.PARTICIPANT,
            action=world.a1,
            starts_on=TODAY,
        )


def test_a_role_with_the_wrong_scope_is_refused_with_a_clear_message(world):
    with pytest.raises(ValidationError) as excinfo:
        services.role_assignment_create(
            actor=world.users["administrator"],
            user=world.colleague_be,
            role=Role.DRIVER,
            action=world.a1,
            starts_on=TODAY,
        )
    assert "needs a plan" in str(excinfo.value.message_dict["plan"])


def test_handing_over_twice_is_refused(world):
    secretariat = world.users["secretariat"]
    services.role_assignment_handover(
        actor=secretariat, assignment=world.ra_nec, successor=world.colleague_be, on=TODAY
    )
    with pytest.raises(ValidationError, match="already been handed over"):
        services.role_assignment_handover(
            actor=secretariat, assignment=world.ra_nec, successor=world.colleague_be, on=TODAY
        )


# --- role scopes: assigning needs a right on the scope itself, nobody grants a role to
# themselves, and ending or deactivating needs the same right as assigning those roles -----------
def _participant_of_a2(world, user) -> RoleAssignment:
    """A role that only an administrator or the secretariat (or p1's driver) could assign."""
    return services.role_assignment_create(
        actor=world.users["administrator"],
        user=user,
        role=Role.PARTICIPANT,
        action=world.a2,
        starts_on=TODAY,
    )


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


# --- e-mail address and language --------------------------------------------------------------


def test_the_service_refuses_a_wrong_password(world):
    from django.core.exceptions import ValidationError

    user = world.users["nec"]
    with pytest.raises(ValidationError) as refused:
        services.user_change_email(user=user, new_email="x@example.eu", password="nope")
    assert "password" in refused.value.message_dict
    assert User.objects.get(pk=user.pk).email == "nec@example.eu"


def test_a_user_changes_their_email_with_their_password_and_one_event_is_recorded():
    user = UserFactory(email="ann@example.eu")
    with records("actors.user.email_changed") as recorded:
        services.user_change_email(
            user=user, new_email=" Ann.New@Example.eu ", password=DEFAULT_PASSWORD
        )
    assert fresh(user).email == "ann.new@example.eu"
    assert recorded.event.payload["changes"]["email"] == ["ann@example.eu", "ann.new@example.eu"]


def test_an_address_another_account_uses_is_refused_and_nothing_changes():
    UserFactory(email="taken@example.eu")
    user = UserFactory(email="ann@example.eu")
    with refused(error=ValidationError):
        services.user_change_email(
            user=user, new_email="taken@example.eu", password=DEFAULT_PASSWORD
        )
    assert fresh(user).email == "ann@example.eu"


def test_a_user_sets_their_language_with_one_event():
    user = UserFactory()
    with records("actors.user.language_set"):
        services.user_set_language(user=user, language="nl")
    assert fresh(user).language == "nl"


def test_a_language_that_is_not_offered_is_refused_and_nothing_changes():
    user = UserFactory(language="en")
    with refused(error=ValidationError):
        services.user_set_language(user=user, language="xx")
    assert fresh(user).language == "en"


# --- accounts, on factory-built rows -----------------------------------------------------------


def test_the_secretariat_creates_an_account_with_one_event_and_no_usable_password():
    secretariat = holder_of(Role.SECRETARIAT)
    with records("actors.user.created") as recorded:
        user = services.user_create(
            actor=secretariat,
            email="new@example.eu",
            first_name="New",
            last_name="Person",
            send_invitation=False,
        )
    assert not fresh(user).has_usable_password()
    assert (recorded.event.object_id, recorded.event.actor_id) == (user.pk, secretariat.pk)


def test_a_cosi_delegate_cannot_create_an_account_and_nothing_is_stored():
    delegate = holder_of(Role.COSI_DELEGATE)
    with refused(User):
        services.user_create(
            actor=delegate,
            email="new@example.eu",
            first_name="New",
            last_name="Person",
        )


def test_deactivating_an_account_records_one_event_naming_the_roles_it_ended():
    user = holder_of(Role.COMMISSION)
    assignment = user.role_assignments.get()
    with records("actors.user.deactivated") as recorded:
        services.user_deactivate(actor=holder_of(Role.SECRETARIAT), user=user)
    assert not fresh(user).is_active
    assert recorded.event.payload["roles_ended"] == [assignment.pk]


def test_nobody_deactivates_their_own_account():
    secretariat = holder_of(Role.SECRETARIAT)
    with refused(error=ValidationError):
        services.user_deactivate(actor=secretariat, user=secretariat)
    assert fresh(secretariat).is_active


class TestUser(Changes):
    services = services
    entity = "user"
    event = "actors.user"
    factory = UserFactory
    writer = Role.SECRETARIAT
    change = {"first_name": "Annemarie"}


class TestCountry(Creates, Changes, Deletes):
    services = services
    entity = "country"
    event = "actors.country"
    factory = CountryFactory
    change = {"name": "Kingdom of Belgium"}

    def data(self):
        return {"code": "XZ", "name": "Testland", "kind": Country.Kind.EU_MEMBER_STATE}


class TestOrganisation(Creates, Changes, Deletes):
    services = services
    entity = "organisation"
    event = "actors.organisation"
    factory = OrganisationFactory
    change = {"acronym": "FPB"}

    def data(self):
        return {"name": "Eurojust", "kind": Organisation.Kind.EU_AGENCY}


# --- role assignments, on factory-built rows ---------------------------------------------------


def test_the_secretariat_gives_a_role_with_one_event_and_its_grants():
    user = UserFactory()
    plan = OperationalActionPlanFactory()
    with records("actors.role.assigned") as recorded:
        assignment = services.role_assignment_create(
            actor=holder_of(Role.SECRETARIAT),
            user=user,
            role=Role.DRIVER,
            plan=plan,
            starts_on=TODAY,
        )
    assert recorded.event.object_id == assignment.pk
    assert can(fresh(user), "change", plan)


def test_a_commission_member_cannot_give_a_role_and_nothing_is_stored():
    commission, user = holder_of(Role.COMMISSION), UserFactory()
    with refused(RoleAssignment):
        services.role_assignment_create(
            actor=commission,
            user=user,
            role=Role.DRIVER,
            plan=OperationalActionPlanFactory(),
            starts_on=TODAY,
        )


def test_the_secretariat_ends_a_role_on_a_date_with_one_event():
    assignment = RoleAssignmentFactory(role=Role.DRIVER, starts_on=TODAY - 10 * DAY)
    with records("actors.role.ended"):
        services.role_assignment_end(
            actor=holder_of(Role.SECRETARIAT), assignment=assignment, ends_on=TODAY
        )
    assignment.refresh_from_db()
    assert assignment.ends_on == TODAY


def test_a_commission_member_cannot_end_a_role_and_it_goes_on():
    assignment = RoleAssignmentFactory(role=Role.DRIVER, starts_on=TODAY - 10 * DAY)
    with refused():
        services.role_assignment_end(
            actor=holder_of(Role.COMMISSION), assignment=assignment, ends_on=TODAY
        )
    assignment.refresh_from_db()
    assert assignment.ends_on is None


def test_a_handover_records_one_event_about_the_role_handed_over():
    assignment = RoleAssignmentFactory(role=Role.DRIVER, starts_on=TODAY - 10 * DAY)
    successor = UserFactory()
    with records("actors.role.handed_over") as recorded:
        new = services.role_assignment_handover(
            actor=holder_of(Role.SECRETARIAT), assignment=assignment, successor=successor, on=TODAY
        )
    assert recorded.event.object_id == assignment.pk
    assert (new.user, new.plan_id, new.starts_on) == (successor, assignment.plan_id, TODAY)


def test_a_commission_member_cannot_hand_a_role_over_and_nothing_is_stored():
    assignment = RoleAssignmentFactory(role=Role.DRIVER, starts_on=TODAY - 10 * DAY)
    commission, successor = holder_of(Role.COMMISSION), UserFactory()
    with refused(RoleAssignment):
        services.role_assignment_handover(
            actor=commission,
            assignment=assignment,
            successor=successor,
            on=TODAY,
        )


def test_may_assign_and_roles_beyond_name_the_roles_an_actor_could_not_give():
    nec = holder_of(Role.NEC)
    colleague = UserFactory(country=nec.country)
    secretariat_role = RoleAssignmentFactory(user=colleague, role=Role.SECRETARIAT)
    assert not services.may_assign(nec, secretariat_role)
    assert services.roles_beyond(nec, colleague) == [secretariat_role]
    assert services.roles_beyond(holder_of(Role.ADMINISTRATOR), colleague) == []


# --- the first administrator -------------------------------------------------------------------


def test_the_first_administrator_is_created_from_the_command_line_with_one_event():
    with records("actors.user.made_administrator") as recorded:
        user = services.administrator_bootstrap(email="Admin@Example.eu", password="s3cret-enough")
    assert user.email == "admin@example.eu"
    assert user.check_password("s3cret-enough")
    assert user.role_assignments.get().role == Role.ADMINISTRATOR
    assert recorded.event.payload["account_created"] is True


def test_bootstrapping_an_administrator_again_without_a_password_changes_nothing():
    services.administrator_bootstrap(email="admin@example.eu", password=None)
    rows, last = (User.objects.count(), RoleAssignment.objects.count()), last_event_id()
    services.administrator_bootstrap(email="admin@example.eu", password=None)
    assert (User.objects.count(), RoleAssignment.objects.count()) == rows
    assert not Event.objects.filter(pk__gt=last).exists()


# --- passwords and the e-mail notice -----------------------------------------------------------


def test_a_new_password_records_one_event_that_says_how_but_never_holds_the_password():
    user = UserFactory()
    with records("actors.user.password_changed") as recorded:
        services.user_set_password(user=user, password="a new long secret", by_reset_link=True)
    assert fresh(user).check_password("a new long secret")
    assert recorded.event.payload == {"by_reset_link": True}


def test_the_email_notice_tells_the_old_and_the_new_address_after_the_commit(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="new@example.eu")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.email_changed_notify(user=user, old_email="old@example.eu")
    assert not mail.outbox, "nothing is sent before the commit"
    for callback in callbacks:
        callback()
    assert sorted(message.to[0] for message in mail.outbox) == ["new@example.eu", "old@example.eu"]
