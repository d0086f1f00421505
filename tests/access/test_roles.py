"""Role assignments: handover, expiry by date, deactivation, several roles, who may assign."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors import services
from actors.grants import sync_due_grants
from actors.models import Role, RoleAssignment, User
from actors.tasks import sync_role_grants
from empact.access import can
from oaps.models import ActionGrant, OperationalAction, PlanGrant, ProgressReport
from tests.access.world import PASSWORD, TODAY

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


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


def test_a_role_expires_by_date_with_nobody_acting(world, freeze_clock):
    leader = world.users["action_leader"]
    RoleAssignment.objects.filter(pk=world.ra_action_leader.pk).update(ends_on=TODAY)
    assert can(fresh(leader), "view", world.r1), "still in the role on its last day"

    freeze_clock(TODAY + DAY)
    assert not can(fresh(leader), "view", world.r1), "the gate checks the dates itself"
    assert ActionGrant.objects.filter(user=leader).exists(), "the grant row is still there"
    sync_role_grants()  # what Celery beat runs every hour
    assert not ActionGrant.objects.filter(user=leader).exists()
    assert sync_role_grants() == 0, "running it again changes nothing"


def test_a_role_starting_in_the_future_takes_effect_on_its_first_day(world, freeze_clock):
    newcomer = world.outsider_nl
    services.role_assignment_create(
        actor=world.users["secretariat"],
        user=newcomer,
        role=Role.DRIVER,
        plan=world.p1,
        starts_on=TODAY + DAY,
    )
    assert not can(fresh(newcomer), "change", world.p1)
    assert not PlanGrant.objects.filter(user=newcomer).exists()
    freeze_clock(TODAY + DAY)
    sync_role_grants()
    assert PlanGrant.objects.filter(user=newcomer, content_object=world.p1).exists()
    assert can(fresh(newcomer), "change", world.p1)


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


def test_a_user_holding_several_roles_gets_the_union_of_their_rights(world):
    leader = world.users["action_leader"]
    assert not can(leader, "change", world.p1)
    assert not can(leader, "view", world.r3)
    services.role_assignment_create(
        actor=world.users["administrator"],
        user=leader,
        role=Role.DRIVER,
        plan=world.p1,
        starts_on=TODAY,
    )
    services.role_assignment_create(
        actor=world.users["administrator"],
        user=leader,
        role=Role.PARTICIPANT,
        action=world.a3,
        starts_on=TODAY,
    )
    leader = fresh(leader)
    assert can(leader, "change", world.p1)
    assert can(leader, "view", world.r3)
    assert can(leader, "change", world.r1), "still the action leader of a1"
    assert not can(leader, "change", world.r3), "a participant does not write the report"


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


def test_assignments_ending_within_30_days_without_successor_are_listed(world):
    from actors.selectors import role_assignments_ending_soon

    RoleAssignment.objects.filter(pk=world.ra_participant.pk).update(ends_on=TODAY + 10 * DAY)
    RoleAssignment.objects.filter(pk=world.ra_co_driver.pk).update(ends_on=TODAY + 40 * DAY)
    listed = set(role_assignments_ending_soon(world.users["secretariat"]))
    assert world.ra_participant in listed
    assert world.ra_co_driver not in listed
    services.role_assignment_handover(
        actor=world.users["secretariat"],
        assignment=world.ra_participant,
        successor=world.colleague_be,
        on=TODAY + 5 * DAY,
    )
    assert world.ra_participant not in set(role_assignments_ending_soon(world.users["secretariat"]))


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


@pytest.mark.parametrize("grants", [1, 500])
def test_permission_filtered_queries_cost_the_same_for_1_and_500_grants(world, grants):
    participant = world.users["participant"]
    plan = world.p1
    actions = OperationalAction.objects.bulk_create(
        OperationalAction(
            plan=plan,
            code=f"OA 9.{i}",
            title="Bulk",
            horizontal_goal=world.chsg_a,
            leader=world.org_nl,
            start_date=world.a1.start_date,
            end_date=world.a1.end_date,
        )
        for i in range(grants - 1)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=participant, role=Role.PARTICIPANT, action=a, starts_on=TODAY)
        for a in actions
    )
    from actors.grants import sync_user_grants

    sync_user_grants(participant)
    assert ActionGrant.objects.filter(user=participant).count() == grants
    participant = fresh(participant)
    with CaptureQueriesContext(connection) as context:
        list(ProgressReport.objects.visible_to(participant, "view"))
        changeable = list(OperationalAction.objects.visible_to(participant, "change"))
        visible = list(OperationalAction.objects.visible_to(participant, "view"))
    assert not changeable
    assert set(actions) <= set(visible), "every action the participant takes part in is listed"
    # one query for the user's roles, one per list; the participant may change no action at all,
    # which Django answers without a query
    assert len(context.captured_queries) == 3, [q["sql"] for q in context.captured_queries]
