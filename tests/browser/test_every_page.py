"""Every HTML page of the URL map passes axe-core (WCAG 2.1 AA) in English and in Dutch.

One browser session per role walks the pages that role works with, first in English, then
again after choosing Nederlands in the site header's language switcher. Each walk asserts that
its tab's recorded audits (``Visitor.checked``: URL name and ``<html lang>``) hold every page of
its list in both languages; ``test_every_page_of_the_url_map_has_an_audit`` asserts that the
lists together name every page of ``matrix.yaml``'s ``urls``, so a new page without an audit
fails the suite.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.urls import reverse

from actors.models import Role, RoleAssignment
from assessments import services as assessment_services
from discussion import services as discussion_services
from empact.access import MATRIX
from oaps import services
from tests.browser import data
from tests.browser.conftest import Visitor
from tests.factories import (
    CycleFactory,
    DocumentVersionFactory,
    EmpactDocumentFactory,
    EvaluationFactory,
    HorizontalGoalFactory,
    KpiFactory,
    MaspFactory,
    MilestoneFactory,
    OperationalActionFactory,
    OperationalActionPlanFactory,
    PlanGoalFactory,
    RecommendationFactory,
    ReviewRoundFactory,
    RevisionFactory,
    ThreatAssessmentFactory,
    ThreatFactory,
)

LANGUAGES = ("en", "nl")
NEW_PASSWORDS = {"en": "Cocaine routes through ports 2026", "nl": "Cocaïneroutes via havens 2027"}

# Pages shown in English whatever the interface language, and why: their Dutch audit is a
# visit in a Dutch session that finds ``<html lang="en">``.
ENGLISH_ONLY = {"api:docs": "Swagger UI and the OpenAPI descriptions exist in English only"}

# URL names of the map that are not HTML pages, and why.
NOT_PAGES = {
    "set_language": "POST only: stores the language and redirects back",
    "logout": "POST only: signs out and redirects to the login page",
    "token-revoke": "POST only: revokes a token and redirects to the token list",
    "health-live": "plain-text health check",
    "health-ready": "plain-text health check",
    "notification-bell": "an htmx fragment: the bell inside the header of every page",
    "calendar-feed": "an iCalendar file for calendar programs",
    "document-version-download": "a document's file, downloaded as an attachment",
    "assessment-pdf": "a PDF document (its text is checked in test_assessment_story.py)",
}


def html_pages() -> set[str]:
    """The URL names of the map that a browser shows as a page: the REST API's reference page,
    no other API URL, no POST-only URL and none listed in ``NOT_PAGES``."""
    return {
        name
        for name, need in MATRIX.urls.items()
        if not need.endswith(" POST")
        and (not name.startswith("api:") or name == "api:docs")
        and name not in NOT_PAGES
    }


def email_link(mailoutbox) -> str:
    """The path of the password-reset link in the last e-mail sent."""
    return re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[-1].body).group(1)


def anonymous_pages(tab: Visitor, world, language: str, mailoutbox) -> None:
    page = tab.page
    tab.open(reverse("login"))
    tab.open(reverse("password_reset"))
    page.locator("#id_email").fill(world.nec.email)
    page.locator("main form").get_by_role("button").click()
    tab.check(reverse("password_reset_done"))
    assert len(mailoutbox) == 1
    page.goto(tab.base_url + email_link(mailoutbox))  # the real token, as the e-mail gives it
    tab.check(re.compile(r"/accounts/reset/[^/]+/set-password/"))
    page.locator("#id_new_password1").fill(NEW_PASSWORDS[language])
    page.locator("#id_new_password2").fill(NEW_PASSWORDS[language])
    page.locator("main form").get_by_role("button").click()
    tab.check(reverse("password_reset_complete"))
    world.nec.refresh_from_db()
    assert world.nec.check_password(NEW_PASSWORDS[language])
    mailoutbox.clear()


ANONYMOUS = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


def secretariat_pages(tab: Visitor, world, language: str, mailoutbox) -> None:
    page = tab.page
    cycle = world.plan.priority.cycle
    assignment = RoleAssignment.objects.get(user=world.driver)
    tab.open(reverse("api:docs"), ready=".swagger-ui .opblock")  # built by its script
    page.locator(".swagger-ui .opblock-summary-control").first.click()  # one operation opened
    tab.check(reverse("api:docs"), ready=".swagger-ui .opblock-body .responses-table")
    for path in (
        reverse("profile"),
        reverse("profile-email"),
        reverse("token-list"),
        reverse("password_change"),
        reverse("password_change_done"),
        reverse("user-list"),
        reverse("user-create"),
        reverse("user-detail", args=[world.driver.pk]),
        reverse("role-create"),
        reverse("role-end", args=[assignment.pk]),
        reverse("role-handover", args=[assignment.pk]),
        reverse("roles-ending-soon"),
        reverse("notification-list"),
        reverse("reports-missing"),
        reverse("cycle-list"),
        reverse("cycle-create"),
        reverse("cycle-detail", args=[cycle.pk]),
        reverse("plan-list"),
        reverse("country-list"),
        reverse("priority-detail", args=[world.plan.priority.pk]),
        reverse("review-round-list"),
        reverse("review-round-create"),
        reverse("review-round-detail", args=[world.review_round.pk]),
        reverse("cycle-revision-list", args=[cycle.pk]),
        reverse("revision-propose") + f"?cycle={cycle.pk}",
        reverse("revision-detail", args=[world.revision.pk]),
        reverse("revision-detail", args=[world.adopted_revision.pk]),
        reverse("revision-adopt", args=[world.revision.pk]),
        reverse("revision-reject", args=[world.revision.pk]),
        reverse("document-list"),
        reverse("cycle-document-list", args=[cycle.pk]),
        reverse("document-create"),
        reverse("document-detail", args=[world.document.pk]),  # its versions, the upload form
        reverse("assessment-list", args=[cycle.pk]),
        reverse("assessment-create", args=[cycle.pk]),
        reverse("assessment-detail", args=[world.assessment.pk]),
        reverse("assessment-item-detail", args=[world.assessment_item.pk]),
        reverse("assessment-adopt", args=[world.assessment.pk]),
        *setup_paths(world),
        reverse("cycle-next", args=[cycle.pk]),
        reverse("cycle-next", args=[world.cycle_without_masp.pk]),  # the form: 2034 is free
        reverse("plan-copy-from", args=[world.plan.pk]),
        reverse("home"),  # with the search form
    ):
        tab.open(path)
    search = page.locator("main form[role='search']")
    search.locator("input[name='q']").fill("cocaine")
    search.get_by_role("button").click()
    tab.check(reverse("search"))
    assert "OA 1.1" in page.locator("main").inner_text()


def setup_paths(world) -> list[str]:
    """The pages of setting a cycle up, on the world's cycle (the MASP's add page on a cycle
    without one: with one, it leads to the MASP's page)."""
    cycle = world.plan.priority.cycle
    return [
        *(reverse(f"cycle-setup{step}", args=[cycle.pk]) for step in SETUP_STEPS),
        reverse("milestone-edit", args=[world.milestone.pk]),
        reverse("threat-assessment-create", args=[cycle.pk]),
        reverse("threat-assessment-edit", args=[world.threat.assessment.pk]),
        reverse("threat-create", args=[world.threat.assessment.pk]),
        reverse("threat-edit", args=[world.threat.pk]),
        reverse("priority-create", args=[cycle.pk]),
        reverse("priority-edit", args=[world.plan.priority.pk]),
        reverse("masp-create", args=[world.cycle_without_masp.pk]),
        reverse("masp-edit", args=[world.chsg.masp.pk]),
        reverse("chsg-create", args=[world.chsg.masp.pk]),
        reverse("chsg-edit", args=[world.chsg.pk]),
        reverse("chsgs-copy", args=[world.chsg.masp.pk]),
        reverse("plan-create", args=[cycle.pk]),
        reverse("plan-setup", args=[world.plan.pk]),
        reverse("reporting-periods-generate", args=[cycle.pk]),
        reverse("reporting-period-edit", args=[world.period.pk]),
    ]


