import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from actors.models import ROLE_SCOPES, Role, RoleAssignment, User
from cycles.models import Cycle, Milestone
from demo.users import DEMO_ADMIN_EMAIL, DEMO_PASSWORD
from empact import clock
from funding.models import FundingRequest
from oaps.models import (
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    ProgressReport,
)
from priorities.models import HorizontalGoal, Priority
from tests.demo.conftest import DEMO_DAYS, business_models, row_counts

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("demo"),
    # the demo mixes a fixed story date with dates relative to today: it must hold on any day
    pytest.mark.parametrize("demo_day", DEMO_DAYS, indirect=True, scope="module"),
]


def test_loading_the_demo_again_changes_no_row_and_writes_no_history():
    before = row_counts()
    call_command("load_demo", demo_database=True, verbosity=0)
    assert row_counts() == before


def test_loading_the_demo_again_keeps_what_users_changed():
    action = OperationalAction.objects.filter(plan__code="OAP DRUGS 2026-2027").first()
    action.title = "Renamed by the action leader"
    action.save()
    call_command("load_demo", demo_database=True, verbosity=0)
    action.refresh_from_db()
    assert action.title == "Renamed by the action leader"


def test_the_finished_cycle_has_its_ten_priorities_and_fifteen_plans():
    cycle = Cycle.objects.get(first_year=2022)
    assert cycle.current_step == Cycle.Step.EVALUATION
    assert Priority.objects.filter(cycle=cycle).count() == 10
    plans = OperationalActionPlan.objects.filter(priority__cycle=cycle)
    assert plans.count() == 15
    assert set(plans.values_list("first_year", "last_year")) == {(2024, 2025)}
    assert plans.filter(priority__code="DRUGS").count() == 2
    assert plans.filter(priority__code="FRAUD").count() == 5


def test_the_running_cycle_has_its_seven_priorities_and_draft_plans():
    cycle = Cycle.objects.get(first_year=2026)
    assert cycle.current_step in (Cycle.Step.POLICY_SETTING, Cycle.Step.IMPLEMENTATION)
    assert Priority.objects.filter(cycle=cycle).count() == 7
    plans = OperationalActionPlan.objects.filter(priority__cycle=cycle)
    assert plans.filter(status=OperationalActionPlan.Status.DRAFT).exists()
    assert OperationalAction.objects.filter(
        plan__in=plans, plan__status=OperationalActionPlan.Status.DRAFT
    ).exists()


def test_each_masp_has_the_eight_chsgs():
    for cycle in Cycle.objects.filter(first_year__in=[2022, 2026]):
        assert HorizontalGoal.objects.filter(masp__cycle=cycle).count() == 8


def test_the_demo_has_at_least_150_operational_actions_with_a_status_mix():
    actions = OperationalAction.objects.all()
    assert actions.count() >= 150
    assert actions.filter(plan__priority__cycle__first_year=2022).count() >= 150
    assert len(set(actions.values_list("status", flat=True))) >= 4


def test_progress_reports_results_and_funding_show_a_realistic_mix():
    statuses = set(ProgressReport.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "accepted", "returned"}
    assert OperationalResult.objects.exclude(joint_action_day=None).exists()
    assert OperationalResult.objects.exclude(action=None).exists()
    requests = FundingRequest.objects.all()
    assert {"granted", "rejected", "submitted"} <= set(requests.values_list("status", flat=True))
    for request in requests.exclude(granted=None):
        assert request.granted <= request.requested


def test_every_role_has_a_user_holding_it_today():
    today = clock.today()
    for role in Role:
        holders = [a for a in RoleAssignment.objects.filter(role=role) if a.is_active_on(today)]
        assert holders, f"nobody holds the role {role}"


def test_role_assignments_respect_the_scope_of_their_role():
    for assignment in RoleAssignment.objects.all():
        scope = ROLE_SCOPES[assignment.role]
        fields = {f for f in ("plan", "action", "country") if getattr(assignment, f"{f}_id")}
        assert fields == ({scope} if scope != "global" else set())


def test_there_is_a_handover_and_a_role_ending_soon_without_successor():
    today = clock.today()
    handover = RoleAssignment.objects.exclude(successor=None).get()
    assert handover.ends_on == handover.successor.starts_on
    assert handover.successor.is_active_on(today)
    ending = RoleAssignment.objects.filter(
        successor=None,
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=30),
    )
    assert ending.exists()


def test_milestones_fall_due_in_the_coming_six_weeks_so_reminders_have_work():
    today = clock.today()
    due = Milestone.objects.filter(
        done_date=None, due_date__gte=today, due_date__lte=today + datetime.timedelta(weeks=6)
    )
    assert due.filter(cycle__first_year=2026).exists()
    assert Milestone.objects.filter(cycle__first_year=2022).exclude(done_date=None).exists()


def test_demo_users_share_the_documented_password_and_the_admin_is_a_superuser():
    admin = User.objects.get(email=DEMO_ADMIN_EMAIL)
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(DEMO_PASSWORD)
    demo_users = User.objects.filter(email__endswith="@empact.example.eu")
    assert set(demo_users.values_list("password", flat=True)) == {admin.password}
    assert demo_users.filter(is_superuser=True).get() == admin


def test_every_demo_row_passes_full_clean():
    failures = []
    for model in business_models():
        for obj in model._base_manager.order_by():
            try:
                obj.full_clean()
            except ValidationError as error:
                failures.append(f"{model._meta.label} {obj.pk}: {error.message_dict}")
    assert not failures, "\n".join(failures[:20])
