"""The coordinators' work in a real browser: reports, reviews, confirmations, refusals and
conflicts. Every page visited is checked with axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from oaps import services
from oaps.models import OperationalResult, Participation, ProgressReport
from oaps.views import reporting as reports
from tests.browser import data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    return data.build()


def start_url(world) -> str:
    return f"{reverse('action-report', args=[world.action.pk])}?period={world.period.pk}"


def submitted_report(world) -> ProgressReport:
    report = services.progress_report_save(
        actor=world.leader,
        action=world.action,
        period=world.period,
        data={"narrative": "Three hubs mapped.", "completion_estimate": 40},
        kpi_values={world.kpi.pk: (12, "")},
    )
    return services.progress_report_submit(actor=world.leader, report=report)


def test_an_action_leader_saves_a_draft_finds_it_again_and_submits_it(world, visitor, monkeypatch):
    monkeypatch.setattr(reports, "AUTOSAVE_SECONDS", 1)
    tab = visitor(world.leader)
    page = tab.page
    # The editor starts at the action's report URL and moves to the report's own once saved.
    report_page = re.compile(rf"{reverse('action-report', args=[world.action.pk])}|/reports/\d+/")

    tab.open(reverse("home"))
    page.get_by_role("link", name=re.compile("OA 1.1: Intelligence picture")).first.click()
    tab.check(report_page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Progress report OA 1.1")

    page.get_by_label("Progress narrative").fill("Mapped the routes through three ports.")
    expect(page.locator("#report-autosave-message")).to_contain_text("Draft saved at", timeout=8000)
    assert ProgressReport.objects.get(action=world.action).narrative.startswith("Mapped")

    page.get_by_label("Value (number)").fill("17")
    page.get_by_role("button", name="Add a result row").click()
    expect(page.locator("select[name='results-1-result_type']")).to_be_focused()
    tab.check(report_page)
    page.locator("select[name='results-0-result_type']").select_option(label="Arrests (number)")
    page.locator("input[name='results-0-quantity']").fill("9")
    page.get_by_role("button", name="Save draft").first.click()
    expect(page.get_by_role("status").filter(has_text="Your draft was saved.")).to_be_visible()
    tab.check(report_page)

    page.reload()
    tab.check(report_page)
    expect(page.get_by_label("Progress narrative")).to_have_value(
        "Mapped the routes through three ports."
    )
    expect(page.get_by_label("Value (number)")).to_have_value("17")
    expect(page.get_by_role("table", name="Results recorded for this period")).to_contain_text(
        "Arrests"
    )

    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator(".empact-error-summary")).to_contain_text("the completion estimate")
    tab.check(report_page)
    page.get_by_label("Completion estimate (%)").fill("35")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("status").filter(has_text="submitted")).to_be_visible()
    tab.check(report_page)

    report = ProgressReport.objects.get(action=world.action, period=world.period)
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.completion_estimate == 35
    assert OperationalResult.objects.get(action=world.action).quantity == 9


def test_the_driver_returns_a_report_with_a_comment(world, visitor):
    report = submitted_report(world)
    tab = visitor(world.driver)
    page = tab.page

    tab.open(reverse("home"))
    page.get_by_role("link", name=re.compile("OA 1.1, H2 2026")).click()
    review_page = re.compile(rf"/reports/{report.pk}/(review/)?")
    tab.check(review_page)
    page.get_by_role("button", name="Return for changes").click()
    expect(page.locator("#id_comment_error")).to_be_visible()
    tab.check(review_page)
    page.get_by_label("Review comment").fill("Add the seizures of the October operation.")
    page.get_by_role("button", name="Return for changes").click()
    expect(page.get_by_role("status").filter(has_text="returned")).to_be_visible()
    tab.check(review_page)

    report.refresh_from_db()
    assert report.status == ProgressReport.Status.RETURNED
    assert report.review_comment == "Add the seizures of the October operation."

    leader = visitor(world.leader)
    leader.open(reverse("report-edit", args=[report.pk]))
    expect(leader.page.get_by_text("Add the seizures of the October operation.")).to_be_visible()


def test_a_nec_confirms_a_participation_of_their_country(world, visitor):
    tab = visitor(world.nec)
    page = tab.page

    tab.open(reverse("home"))
    page.get_by_role("link", name="Belgium: actions and national contacts").click()
    country_page = reverse("country-detail", args=[world.belgium.pk])
    tab.check(country_page)
    expect(page.get_by_text("Inspector Claes")).to_be_visible()
    page.get_by_role("group", name=re.compile("Decision on Belgium in OA 1.1")).get_by_role(
        "button", name="Confirm"
    ).click()
    expect(page.get_by_role("status").filter(has_text="confirmed")).to_be_visible()
    tab.check(country_page)

    world.participation.refresh_from_db()
    assert world.participation.confirmation == Participation.Confirmation.CONFIRMED
    assert world.participation.confirmed_by == world.nec


def test_a_driver_cannot_open_another_plans_editor(world, visitor):
    tab = visitor(world.driver)
    response = tab.open(reverse("plan-edit", args=[world.other_plan.pk]))
    assert response.status == 403
    expect(tab.page.get_by_role("heading", level=1)).to_be_visible()


def test_concurrent_edits_show_both_versions_and_keep_the_input(world, visitor, monkeypatch):
    monkeypatch.setattr(reports, "AUTOSAVE_SECONDS", 3600)
    report = services.progress_report_save(
        actor=world.leader,
        action=world.action,
        period=world.period,
        data={"narrative": "First draft."},
    )
    url = reverse("report-edit", args=[report.pk])
    mine, theirs = visitor(world.leader), visitor(world.co_leader)
    mine.open(url)
    theirs.open(url)

    theirs.page.get_by_label("Progress narrative").fill("The co-leader's text.")
    theirs.page.get_by_role("button", name="Save draft").first.click()
    expect(
        theirs.page.get_by_role("status").filter(has_text="Your draft was saved.")
    ).to_be_visible()
    theirs.check(url)

    mine.page.get_by_label("Progress narrative").fill("The leader's text.")
    mine.page.get_by_role("button", name="Save draft").first.click()
    conflict = mine.page.locator("#report-conflict")
    expect(conflict).to_contain_text("Somebody else saved this report")
    expect(conflict.get_by_role("table")).to_contain_text("The co-leader's text.")
    expect(conflict.get_by_role("table")).to_contain_text("The leader's text.")
    expect(mine.page.get_by_label("Progress narrative")).to_have_value("The leader's text.")
    mine.check(url)
    assert ProgressReport.objects.get(pk=report.pk).narrative == "The co-leader's text."

    mine.page.get_by_role("button", name="Save draft").first.click()
    expect(mine.page.get_by_role("status").filter(has_text="Your draft was saved.")).to_be_visible()
    mine.check(url)
    assert ProgressReport.objects.get(pk=report.pk).narrative == "The leader's text."