SETUP_STEPS = ("", "-milestones", "-threats", "-priorities", "-masp", "-plans", "-reporting")
SETUP = {
    *(f"cycle-setup{step}" for step in SETUP_STEPS),
    "milestone-edit",
    "threat-assessment-create",
    "threat-assessment-edit",
    "threat-create",
    "threat-edit",
    "priority-create",
    "priority-edit",
    "masp-create",
    "masp-edit",
    "chsg-create",
    "chsg-edit",
    "chsgs-copy",
    "plan-create",
    "plan-setup",
    "reporting-periods-generate",
    "reporting-period-edit",
}

SECRETARIAT = {
    *SETUP,
    "cycle-next",
    "plan-copy-from",
    "home",
    "profile",
    "profile-email",
    "token-list",
    "password_change",
    "password_change_done",
    "user-list",
    "user-create",
    "user-detail",
    "role-create",
    "role-end",
    "role-handover",
    "roles-ending-soon",
    "notification-list",
    "reports-missing",
    "cycle-list",
    "cycle-create",
    "cycle-detail",
    "plan-list",
    "country-list",
    "priority-detail",
    "review-round-list",
    "review-round-create",
    "review-round-detail",
    "cycle-revision-list",
    "revision-propose",
    "revision-detail",
    "revision-adopt",
    "revision-reject",
    "document-list",
    "cycle-document-list",
    "document-create",
    "document-detail",
    "assessment-list",
    "assessment-create",
    "assessment-detail",
    "assessment-item-detail",
    "assessment-adopt",
    "api:docs",
    "search",
}


