"""The plan page (overview, action table with filters and progress, funding, workflow) and the
plan editor (plan fields, plan goals in place, the order of the actions, concurrent edits)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from empact.services import version_of
from funding.models import FundingRequest
from oaps import services
from oaps.models import Kpi, OperationalAction, OperationalActionPlan, PlanGoal
from oaps.views.plans import ACTIONS_PER_PAGE
from tests.factories import (
    KpiFactory,
    KpiValueFactory,
    OperationalActionFactory,
    ProgressReportFactory,
)
from tests.pages import missing_from

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def driver(world, client_for):
    return client_for(world.users["driver"])


@pytest.fixture
def secretariat(world, client_for):
    return client_for(world.users["secretariat"])


def plan_url(plan, name="plan-detail"):
    return reverse(name, args=[plan.pk])


def fresh(obj):
    """The object as stored now (the world's objects are shared by the module's tests)."""
    return type(obj).objects.get(pk=obj.pk)


def listed(response) -> set[str]:
    return {action.title for action in response.context["page"].object_list}


# --- the plan page -----------------------------------------------------------------------------


def test_the_driver_sees_the_overview_the_actions_and_the_funding_of_their_plan(world, driver):
    response = driver.get(plan_url(world.p1))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page and world.p1.code in page
    assert "Police BE (BE)" in page  # the driver
    assert listed(response) == {"a1", "a2"}
    assert "10,000.00" in page  # request_a1, the only request of the plan
    assert reverse("plan-submit", args=[world.p1.pk]) in page
    assert reverse("plan-edit", args=[world.p1.pk]) in page
    assert reverse("plan-approve", args=[world.p1.pk]) not in page


def test_a_participant_sees_only_the_funding_of_their_own_action(world, client_for):
    response = client_for(world.users["participant"]).get(plan_url(world.p1))

    assert response.status_code == 200
    assert listed(response) == {"a1", "a2"}
    assert response.context["funding"].rows == []
    assert "No funding requests that you may see." in response.content.decode()
    assert reverse("plan-edit", args=[world.p1.pk]) not in response.content.decode()


def test_the_funding_summary_adds_up_by_source_and_leaves_out_withdrawn_requests(world, driver):
    FundingRequest.objects.filter(pk=world.request_a1.pk).update(
        status="granted",
        granted=Decimal("8000"),
        spent=Decimal("1500.50"),
        decision_date="2024-01-15",
    )
    FundingRequest.objects.create(
        action=world.a2,
        source=world.source,
        title="Withdrawn",
        requested=Decimal("99999"),
        status="withdrawn",
    )

    funding = driver.get(plan_url(world.p1)).context["funding"]

    (line,) = funding.lines
    assert (line.requests, line.requested, line.granted, line.spent) == (
        1,
        Decimal("10000"),
        Decimal("8000"),
        Decimal("1500.50"),
    )
    assert funding.total.requested == Decimal("10000")


def test_the_action_table_shows_the_last_report_and_the_kpi_progress(world, driver):
    page = driver.get(plan_url(world.p1)).content.decode()

    # a1: a draft report with 3 of a target of 10
    assert "Draft" in page
    assert "30&nbsp;%" in page


def test_kpi_values_and_reports_stay_hidden_from_people_who_may_not_see_them(world, client_for):
    """The co-action leader of a3 (plan p2) sees the actions of p1, not their reports."""
    response = client_for(world.users["co_action_leader"]).get(plan_url(world.p1))

    assert listed(response) == {"a1", "a2"}
    rows = {action.title: action for action in response.context["page"].object_list}
    assert rows["a1"].last_report_status is None
    assert [p.value for p in rows["a1"].kpi_progress] == [None]
    assert "30&nbsp;%" not in response.content.decode()


def test_filtering_with_htmx_returns_only_the_table(world, driver):
    OperationalAction.objects.filter(pk=world.a2.pk).update(status="ongoing")

    response = driver.get(plan_url(world.p1), {"status": "ongoing"}, **HTMX)

    assert response.status_code == 200
    assert response.templates[0].name == "oaps/_plan_actions.html"
    assert "<html" not in response.content.decode()
    assert listed(response) == {"a2"}
    assert "HX-Request" in response["Vary"]


def test_filtering_works_without_javascript(world, driver):
    response = driver.get(plan_url(world.p1), {"status": "planned"})

    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert listed(response) == {"a1", "a2"}


def test_the_country_filter_finds_actions_a_country_leads_or_takes_part_in(world, driver):
    def by_country(country):
        return listed(driver.get(plan_url(world.p1), {"country": country.pk}))

    assert by_country(world.be) == {"a1"}  # leads a1
    assert by_country(world.de) == {"a1", "a2"}  # its police takes part in a1, itself in a2
    assert by_country(world.nl) == {"a1", "a2"}  # takes part in a1, leads a2


def test_the_table_filters_by_chsg_and_leader_and_sorts(world, driver):
    assert listed(driver.get(plan_url(world.p1), {"leader": world.org_nl.pk})) == {"a2"}
    assert listed(driver.get(plan_url(world.p1), {"chsg": world.chsg_a.pk})) == {"a1", "a2"}
    response = driver.get(plan_url(world.p1), {"sort": "-title"})
    assert [a.title for a in response.context["page"].object_list] == ["a2", "a1"]


def test_a_stale_filter_value_is_ignored_and_flagged(world, driver):
    response = driver.get(plan_url(world.p1), {"leader": "999999"})

    assert response.status_code == 200
    assert listed(response) == {"a1", "a2"}
    assert response.context["filter_form"].errors["leader"]


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_actions(plan, how_many: int) -> list[str]:
    """Actions with a KPI and a report; the codes and titles by which the table shows them."""
    shown = []
    for _ in range(how_many):
        action = OperationalActionFactory(plan=plan)
        kpi = KpiFactory(action=action)
        report = ProgressReportFactory(action=action, period=plan.reporting_periods.first())
        KpiValueFactory(report=report, kpi=kpi, value=Decimal("4"))
        shown += [action.code, action.title]
    return shown


def test_the_action_table_runs_the_same_queries_for_1_and_30_rows(world, client_for):
    plan = OperationalActionPlan.objects.create(
        priority=world.priority_a,
        code="QC",
        title="Query count",
        first_year=2024,
        last_year=2025,
        driver=world.org_be,
    )
    plan.reporting_periods.create(
        title="H1", start="2024-01-01", end="2024-06-30", deadline="2024-07-31"
    )
    client = client_for(world.users["secretariat"])
    url = plan_url(plan)
    added = _add_actions(plan, 1)
    client.get(url)  # warm up: session, content types
    one = _count_queries(client, url)
    htmx_one = len(_htmx_queries(client, url))
    added += _add_actions(plan, 29)

    assert _count_queries(client, url) == one
    assert len(_htmx_queries(client, url)) == htmx_one
    for headers in ({}, HTMX):  # the table runs over two pages
        pages = [client.get(url, {"page": page}, **headers) for page in (1, 2)]
        assert [len(page.context["page"].object_list) for page in pages] == [
            ACTIONS_PER_PAGE,
            30 - ACTIONS_PER_PAGE,
        ]
        assert not missing_from("".join(page.content.decode() for page in pages), added)


def _htmx_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **HTMX).status_code == 200
    return queries.captured_queries


# --- workflow ----------------------------------------------------------------------------------


def test_the_driver_submits_the_plan_to_cosi(world, driver):
    response = driver.post(plan_url(world.p1, "plan-submit"), follow=True)

    assert fresh(world.p1).status == "submitted"
    assert "was submitted to COSI" in response.content.decode()


def test_submitting_a_plan_without_actions_shows_why_it_cannot_be_submitted(world, driver):
    OperationalAction.objects.filter(plan=world.p1).update(status="cancelled")

    response = driver.post(plan_url(world.p1, "plan-submit"), follow=True)

    assert fresh(world.p1).status == "draft"
    assert "no operational action yet" in response.content.decode()


def test_the_secretariat_approves_a_submitted_plan_with_a_comment(world, secretariat):
    OperationalActionPlan.objects.filter(pk=world.p1.pk).update(status="submitted")
    page = secretariat.get(plan_url(world.p1)).content.decode()
    assert reverse("plan-approve", args=[world.p1.pk]) in page

    assert 'name="approve-meeting_reference"' in page
    secretariat.post(
        plan_url(world.p1, "plan-approve"),
        {
            "approve-comment": "Well done.",
            "approve-approved_on": "2026-11-20",
            "approve-meeting_reference": "CM 1/26",
        },
    )

    plan = fresh(world.p1)
    assert (plan.status, plan.decision_comment) == ("approved", "Well done.")
    assert (str(plan.approved_on), plan.meeting_reference) == ("2026-11-20", "CM 1/26")


def test_an_approval_without_its_meeting_is_refused_with_a_message(world, secretariat):
    OperationalActionPlan.objects.filter(pk=world.p1.pk).update(status="submitted")
    response = secretariat.post(
        plan_url(world.p1, "plan-approve"), {"approve-approved_on": "2026-11-20"}, follow=True
    )
    assert fresh(world.p1).status == "submitted"
    assert "reference of its meeting" in response.content.decode()


def test_the_plan_page_lists_what_is_missing_before_the_submit_button(world, driver):
    Kpi.objects.filter(action=world.a2).delete()
    page = driver.get(plan_url(world.p1)).content.decode()
    assert "has no KPI with a target" in page
    assert reverse("action-edit", args=[world.a2.pk]) in page
    assert page.index("has no KPI with a target") < page.index(
        reverse("plan-submit", args=[world.p1.pk])
    )


def test_returning_a_plan_needs_a_comment(world, secretariat):
    OperationalActionPlan.objects.filter(pk=world.p1.pk).update(status="submitted")

    response = secretariat.post(plan_url(world.p1, "plan-return"), follow=True)

    assert fresh(world.p1).status == "submitted"
    assert "Say what needs to change" in response.content.decode()
    secretariat.post(plan_url(world.p1, "plan-return"), {"return-comment": "Add KPIs."})
    plan = fresh(world.p1)
    assert (plan.status, plan.decision_comment) == ("returned", "Add KPIs.")


def test_approving_a_draft_plan_is_refused_with_a_message(world, secretariat):
    response = secretariat.post(plan_url(world.p1, "plan-approve"), follow=True)

    assert fresh(world.p1).status == "draft"
    assert "this step is possible only when it is" in response.content.decode()


# --- the editor --------------------------------------------------------------------------------


def plan_form_data(plan, **changes) -> dict[str, str]:
    data = {
        "title": plan.title,
        "first_year": str(plan.first_year),
        "last_year": str(plan.last_year),
        "co_drivers": [str(pk) for pk in plan.co_drivers.values_list("pk", flat=True)],
        "add_co_driver": "",
        "version": version_of(plan),
    }
    data.update(changes)
    return data


def test_the_driver_edits_the_plan_but_the_co_drivers_are_the_secretariats_to_set(world, driver):
    page = driver.get(plan_url(world.p1, "plan-edit"))
    assert "add_co_driver" not in page.context["form"].fields

    response = driver.post(
        plan_url(world.p1, "plan-edit"),
        plan_form_data(fresh(world.p1), title="Renamed", add_co_driver="police nl (nl)"),
    )

    assert response.status_code == 302
    plan = fresh(world.p1)
    assert plan.title == "Renamed"
    assert list(plan.co_drivers.all()) == []


def test_the_secretariat_adds_a_co_driver_from_the_list_on_the_plans_set_up(world, client_for):
    secretariat = client_for(world.users["secretariat"])
    url = plan_url(world.p1, "plan-setup")
    page = secretariat.get(url).content.decode()
    assert '<datalist id="empact-organisations">' in page
    assert '<option value="Police NL (NL)">' in page

    response = secretariat.post(
        url,
        {
            "code": world.p1.code,
            "driver": "Police BE (BE)",
            "add_co_driver": "police nl (nl)",
            "version": version_of(fresh(world.p1)),
        },
    )

    assert response.status_code == 302
    assert list(fresh(world.p1).co_drivers.all()) == [world.org_nl]


def test_an_organisation_not_in_the_list_is_refused_and_the_input_kept(world, client_for):
    response = client_for(world.users["secretariat"]).post(
        plan_url(world.p1, "plan-setup"),
        {
            "code": "Kept code",
            "driver": "Police BE (BE)",
            "add_co_driver": "Nonexistent police",
            "version": version_of(fresh(world.p1)),
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose an organisation from the list" in page
    assert 'value="Nonexistent police"' in page
    assert 'value="Kept code"' in page


def test_validation_errors_show_next_to_the_field_and_keep_the_input(world, driver):
    response = driver.post(
        plan_url(world.p1, "plan-edit"),
        plan_form_data(fresh(world.p1), title="My new title", last_year="2030"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["last_year"]
    page = response.content.decode()
    assert 'id="id_last_year_error"' in page
    assert 'value="My new title"' in page
    assert fresh(world.p1).title == "p1"


def test_a_concurrent_change_to_the_plan_is_shown_and_the_users_input_kept(world, driver):
    stale = plan_form_data(fresh(world.p1), title="Driver's title")
    services.plan_update(
        actor=world.users["administrator"],
        plan=world.p1,
        data={"title": "Admin's title"},
        version=None,
    )

    response = driver.post(plan_url(world.p1, "plan-edit"), stale)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Somebody else changed this plan while you were editing it." in page
    (conflict,) = response.context["conflicts"]
    assert [(c.label, c.old, c.new) for c in conflict.changes] == [
        ("title", "Admin's title", "Driver's title")
    ]
    assert conflict.by == world.users["administrator"]
    assert 'value="Driver&#x27;s title"' in page
    assert fresh(world.p1).title == "Admin's title"
    version = response.context["form"]["version"].value()
    assert version == version_of(fresh(world.p1))

    again = driver.post(plan_url(world.p1, "plan-edit"), {**stale, "version": version})

    assert again.status_code == 302
    assert fresh(world.p1).title == "Driver's title"


def test_the_conflict_lists_only_what_the_other_person_changed(world, driver):
    stale = plan_form_data(fresh(world.p1), title="Driver's title")
    services.plan_update(
        actor=world.users["administrator"],
        plan=world.p1,
        data={"last_year": 2024},
        version=None,
    )

    conflict = driver.post(plan_url(world.p1, "plan-edit"), stale).context["conflicts"][0]

    assert [(c.label, c.old, c.new) for c in conflict.changes] == [("last year", 2024, 2025)]


# --- plan goals --------------------------------------------------------------------------------


def goal_data(prefix, goal=None, **values) -> dict[str, str]:
    data = {
        "number": str(goal.number) if goal else "2",
        "title": goal.title if goal else "",
        "description": "",
        "version": version_of(goal) if goal else "",
    }
    data.update(values)
    return {f"{prefix}-{name}": value for name, value in data.items()}


def test_adding_a_goal_with_htmx_returns_the_goal_list_in_place(world, driver):
    response = driver.post(
        plan_url(world.p1, "plan-goal-create"),
        goal_data("new-goal", title="Dismantle networks"),
        **HTMX,
    )

    assert response.status_code == 200
    assert response.templates[0].name == "oaps/_plan_goals.html"
    assert response["HX-Push-Url"] == "false"
    assert "G2: Dismantle networks" in response.content.decode()
    goal = PlanGoal.objects.get(plan=world.p1, number=2)
    assert goal.history.first().history_change_reason == "oaps.plan_goal.created"


def test_adding_a_goal_works_without_javascript(world, driver):
    response = driver.post(
        plan_url(world.p1, "plan-goal-create"), goal_data("new-goal", title="Plain")
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#plan-goals")
    assert PlanGoal.objects.filter(plan=world.p1, title="Plain").exists()


def test_an_invalid_goal_keeps_the_input_in_the_goal_list(world, driver):
    response = driver.post(
        plan_url(world.p1, "plan-goal-create"),
        goal_data("new-goal", number="1", title="Same number"),
        **HTMX,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "This plan already has a goal with this number." in page
    assert 'value="Same number"' in page


def test_a_goal_is_edited_in_place(world, driver):
    goal = fresh(world.p1_goal)
    url = reverse("plan-goal-edit", args=[goal.pk])

    form = driver.get(url, **HTMX)
    assert f'action="{url}"' in form.content.decode()

    response = driver.post(url, goal_data(f"goal-{goal.pk}", goal, title="Sharper"), **HTMX)

    assert response.status_code == 200
    assert fresh(goal).title == "Sharper"
    assert "G1: Sharper" in response.content.decode()


def test_a_stale_goal_edit_shows_the_conflict(world, driver):
    goal = fresh(world.p1_goal)
    stale = goal_data(f"goal-{goal.pk}", goal, title="Mine")
    goal.title = "Theirs"
    goal.save()

    response = driver.post(reverse("plan-goal-edit", args=[goal.pk]), stale, **HTMX)

    assert "Somebody else changed plan goal 1" in response.content.decode()
    assert fresh(goal).title == "Theirs"


def test_a_goal_is_deleted(world, driver):
    response = driver.post(reverse("plan-goal-delete", args=[world.p1_goal.pk]), **HTMX)

    assert response.status_code == 200
    assert not PlanGoal.objects.filter(pk=world.p1_goal.pk).exists()
    assert "No plan goals yet." in response.content.decode()


# --- the order of the actions ------------------------------------------------------------------


def order(plan) -> list[str]:
    return list(plan.actions.order_by("position", "code").values_list("title", flat=True))


def test_moving_an_action_down_changes_the_order(world, driver):
    services.actions_reorder(
        actor=world.users["driver"], plan=world.p1, order=[world.a1.pk, world.a2.pk]
    )

    response = driver.post(plan_url(world.p1, "action-reorder"), {"down": world.a1.pk})

    assert response.status_code == 302
    assert order(world.p1) == ["a2", "a1"]


def test_moving_an_action_up_with_htmx_returns_the_action_list(world, driver):
    services.actions_reorder(
        actor=world.users["driver"], plan=world.p1, order=[world.a1.pk, world.a2.pk]
    )

    response = driver.post(plan_url(world.p1, "action-reorder"), {"up": world.a2.pk}, **HTMX)

    assert response.status_code == 200
    assert response.templates[0].name == "oaps/_plan_editor_actions.html"
    assert order(world.p1) == ["a2", "a1"]
    assert [a.title for a in response.context["actions"]] == ["a2", "a1"]


def test_the_editor_cannot_be_opened_on_an_approved_plan(world, client_for):
    response = client_for(world.users["co_driver"]).get(plan_url(world.p2, "plan-edit"))

    assert response.status_code == 403


def post_forms(page: str) -> list[str]:
    return re.findall(r'<form method="post".*?</form>', page, flags=re.S)


def test_the_plan_history_shows_who_changed_the_plan_and_its_goals(world, driver):
    driver_user = world.users["driver"]
    services.plan_update(
        actor=driver_user, plan=world.p1, data={"title": "Sharper plan title"}, version=None
    )
    services.plan_goal_save(
        actor=driver_user,
        plan=world.p1,
        goal=None,
        data={"number": 7, "title": "Cut the supply routes"},
        version=None,
    )

    response = driver.get(plan_url(world.p1))

    history = response.context["history"]
    assert [entry.event for entry in history[:2]] == [
        "oaps.plan_goal.created",
        "oaps.plan.changed",
    ]
    assert history[0].subject == "Plan goal p1 G7: Cut the supply routes"
    assert history[0].description == "A plan-specific goal added."
    assert history[1].user == driver_user
    assert [(c.label, c.new) for c in history[1].changes] == [("title", "Sharper plan title")]
    page = response.content.decode()
    assert '<h2 id="history-heading">History</h2>' in page
    assert "<ins>Sharper plan title</ins>" in page


def test_every_post_form_of_the_plan_pages_carries_a_csrf_token(world, client_for):
    OperationalActionPlan.objects.filter(pk=world.p2.pk).update(status="submitted")
    pages = [
        (world.users["driver"], plan_url(world.p1)),
        (world.users["driver"], plan_url(world.p1, "plan-edit")),
        (world.users["secretariat"], plan_url(world.p2)),
    ]
    for user, url in pages:
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        forms = post_forms(client.get(url).content.decode())
        assert forms, url
        for form in forms:
            assert "csrfmiddlewaretoken" in form, (url, form[:200])


def test_moving_an_action_works_with_csrf_checks_on(world):
    services.actions_reorder(
        actor=world.users["driver"], plan=world.p1, order=[world.a1.pk, world.a2.pk]
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["driver"])
    page = client.get(plan_url(world.p1, "plan-edit")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    response = client.post(
        plan_url(world.p1, "action-reorder"),
        {"csrfmiddlewaretoken": token, "down": world.a1.pk},
    )

    assert response.status_code == 302
    assert order(world.p1) == ["a2", "a1"]


def test_the_plan_history_reads_the_audit_log_at_a_constant_query_count(world, driver):
    """One event or fifty (of the plan and of its goals): the same queries, every entry shown,
    newest first; the panel stops at fifty."""
    driver_user = world.users["driver"]
    goal = world.p1_goal

    def change(n: int, start: int) -> None:
        for i in range(start, start + n):
            services.plan_goal_save(
                actor=driver_user,
                plan=world.p1,
                goal=goal,
                data={"title": f"Goal, version {i}"},
                version=None,
            )

    change(1, 0)
    driver.get(plan_url(world.p1))  # warm up: session, content types, roles
    one = _count_queries(driver, plan_url(world.p1))
    change(49, 1)
    many = _count_queries(driver, plan_url(world.p1))
    response = driver.get(plan_url(world.p1))

    assert many == one
    history = response.context["history"]
    assert len(history) == 50
    assert [c.new for c in history[0].changes] == ["Goal, version 49"]
    page = response.content.decode()
    assert all(f"<ins>Goal, version {i}</ins>" in page for i in range(1, 50))


def test_the_plan_page_shows_the_plans_reporting_compliance(world, client_for):
    """Issue 13: the reports due so far, on time, late and not handed in."""
    from oaps.models import ProgressReport

    ProgressReport.objects.filter(pk=world.r3.pk).update(days_late=5)
    response = client_for(world.users["secretariat"]).get(
        reverse("plan-detail", args=[world.p2.pk])
    )
    compliance = response.context["compliance"]
    assert compliance.late >= 1
    assert any(row.action == world.a3 and row.status == "late" for row in compliance.rows)
    page = response.content.decode()
    assert "Reporting compliance" in page and "Not handed in" in page
