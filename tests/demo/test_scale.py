import pytest
from django.core.management import call_command
from django.db.models import Count

from actors.grants import users_with_stale_grants
from actors.models import RoleAssignment, User
from cycles.models import Cycle
from demo.scale import SCALE_CYCLE_YEAR
from oaps.models import (
    Kpi,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    ProgressReport,
)
from priorities.models import Priority
from tests.demo.conftest import business_models

pytestmark = pytest.mark.django_db


def test_generate_scale_data_creates_the_volume_of_one_realistic_year(capsys):
    call_command("generate_scale_data", demo_database=True, factor=1)
    output = capsys.readouterr().out
    cycle = Cycle.objects.get(first_year=SCALE_CYCLE_YEAR)
    assert Priority.objects.filter(cycle=cycle).count() == 10
    assert OperationalActionPlan.objects.filter(priority__cycle=cycle).count() == 15
    actions = OperationalAction.objects.filter(plan__priority__cycle=cycle)
    assert 180 <= actions.count() <= 270
    assert not actions.annotate(n=Count("kpis")).filter(n=0).exists()
    assert not actions.annotate(n=Count("participations")).filter(n=0).exists()
    assert ProgressReport.objects.filter(action__in=actions).count() > actions.count()
    assert "operational actions a minute" in output
    assert not Cycle.objects.exclude(first_year=SCALE_CYCLE_YEAR).exists()


def test_generate_scale_data_twice_keeps_every_code_unique():
    call_command("generate_scale_data", demo_database=True, factor=1, verbosity=0)
    call_command("generate_scale_data", demo_database=True, factor=2, verbosity=0)
    assert Priority.objects.count() == 30
    plans = OperationalActionPlan.objects.all()
    assert plans.count() == 45
    assert plans.values("code").distinct().count() == 45
    duplicates = (
        OperationalAction.objects.values("plan", "code").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not duplicates.exists()


def test_scale_rows_pass_full_clean():
    call_command("generate_scale_data", demo_database=True, factor=1, verbosity=0)
    for model in business_models():
        for obj in model._base_manager.order_by()[:40]:
            obj.full_clean()
    assert Kpi.objects.exists() and Participation.objects.exists()


def test_generate_scale_data_spreads_over_cycles_with_one_big_plan_and_people_with_grants():
    call_command(
        "generate_scale_data",
        demo_database=True,
        factor=1,
        cycles=3,
        big_plan=40,
        users=30,
        verbosity=0,
    )
    assert Cycle.objects.count() == 3
    assert OperationalActionPlan.objects.annotate(n=Count("actions")).filter(n=40).count() == 1
    people = User.objects.filter(email__endswith="@scale.empact.example.eu")
    assert people.count() == 30
    assignments = RoleAssignment.objects.filter(user__in=people)
    assert assignments.count() >= 10 * 30 // 2
    assert not users_with_stale_grants().filter(pk__in=people).exists()
    assert OperationalResult.objects.count() == 5 * ProgressReport.objects.count()