def driver_pages(tab: Visitor, world, language: str, mailoutbox) -> None:
    # The plan's discussion (a comment addressed to the driver), then an empty comment sent:
    # htmx swaps the part with its error in place, audited again.
    plan_url = reverse("plan-detail", args=[world.plan.pk])
    tab.open(plan_url)
    form = tab.page.locator("#discussion form")
    form.locator("button.ecl-button--primary").click()  # add the comment (empty)
    tab.page.locator(
        "#discussion .ecl-feedback-message, #discussion [role='alert']"
    ).first.wait_for()
    tab.check(plan_url)
    # Find people: the part comes back with the people found, the search field focused.
    form = tab.page.locator("#discussion form")
    form.locator("input[name='find']").fill("tester")
    form.locator("button[name='find_people']").click()
    tab.page.locator("#discussion input[name='find'][autofocus]").wait_for()
    tab.check(plan_url)
    for path in (
        reverse("plan-detail", args=[world.plan.pk]),
        reverse("plan-edit", args=[world.plan.pk]),
        reverse("plan-goal-create", args=[world.plan.pk]),
        reverse("plan-goal-edit", args=[world.goal.pk]),
        reverse("action-create", args=[world.plan.pk]),
        reverse("action-detail", args=[world.action.pk]),
        reverse("action-edit", args=[world.action.pk]),
    ):
        tab.open(path)
    # The lock exceptions of the report: refused empty (the errors audited), then granted (the
    # list with its revoke button audited).
    lock_path = reverse("lock-exception-create", args=[world.action.pk])
    tab.open(f"{lock_path}?period={world.period.pk}")
    grant = tab.page.locator("main form.empact-form")
    grant.locator("button").first.click()
    tab.page.locator("main [role='alert']").first.wait_for()
    tab.check(lock_path)
    grant = tab.page.locator("main form.empact-form")
    grant.locator("select[name='user']").select_option(index=1)
    grant.locator("input[name='until']").fill("2099-12-31")
    grant.locator("textarea[name='reason']").fill("The national figures came late")
    grant.locator("button").first.click()
    tab.page.locator("main form[action*='/delete/']").first.wait_for()
    tab.check(lock_path)


DRIVER = {
    "plan-detail",
    "plan-edit",
    "plan-goal-create",
    "plan-goal-edit",
    "action-create",
    "action-detail",
    "action-edit",
    "lock-exception-create",
}


def leader_pages(tab: Visitor, world, language: str, mailoutbox) -> None:
    tab.open(reverse("action-report", args=[world.action.pk]))  # the periods to report on
    tab.open(reverse("report-edit", args=[world.report.pk]))


LEADER = {"action-report", "report-edit"}


def nec_pages(tab: Visitor, world, language: str, mailoutbox) -> None:
    tab.open(reverse("country-detail", args=[world.belgium.pk]))


NEC = {"country-detail"}


def delegate_pages(tab: Visitor, world, language: str, mailoutbox) -> None:
    plan = world.reviewed_plan
    tab.open(reverse("position-give", args=[plan.pk]) + f"?round={world.review_round.pk}")


