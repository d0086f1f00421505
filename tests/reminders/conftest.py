"""Shared set-up of the reminder tests: an approved plan's action with its leader, a period."""

import datetime

import pytest

from actors.models import Role
from tests import factories

D = datetime.date


@pytest.fixture
def reporting(db):
    """An action of an approved 2024 plan, led by ``leader`` since January, reporting on H1 2024
    by 31 July; ``driver`` drives the plan."""
    action = factories.OperationalActionFactory(plan__status="approved")
    leader = factories.RoleAssignmentFactory(
        role=Role.ACTION_LEADER, action=action, starts_on=D(2024, 1, 1)
    ).user
    driver = factories.RoleAssignmentFactory(
        role=Role.DRIVER, plan=action.plan, starts_on=D(2024, 1, 1)
    ).user
    period = factories.ReportingPeriodFactory(
        plan=action.plan, start=D(2024, 1, 1), end=D(2024, 6, 30), deadline=D(2024, 7, 31)
    )
    return type(
        "Reporting", (), {"action": action, "leader": leader, "driver": driver, "period": period}
    )
