"""Role assignments over time and together: expiry by date, a role starting in the future, the
union of several roles, and the cost of the permission-filtered queries. (The services that give,
end and hand over roles are tested in ``tests/actors/test_services.py``.)"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors import services
from actors.models import Role, RoleAssignment, User
from actors.tasks import sync_role_grants
from empact.access import can
from oaps.models import ActionGrant, OperationalAction, PlanGrant, ProgressReport
from tests.access.world import TODAY

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


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