DELEGATE = {"position-give"}


def commission_pages(tab: Visitor, world, language: str, mailoutbox) -> None:
    evaluation, recommendation = world.evaluation, world.recommendation
    for path in (
        reverse("evaluation-create"),
        reverse("evaluation-detail", args=[evaluation.pk]),
        reverse("evaluation-edit", args=[evaluation.pk]),
        reverse("recommendation-create", args=[evaluation.pk]),
        reverse("recommendation-edit", args=[recommendation.pk]),
        reverse("recommendation-follow-up", args=[recommendation.pk]),
    ):
        tab.open(path)


COMMISSION = {
    "evaluation-create",
    "evaluation-detail",
    "evaluation-edit",
    "recommendation-create",
    "recommendation-edit",
    "recommendation-follow-up",
}


def amendment_pages(tab: Visitor, world, language: str, mailoutbox) -> None:
    plan, amendment = world.amended_plan, world.amendment
    for path in (
        reverse("plan-detail", args=[plan.pk]),  # the version in force, the open amendment
        reverse("plan-versions", args=[plan.pk]),
        reverse("plan-compare", args=[plan.pk]) + "?a=1&b=draft",
        reverse("plan-amend", args=[plan.pk]),
        reverse("amendment-detail", args=[amendment.pk]),
        reverse("amendment-action-edit", args=[world.amended_action.pk]),
        reverse("amendment-action-add", args=[amendment.pk]),
        reverse("amendment-kpi-edit", args=[world.amended_kpi.pk]),
        reverse("amendment-kpi-add", args=[world.amended_action.pk]),
        reverse("action-detail", args=[world.amended_action.pk]),  # the status form
    ):
        tab.open(path)


AMENDMENT = {
    "plan-versions",
    "plan-compare",
    "plan-amend",
    "amendment-detail",
    "amendment-action-edit",
    "amendment-action-add",
    "amendment-kpi-edit",
    "amendment-kpi-add",
}

# role: (who signs in, the walk, the URL names the walk audits)
WALKS: dict[str, tuple[Callable, Callable, set[str]]] = {
    "anonymous": (lambda world: None, anonymous_pages, ANONYMOUS),
    "secretariat": (lambda world: world.secretariat, secretariat_pages, SECRETARIAT),
    "driver": (lambda world: world.driver, driver_pages, DRIVER),
    "action leader": (lambda world: world.leader, leader_pages, LEADER),
    "nec": (lambda world: world.nec, nec_pages, NEC),
    "cosi delegate": (lambda world: world.delegate, delegate_pages, DELEGATE),
    "commission": (lambda world: world.commission, commission_pages, COMMISSION),
    "amending driver": (lambda world: world.other_driver, amendment_pages, AMENDMENT),
}


def test_every_page_of_the_url_map_has_an_audit():
    assert set(NOT_PAGES) - set(MATRIX.urls) == set(), "NOT_PAGES lists URLs that do not exist"
    audited = set().union(*(names for *_, names in WALKS.values()))
    assert html_pages() - audited == set(), "pages without an axe audit: add them to a walk"
    assert audited - html_pages() == set(), "audits of URL names that are not pages of the map"


