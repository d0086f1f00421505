"""Setting a cycle up in a real browser: the secretariat creates a cycle (its milestones come
from the default timetable), a priority and a plan with its driver; the driver then finds the
plan on My work. Every page visited is checked with axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actors.models import Role
from cycles.models import Cycle
from oaps.models import OperationalActionPlan
from tests.browser import data
from tests.factories import CountryFactory, OrganisationFactory, TimetableEntryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_sets_a_cycle_up_and_the_new_driver_finds_the_plan(visitor):
    TimetableEntryFactory(
        kind="priorities_adopted",
        step=2,
        title_pattern="Council adopts the priorities {year}-{year+3}",
        year_offset=-1,
        month=5,
        day=26,
    )
    spain = CountryFactory(code="ES", name="Spain")
    police = OrganisationFactory(name="Guardia Civil", acronym="GC", country=spain)
    driver = UserFactory(
        first_name="Carmen", last_name="Garcia", email="carmen@example.eu", organisation=police
    )
    secretariat = data.user("Sophie", "Laurent", Role.SECRETARIAT)
    tab = visitor(secretariat)
    page = tab.page

    # The cycle's years; the milestones of the default timetable come with it.
    tab.open(reverse("cycle-list"))
    page.get_by_role("link", name="Set up a cycle").click()
    tab.check(reverse("cycle-create"))
    page.get_by_label("First year").fill("2030")
    page.get_by_role("button", name="Create the cycle").click()
    cycle_setup = re.compile(r"/cycles/\d+/setup/")
    tab.check(cycle_setup)
    cycle = Cycle.objects.get(first_year=2030)
    steps = page.get_by_role("navigation", name="Steps of setting the cycle up")
    expect(steps.get_by_role("listitem").first).to_contain_text("done")
    steps.get_by_role("link", name="Years and milestones").click()
    tab.check(reverse("cycle-setup-milestones", args=[cycle.pk]))
    expect(page.locator("main table")).to_contain_text("Council adopts the priorities 2030-2033")

    # A priority of the Council.
    steps.get_by_role("link", name="The Council's priorities").click()
    tab.check(reverse("cycle-setup-priorities", args=[cycle.pk]))
    expect(steps.get_by_role("link", name="The Council's priorities")).to_have_attribute(
        "aria-current", "step"
    )
    page.get_by_role("link", name="Add a priority").click()
    tab.check(reverse("priority-create", args=[cycle.pk]))
    page.get_by_label("Code").fill("DRUGS")
    page.get_by_label("Title").fill("Drug trafficking")
    page.get_by_label("Council reference").fill("9184/25")
    page.get_by_role("button", name="Save").click()
    tab.check(reverse("cycle-setup-priorities", args=[cycle.pk]))
    expect(page.locator("main table")).to_contain_text("9184/25")

    # A plan of that priority with its driver, who gets the role in the same step.
    steps.get_by_role("link", name="Plans and their drivers").click()
    tab.check(reverse("cycle-setup-plans", args=[cycle.pk]))
    page.get_by_role("link", name="Add a plan to DRUGS").click()
    tab.check(reverse("plan-create", args=[cycle.pk]))
    page.get_by_label("Code").fill("OAP DRUGS 2030-2031")
    page.get_by_label("Title").fill("Operational action plan on drug trafficking")
    page.locator("#id_driver").fill("Guardia Civil (GC, ES)")
    page.locator("#id_drivers").select_option(label="Carmen Garcia - Guardia Civil (GC, ES)")
    page.get_by_role("button", name="Save").click()
    tab.check(reverse("cycle-setup-plans", args=[cycle.pk]))
    expect(page.locator("main")).to_contain_text("OAP DRUGS 2030-2031")
    plan = OperationalActionPlan.objects.get(code="OAP DRUGS 2030-2031")
    assert plan.role_assignments.get().user == driver

    # The driver signs in and finds the plan on My work.
    driving = visitor(driver)
    driving.open(reverse("home"))
    expect(driving.page.locator("main")).to_contain_text("OAP DRUGS 2030-2031")
    driving.page.get_by_role("link", name=re.compile("OAP DRUGS 2030-2031")).first.click()
    driving.check(reverse("plan-detail", args=[plan.pk]))
