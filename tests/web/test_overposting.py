"""Over-posting to the HTML forms: a field a form does not offer, or the matrix does not let
the user write, is never changed by posting it, whatever the browser sends."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oaps.models import OperationalAction, OperationalActionPlan, ProgressReport
from tests.web.test_action_pages import posted
from tests.web.test_plan_pages import plan_form_data
from tests.web.test_report_pages import form_data

pytestmark = pytest.mark.django_db


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def test_posting_status_priority_code_and_driver_to_the_plan_editor_changes_none_of_them(
    world, client_for
):
    driver = client_for(world.users["driver"])
    before = fresh(world.p1)
    data = plan_form_data(
        before,
        title="Renamed by the driver",
        status="approved",
        decision_comment="Self-approved",
        priority=str(world.priority_b.pk),
        code="HACKED",
        driver=str(world.org_de.pk),
    )

    response = driver.post(reverse("plan-edit", args=[world.p1.pk]), data)

    assert response.status_code == 302
    plan = fresh(world.p1)
    assert plan.title == "Renamed by the driver"
    assert (plan.status, plan.decision_comment, plan.priority_id, plan.code, plan.driver_id) == (
        before.status,
        before.decision_comment,
        before.priority_id,
        before.code,
        before.driver_id,
    )


def test_posting_status_and_plan_to_the_action_editor_changes_neither(world, client_for):
    leader = client_for(world.users["action_leader"])
    url = reverse("action-edit", args=[world.a1.pk])
    page = leader.get(url)
    assert page.status_code == 200
    data = posted(page, title="Renamed by the leader", status="cancelled", plan=str(world.p2.pk))

    response = leader.post(url, data)

    assert response.status_code == 302, response.content[:500]
    action = fresh(world.a1)
    assert action.title == "Renamed by the leader"
    assert action.status == OperationalAction.Status.PLANNED
    assert action.plan_id == world.p1.pk


def test_the_action_form_no_longer_offers_the_status(world, client_for):
    page = client_for(world.users["driver"]).get(reverse("action-edit", args=[world.a1.pk]))
    assert "status" not in page.context["form"].fields


def test_posting_a_status_and_a_reviewer_to_the_report_editor_changes_neither(world, client_for):
    leader = client_for(world.users["action_leader"])
    report = world.r1
    assert report.status in (ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED)
    data = form_data(
        report,
        narrative="Written by the leader",
        status="accepted",
        reviewed_by=str(world.users["driver"].pk),
        review_comment="Self-accepted",
        action=str(world.a2.pk),
    )

    response = leader.post(reverse("report-edit", args=[report.pk]), data)

    assert response.status_code in (200, 302)
    stored = fresh(report)
    assert stored.narrative == "Written by the leader"
    assert (stored.status, stored.reviewed_by_id, stored.review_comment, stored.action_id) == (
        report.status,
        report.reviewed_by_id,
        report.review_comment,
        report.action_id,
    )


def test_posting_a_plans_status_to_its_goal_editor_changes_nothing_of_the_plan(world, client_for):
    driver = client_for(world.users["driver"])
    goal = world.p1_goal
    response = driver.post(
        reverse("plan-goal-edit", args=[goal.pk]),
        {"number": goal.number, "title": "Goal renamed", "description": "", "plan": world.p2.pk},
    )
    assert response.status_code in (200, 302)
    assert fresh(goal).plan_id == world.p1.pk
    assert fresh(world.p1).status == OperationalActionPlan.Status.DRAFT


def test_posting_staff_and_superuser_flags_to_the_new_user_form_grants_neither(world, client_for):
    from actors.models import User

    secretariat = client_for(world.users["secretariat"])
    response = secretariat.post(
        reverse("user-create"),
        {
            "email": "new.colleague@example.eu",
            "first_name": "New",
            "last_name": "Colleague",
            "country": world.be.pk,
            "language": "en",
            "is_staff": "on",
            "is_superuser": "on",
            "password": "chosen-by-the-attacker",
        },
    )
    assert response.status_code in (200, 302)
    user = User.objects.get(email="new.colleague@example.eu")
    assert (user.is_staff, user.is_superuser, user.has_usable_password()) == (False, False, False)


def test_posting_an_email_to_the_language_form_changes_only_the_language(world, client_for):
    user = world.users["driver"]
    response = client_for(user).post(
        reverse("profile"), {"language": "nl", "email": "taken.over@evil.example"}
    )
    assert response.status_code in (200, 302)
    stored = type(user).objects.get(pk=user.pk)
    assert stored.email == user.email