@pytest.fixture
def world():
    world = data.build()
    world.secretariat = data.user("Anna", "Lindqvist", Role.SECRETARIAT)
    world.goal = PlanGoalFactory(plan=world.plan)
    discussion_services.comment_add(
        actor=world.secretariat,
        obj=world.plan,
        body="Please add a KPI on seized cocaine.",
        addressed_to=[world.driver],
    )
    world.delegate = data.user("Pieter", "Janssens", Role.COSI_DELEGATE, country=world.belgium)
    world.reviewed_plan = OperationalActionPlanFactory(
        priority=world.other_plan.priority,
        code="OAP FIREARMS-B",
        title="Firearms trafficking on the Balkan route",
        first_year=world.other_plan.first_year,
        last_year=world.other_plan.last_year,
        status="submitted",
    )
    world.review_round = ReviewRoundFactory(
        cycle=world.plan.priority.cycle,
        title="COSI review of the firearms plan",
        plans=[world.reviewed_plan],
        closes_on=data.TODAY + datetime.timedelta(days=10),
        opened_by=world.secretariat,
    )
    cycle = world.plan.priority.cycle
    priority = world.plan.priority
    world.revision = RevisionFactory(
        priority=priority,
        reason="The interim report names synthetic opioids.",
        proposed={"title": f"{priority.title} and synthetic opioids"},
        proposed_by=world.secretariat,
    )
    world.adopted_revision = RevisionFactory(  # as adopted: its wording before and after kept
        priority=priority,
        reason="Precursors now come through new routes.",
        proposed={"description": "Also precursors."},
        proposed_by=world.secretariat,
        status="adopted",
        decided_by=world.secretariat,
        decided_on=data.TODAY,
        before={"title": priority.title, "description": ""},
        after={"title": priority.title, "description": "Also precursors."},
    )
    world.milestone = MilestoneFactory(cycle=cycle, title="COSI approves the OAPs")
    world.threat = ThreatFactory(
        assessment=ThreatAssessmentFactory(cycle=cycle, title="EU-SOCTA 2025"), title="Cocaine"
    )
    previous = HorizontalGoalFactory(masp=MaspFactory(cycle=CycleFactory(first_year=2022)))
    world.chsg = HorizontalGoalFactory(
        masp=MaspFactory(cycle=cycle), number=previous.number, title="Intelligence picture"
    )
    world.cycle_without_masp = CycleFactory(first_year=2030)
    world.commission = data.user("Claire", "Moreau", Role.COMMISSION)
    world.evaluation = EvaluationFactory(cycle=cycle, title="Independent evaluation 2026-2029")
    world.recommendation = RecommendationFactory(
        evaluation=world.evaluation, text="Fund the actions earlier in the cycle."
    )
    world.document = EmpactDocumentFactory(kind="socta", title="EU-SOCTA 2025", cycle=cycle)
    DocumentVersionFactory(document=world.document, notes="Adopted by COSI.")
    world.report = services.progress_report_save(
        actor=world.leader,
        action=world.action,
        period=world.period,
        data={"narrative": "Three hubs mapped.", "completion_estimate": 40},
        kpi_values={world.kpi.pk: (12, "")},
    )
    amended_plan(world)
    world.assessment = assessment_services.assessment_open(
        actor=world.secretariat,
        data={
            "cycle": cycle,
            "kind": "mid_term",
            "opens_on": data.TODAY - datetime.timedelta(days=3),
            "closes_on": data.TODAY + datetime.timedelta(days=20),
        },
    )
    world.assessment_item = world.assessment.items.filter(plan__isnull=False).first()
    return world


def amended_plan(world) -> None:
    """The other plan approved by COSI, with an open amendment proposing a new KPI target."""
    plan = world.amended_plan = world.other_plan
    action = world.amended_action = OperationalActionFactory(
        plan=plan,
        code="OA 2.1",
        title="Weapons trafficking on the Balkan route",
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2027, 11, 30),
    )
    world.amended_kpi = KpiFactory(action=action, name="Weapons seized", unit="number", target=40)
    services.plan_submit(actor=world.other_driver, plan=plan)
    services.plan_approve(
        actor=world.secretariat,
        plan=plan,
        approved_on=data.TODAY,
        meeting_reference="CM 1234/26",
    )
    world.amendment = services.amendment_open(
        actor=world.other_driver, plan=plan, reason="A new route opened."
    )
    services.amendment_change_save(
        actor=world.other_driver,
        amendment=world.amendment,
        target_type="kpi",
        target_id=world.amended_kpi.pk,
        field="target",
        value="60",
        reason="More seizures expected on the new route.",
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", list(WALKS))
def test_every_page_a_role_sees_passes_axe_in_english_and_dutch(role, world, visitor, mailoutbox):
    who, walk, names = WALKS[role]
    tab = visitor(who(world))
    for language in LANGUAGES:
        if language != "en":
            tab.switch_language(language)
        start = len(tab.checked)
        walk(tab, world, language, mailoutbox)

        audited = {(audit.url_name, audit.language) for audit in tab.checked[start:]}
        expected = {(name, "en" if name in ENGLISH_ONLY else language) for name in names}
        missing = expected - audited
        assert missing == set(), f"pages the {language} walk did not audit: {sorted(missing)}"
