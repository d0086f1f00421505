"""The database itself refuses plans outside their cycle and actions outside their plan's years."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from oaps.models import OperationalAction, OperationalActionPlan
from tests.factories import OperationalActionFactory, OperationalActionPlanFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_plan_outside_its_cycle():
    plan = OperationalActionPlanFactory()
    cycle = plan.priority.cycle
    with pytest.raises(IntegrityError, match="plan_years_inside_cycle"), transaction.atomic():
        OperationalActionPlan.objects.filter(pk=plan.pk).update(
            first_year=cycle.first_year + 3, last_year=cycle.first_year + 4
        )


def test_the_database_refuses_an_action_outside_its_plans_years():
    action = OperationalActionFactory()
    late = datetime.date(action.plan.last_year + 1, 1, 15)
    with (
        pytest.raises(IntegrityError, match="action_dates_inside_plan_years"),
        transaction.atomic(),
    ):
        OperationalAction.objects.filter(pk=action.pk).update(end_date=late)


def test_the_database_refuses_shrinking_a_plan_away_from_its_actions():
    action = OperationalActionFactory()
    plan = action.plan
    action.start_date = datetime.date(plan.last_year, 3, 1)
    action.end_date = datetime.date(plan.last_year, 4, 1)
    action.save()
    assert plan.first_year < plan.last_year, "the test needs a two-year plan"
    with (
        pytest.raises(IntegrityError, match="action_dates_inside_plan_years"),
        transaction.atomic(),
    ):
        OperationalActionPlan.objects.filter(pk=plan.pk).update(last_year=plan.first_year)


def test_a_plan_and_action_inside_the_rules_are_accepted():
    action = OperationalActionFactory()
    OperationalAction.objects.filter(pk=action.pk).update(
        start_date=datetime.date(action.plan.first_year, 1, 1)
    )
