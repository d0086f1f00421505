"""COSI's side of a plan in a real browser, from the cycle's set-up to an amendment (issue 11's
"Done when"): the secretariat sets the cycle up; the driver completes the plan as the
completeness list asks and submits it; two delegations give their positions in a review round;
COSI returns the plan, the driver fixes and resubmits it, COSI approves it; the driver amends a
KPI target with a reason and the comparison shows it. Every page visited is checked with
axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actors.models import Country, Role
from cycles.models import Cycle
from empact.models import Event
from oaps.models import OperationalAction, OperationalActionPlan
from reviews.models import Position, ReviewRound
from tests.browser import data
from tests.factories import (
    CountryFactory,
    HorizontalGoalFactory,
    MaspFactory,
    OrganisationFactory,
    TimetableEntryFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Plan = OperationalActionPlan


def test_a_plan_goes_from_the_cycle_set_up_through_cosi_review_to_an_amendment(visitor):
    TimetableEntryFactory(
        kind="priorities_adopted",
        step=2,
        title_pattern="Council adopts the priorities {year}-{year+3}",
        year_offset=-1,
        month=5,
        day=26,
    )
    spain = CountryFactory(code="ES", name="Spain")
    belgium = CountryFactory(code="BE", name="Belgium", kind=Country.Kind.EU_MEMBER_STATE)
    france = CountryFactory(code="FR", name="France", kind=Country.Kind.EU_MEMBER_STATE)
    police = OrganisationFactory(name="Guardia Civil", acronym="GC", country=spain)
    driver = UserFactory(
        first_name="Carmen", last_name="Garcia", email="carmen@example.eu", organisation=police
    )
    secretariat = data.user("Sophie", "Laurent", Role.SECRETARIAT)
    belgian = data.user("Pieter", "Claes", Role.COSI_DELEGATE, country=belgium)
    french = data.user("Claire", "Martin", Role.COSI_DELEGATE, country=france)

    # 1. The secretariat creates the cycle (its milestones come from the timetable) ...
    cosi = visitor(secretariat)
    page = cosi.page
    cosi.open(reverse("cycle-create"))
    page.get_by_label("First year").fill("2026")
    page.get_by_role("button", name="Create the cycle").click()
    cosi.check(re.compile(r"/cycles/\d+/setup/"))
    cycle = Cycle.objects.get(first_year=2026)
    assert [m.title for m in cycle.milestones.all()] == ["Council adopts the priorities 2026-2029"]
    # ... its general MASP and a CHSG (their own set-up pages are tested elsewhere) ...
    chsg = HorizontalGoalFactory(
        masp=MaspFactory(cycle=cycle), number=1, title="Criminal intelligence picture"
    )
    # ... a priority of the Council ...
    cosi.open(reverse("priority-create", args=[cycle.pk]))
    page.get_by_label("Code").fill("DRUGS")
    page.get_by_label("Title").fill("Drug trafficking")
    page.get_by_label("Council reference").fill("9184/25")
    page.get_by_role("button", name="Save").click()
    cosi.check(reverse("cycle-setup-priorities", args=[cycle.pk]))
    # ... and the plan of that priority with its driver.
    cosi.open(reverse("cycle-setup-plans", args=[cycle.pk]))
    page.get_by_role("link", name="Add a plan to DRUGS").click()
    cosi.check(reverse("plan-create", args=[cycle.pk]))
    page.get_by_label("Code").fill("OAP DRUGS 2026-2027")
    page.get_by_label("Title").fill("Operational action plan on drug trafficking")
    page.locator("#id_driver").fill("Guardia Civil (GC, ES)")
    page.locator("#id_drivers").select_option(label="Carmen Garcia - Guardia Civil (GC, ES)")
    page.get_by_role("button", name="Save").click()
    cosi.check(reverse("cycle-setup-plans", args=[cycle.pk]))
    plan = Plan.objects.get(code="OAP DRUGS 2026-2027")
    assert (plan.first_year, plan.last_year, plan.status) == (2026, 2027, Plan.Status.DRAFT)
    assert plan.role_assignments.get().user == driver

    # 2. The driver sees what is missing, as links, and completes the plan.
    driving = visitor(driver)
    tab = driving.page
    plan_url = reverse("plan-detail", args=[plan.pk])
    driving.open(plan_url)
    missing = tab.locator("ul.empact-completeness")
    expect(missing).to_contain_text("The plan has no operational action yet")
    missing.get_by_role("link", name=re.compile("no operational action")).click()
    driving.check(reverse("action-create", args=[plan.pk]))
    tab.locator("#id_code").fill("OA 1.1")
    tab.locator("#id_title").fill("Intelligence picture of cocaine in container shipping")
    tab.locator("#id_horizontal_goal").select_option(value=str(chsg.pk))
    tab.locator("#id_leader").fill("Guardia Civil (GC, ES)")
    tab.locator("#id_start_date").fill("2026-03-01")
    tab.locator("#id_end_date").fill("2027-10-31")
    tab.get_by_role("button", name="Save the action").first.click()
    driving.check(re.compile(r"/actions/\d+/"))
    action = OperationalAction.objects.get(plan=plan, code="OA 1.1")
    assert (action.leader, action.horizontal_goal) == (police, chsg)

    driving.open(plan_url)
    expect(missing).to_have_count(1)
    expect(missing.get_by_role("listitem")).to_have_text(
        "OA 1.1 has no KPI with a target: add one."
    )
    missing.get_by_role("link", name=re.compile("no KPI with a target")).click()
    driving.check(reverse("action-edit", args=[action.pk]))
    tab.get_by_role("button", name="Add a KPI").click()
    row = tab.locator("#kpis-0-row")
    expect(row).to_be_visible()
    row.locator("#id_kpis-0-name").fill("Containers inspected")
    row.locator("#id_kpis-0-unit").fill("containers")
    row.locator("#id_kpis-0-target").fill("50")
    tab.get_by_role("button", name="Save the action").first.click()
    driving.check(reverse("action-detail", args=[action.pk]))
    kpi = action.kpis.get()
    assert kpi.target == Decimal("50")

    driving.open(plan_url)
    expect(missing).to_have_count(0)
    expect(tab.locator("#completeness-heading + p")).to_contain_text("The plan is complete")
    tab.get_by_role("button", name="Submit the plan to COSI").click()
    driving.check(plan_url)
    expect(tab.locator("main")).to_contain_text("OAP DRUGS 2026-2027 was submitted to COSI.")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED

    # 3. The secretariat puts the plan to COSI in a review round.
    closes_on = data.TODAY + datetime.timedelta(days=10)
    cosi.open(reverse("review-round-create"))
    page.get_by_label("OAP DRUGS 2026-2027").check(force=True)  # ECL styles the label
    page.get_by_label("Closes on").fill(closes_on.isoformat())
    page.get_by_role("button", name="Open the round").click()
    review_round = ReviewRound.objects.get()
    round_url = reverse("review-round-detail", args=[review_round.pk])
    cosi.check(round_url)
    expect(page.locator("main")).to_contain_text("The review round was opened.")
    assert list(review_round.plans.all()) == [plan]
    assert review_round.closes_on == closes_on

    # 4. Two delegations give their positions.
    for delegate, position, comment in (
        (belgian, "agree", ""),
        (french, "cannot_agree_yet", "The KPI needs a baseline."),
    ):
        delegation = visitor(delegate)
        delegation.open(round_url)
        delegation.page.get_by_role(
            "link", name="Give or change the position on OAP DRUGS 2026-2027"
        ).click()
        delegation.check(reverse("position-give", args=[plan.pk]))
        delegation.page.locator(f"input[name=position][value={position}]").check(force=True)
        if comment:
            delegation.page.locator("#id_comment").fill(comment)
        delegation.page.get_by_role("button", name="Record the position").click()
        delegation.check(round_url)
        expect(delegation.page.locator("main")).to_contain_text(
            "Your delegation's position on OAP DRUGS 2026-2027 was recorded."
        )
    assert {(p.country.code, p.position, p.comment) for p in Position.objects.all()} == {
        ("BE", "agree", ""),
        ("FR", "cannot_agree_yet", "The KPI needs a baseline."),
    }
    cosi.open(round_url)
    table = page.locator("main table")
    expect(table.get_by_role("row", name=re.compile("Belgium"))).to_contain_text("Agree")
    expect(table.get_by_role("row", name=re.compile("France"))).to_contain_text("Cannot agree yet")
    expect(table.get_by_role("row", name=re.compile("France"))).to_contain_text(
        "The KPI needs a baseline."
    )
    expect(table).to_contain_text("2 given")

    # 5. COSI returns the plan; the driver fixes it and submits it again.
    page.get_by_role("link", name=re.compile("Record COSI's decision on OAP DRUGS")).click()
    cosi.check(plan_url)
    page.locator("#id_return-comment").fill("Give the KPI a baseline.")
    page.get_by_role("button", name="Return the plan to its drivers").click()
    cosi.check(plan_url)
    plan.refresh_from_db()
    assert (plan.status, plan.decision_comment) == (
        Plan.Status.RETURNED,
        "Give the KPI a baseline.",
    )

    driving.open(plan_url)
    expect(tab.locator("main")).to_contain_text("Returned for changes")
    expect(tab.locator("main")).to_contain_text("Give the KPI a baseline.")
    driving.open(reverse("action-edit", args=[action.pk]))
    tab.locator("#id_kpis-0-baseline").fill("20")
    tab.get_by_role("button", name="Save the action").first.click()
    driving.check(reverse("action-detail", args=[action.pk]))
    kpi.refresh_from_db()
    assert kpi.baseline == Decimal("20")
    driving.open(plan_url)
    tab.get_by_role("button", name="Submit the plan to COSI").click()
    driving.check(plan_url)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED

    # 6. COSI approves it.
    cosi.open(plan_url)
    page.locator("#id_approve-approved_on").fill(data.TODAY.isoformat())
    page.locator("#id_approve-meeting_reference").fill("CM 1234/26")
    page.get_by_role("button", name="Record the approval").click()
    cosi.check(plan_url)
    expect(page.locator("main")).to_contain_text("COSI's approval of OAP DRUGS 2026-2027")
    plan.refresh_from_db()
    assert (plan.approved_on, plan.meeting_reference) == (data.TODAY, "CM 1234/26")
    assert plan.status == Plan.Status.APPROVED
    assert Event.objects.filter(code="oaps.plan.returned", object_id=plan.pk).count() == 1

    # 7. The driver amends the KPI's target with a reason; the comparison shows it.
    driving.open(reverse("plan-amend", args=[plan.pk]))
    tab.get_by_label("Why does the plan need to change?").fill("Container traffic doubled.")
    tab.get_by_role("button", name="Open the amendment").click()
    driving.check(re.compile(r"/amendments/\d+/"))
    expect(tab.locator("main")).to_contain_text("The amendment is open.")
    driving.open(reverse("amendment-kpi-edit", args=[kpi.pk]))
    tab.locator("#id_target").fill("80")
    tab.locator("#id_reason").fill("Twice the containers pass through the ports.")
    tab.get_by_role("button", name="Save the proposal").click()
    driving.check(re.compile(r"/amendments/\d+/"))
    expect(tab.locator("main")).to_contain_text("The proposed changes of the KPI were saved.")
    kpi.refresh_from_db()
    assert kpi.target == Decimal("50")  # the approved version stays in force

    driving.open(reverse("plan-compare", args=[plan.pk]) + "?a=1&b=draft")
    kpi_table = tab.get_by_role("table", name=re.compile("KPI Containers inspected"))
    target = kpi_table.get_by_role("row", name=re.compile("^Target"))
    expect(target.get_by_role("cell")).to_have_text(
        [re.compile(r"^50(\.0+)?$"), re.compile(r"^80(\.0+)?$"), re.compile("Twice the containers")]
    )
    assert Event.objects.filter(code="oaps.amendment.opened").count() == 1
