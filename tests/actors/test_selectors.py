"""The reads of ``actors.selectors``: each returns what the user may see and nothing else."""

from __future__ import annotations

import datetime

import pytest

from actors import selectors, services
from actors.models import Role, RoleAssignment
from tests.access import conftest as shared
from tests.access.world import TODAY
from tests.factories import CountryFactory, RoleAssignmentFactory, UserFactory
from tests.writes import holder_of

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)

# The access tests' world, built once for the module, and its frozen day.
world, today = shared.world, shared.today


def test_a_nec_sees_the_roles_ending_soon_of_their_countrys_users_only():
    nec = holder_of(Role.NEC)
    country = nec.country = nec.role_assignments.get().country
    nec.save(update_fields=["country"])
    ours = RoleAssignmentFactory(
        user=UserFactory(country=country), role=Role.PARTICIPANT, ends_on=TODAY + 5 * DAY
    )
    theirs = RoleAssignmentFactory(
        user=UserFactory(country=CountryFactory()), role=Role.PARTICIPANT, ends_on=TODAY + 5 * DAY
    )
    listed = set(selectors.role_assignments_ending_soon(nec))
    assert ours in listed
    assert theirs not in listed


def test_the_profile_lists_the_users_own_roles_current_and_past_and_nobody_elses():
    user = UserFactory()
    current = RoleAssignmentFactory(user=user, role=Role.COMMISSION)
    past = RoleAssignmentFactory(
        user=user, role=Role.EUROPOL, starts_on=TODAY - 30 * DAY, ends_on=TODAY - DAY
    )
    RoleAssignmentFactory(role=Role.COMMISSION)  # somebody else's
    assert selectors.role_assignments_for_profile(user) == ([current], [past])


def test_a_nec_sees_the_users_of_their_country_and_themselves_only():
    nec = holder_of(Role.NEC)
    nec.country = nec.role_assignments.get().country
    nec.save(update_fields=["country"])
    colleague = UserFactory(country=nec.country)
    foreigner = UserFactory(country=CountryFactory())
    visible = set(selectors.users_visible_to(nec))
    assert {nec, colleague} <= visible
    assert foreigner not in visible


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
