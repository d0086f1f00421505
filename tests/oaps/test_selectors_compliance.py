"""Reporting compliance: each action's report per period due, on time, late or missing."""

import datetime

import pytest

from actors.models import Role
from oaps import selectors, services
from tests import factories

D = datetime.date
pytestmark = pytest.mark.django_db


def _admin():
    user = factories.UserFactory(is_superuser=True)
    factories.RoleAssignmentFactory(user=user, role=Role.ADMINISTRATOR, starts_on=D(2020, 1, 1))
    return user


def test_compliance_counts_reports_on_time_late_and_missing_per_plan_country_and_cycle(
    freeze_clock,
):
    freeze_clock(D(2024, 9, 1))
    plan = factories.OperationalActionPlanFactory(status="approved")
    period = factories.ReportingPeriodFactory(
        plan=plan, start=D(2024, 1, 1), end=D(2024, 6, 30), deadline=D(2024, 7, 31)
    )
    on_time, late, missing = (factories.OperationalActionFactory(plan=plan) for _ in range(3))
    factories.ProgressReportFactory(action=on_time, period=period, submitted=True, days_late=0)
    factories.ProgressReportFactory(action=late, period=period, submitted=True, days_late=4)
    admin = _admin()

    result = selectors.plan_compliance(admin, plan, D(2024, 9, 1))

    assert result.as_dict() == {"due": 3, "on_time": 1, "late": 1, "missing": 1}
    assert [row.action for row in result.missing_rows] == [missing]
    cycle = selectors.cycle_compliance(admin, plan.priority.cycle, D(2024, 9, 1))
    assert cycle.as_dict() == result.as_dict()
    country = selectors.country_compliance(admin, late.leader.country, D(2024, 9, 1))
    assert (country.late, country.due) == (1, 1)


def test_a_period_not_due_yet_counts_nothing(freeze_clock):
    plan = factories.OperationalActionPlanFactory(status="approved")
    factories.ReportingPeriodFactory(plan=plan, deadline=D(2024, 7, 31))
    factories.OperationalActionFactory(plan=plan)
    assert selectors.plan_compliance(_admin(), plan, D(2024, 7, 31)).due == 0


def test_a_report_submitted_after_the_due_date_is_marked_late_by_the_days(freeze_clock):
    freeze_clock(D(2024, 8, 5))
    action = factories.OperationalActionFactory(plan__status="approved")
    period = factories.ReportingPeriodFactory(plan=action.plan, deadline=D(2024, 7, 31))
    report = factories.ProgressReportFactory(action=action, period=period)
    leader = factories.RoleAssignmentFactory(
        role=Role.ACTION_LEADER, action=action, starts_on=D(2024, 1, 1)
    ).user
    from actors.grants import sync_user_grants

    sync_user_grants(leader, D(2024, 8, 5))
    submitted = services.progress_report_submit(actor=leader, report=report)
    assert (submitted.days_late, submitted.is_late) == (5, True)
