"""A driver defines an action of their plan and its KPIs, on the plan editor's pages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from oaps.models import OperationalAction
from tests.browser import data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_driver_creates_an_action_and_edits_its_kpis(visitor):
    world = data.build()
    tab = visitor(world.driver)
    page = tab.page

    tab.open(reverse("action-create", args=[world.plan.pk]))
    page.locator("#id_code").fill("OA 2.1")
    page.locator("#id_title").fill("Joint action day on cocaine in ports")
    page.locator("#id_horizontal_goal").select_option(index=1)
    page.locator("#id_leader").fill("Policía Nacional (PN, ES)")
    page.locator("#id_start_date").fill("2026-03-01")
    page.locator("#id_end_date").fill("2026-10-31")
    page.get_by_role("button", name="Add a KPI").click()
    row = page.locator("#kpis-0-row")
    expect(row).to_be_visible()
    tab.check(reverse("action-create", args=[world.plan.pk]))
    row.locator("#id_kpis-0-name").fill("Ports covered")
    row.locator("#id_kpis-0-unit").fill("ports")
    row.locator("#id_kpis-0-target").fill("5")
    page.get_by_role("button", name="Save the action").first.click()
    expect(page).to_have_url(re.compile(r"/actions/\d+/$"))  # the new action's page
    tab.check(re.compile(r"/actions/\d+/"))

    action = OperationalAction.objects.get(plan=world.plan, code="OA 2.1")
    kpi = action.kpis.get()
    assert (kpi.name, kpi.unit, kpi.target) == ("Ports covered", "ports", Decimal("5"))

    tab.open(reverse("action-edit", args=[action.pk]))
    page.locator("#id_kpis-0-target").fill("8")
    page.get_by_role("button", name="Save the action").first.click()
    expect(page).to_have_url(re.compile(rf"/actions/{action.pk}/$"))
    expect(page.get_by_role("cell", name="8", exact=True).first).to_be_visible()
    tab.check(reverse("action-detail", args=[action.pk]))

    kpi.refresh_from_db()
    assert kpi.target == Decimal("8")
