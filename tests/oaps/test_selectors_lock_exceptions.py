"""The reads of the lock exceptions page: who a lock exception may let in, and the exceptions of
one action's report of one period as the user may see them."""

import datetime

import pytest

from actors.grants import sync_user_grants
from actors.models import Role
from oaps import selectors
from tests import factories

D = datetime.date
pytestmark = pytest.mark.django_db


def test_only_the_actions_leaders_and_co_leaders_holding_the_role_that_day_write_its_report():
    action = factories.OperationalActionFactory()
    leader = factories.RoleAssignmentFactory(
        role=Role.ACTION_LEADER, action=action, starts_on=D(2024, 1, 1)
    ).user
    co_leader = factories.RoleAssignmentFactory(
        role=Role.CO_ACTION_LEADER, action=action, starts_on=D(2024, 1, 1)
    ).user
    factories.RoleAssignmentFactory(  # handed over before the day
        role=Role.CO_ACTION_LEADER, action=action, starts_on=D(2024, 1, 1), ends_on=D(2024, 5, 1)
    )
    factories.RoleAssignmentFactory(role=Role.PARTICIPANT, action=action, starts_on=D(2024, 1, 1))
    factories.RoleAssignmentFactory(role=Role.ACTION_LEADER, starts_on=D(2024, 1, 1))  # another
    gone = factories.RoleAssignmentFactory(
        role=Role.ACTION_LEADER, action=action, starts_on=D(2024, 1, 1)
    ).user
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    assert set(selectors.report_writers(action, D(2024, 6, 1))) == {leader, co_leader}


def test_the_exceptions_of_a_report_are_those_of_its_action_and_period_latest_first():
    admin = factories.UserFactory(is_superuser=True)
    factories.RoleAssignmentFactory(user=admin, role=Role.ADMINISTRATOR, starts_on=D(2020, 1, 1))
    exception = factories.LockExceptionFactory(until=D(2030, 1, 31))
    later = factories.LockExceptionFactory(
        action=exception.action, period=exception.period, until=D(2030, 3, 31)
    )
    factories.LockExceptionFactory(period=exception.period)  # another action's
    sync_user_grants(admin, D(2026, 1, 1))

    found = selectors.lock_exceptions_of(admin, exception.action, exception.period)

    assert list(found) == [later, exception]
    outsider = factories.UserFactory()
    assert not selectors.lock_exceptions_of(outsider, exception.action, exception.period)
