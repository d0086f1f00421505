"""A driver defines an action of their plan and its KPIs, on the plan editor's pages."""

from __future__ import annotations

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
    page.get_by_label("Code", exact=True).fill("OA 2.1")
    page.get_by_label("Title", exact=True).fill("Joint action day on cocaine in ports")
    page.get_by_label("CHSG").select_option(index=1)
    page.get_by_label("Leader", exact=True).fill("Policía Nacional (PN, ES)")
    page.get_by_label("Start date").fill("2026-03-01")
    page.get_by_label("End date").fill("2026-10-31")
    page.get_by_role("button", name="Add a KPI").click()
    row = page.locator("#kpis-0-row")
    expect(row).to_be_visible()
    tab.check()
    row.get_by_label("Name", exact=True).fill("Ports covered")
    row.get_by_label("Unit", exact=True).fill("ports")
    row.get_by_label("Target", exact=True).fill("5")
    page.get_by_role("button", name="Save the action").first.click()
    page.wait_for_load_state("load")
    tab.check()

    action = OperationalAction.objects.get(plan=world.plan, code="OA 2.1")
    kpi = action.kpis.get()
    assert (kpi.name, kpi.unit, kpi.target) == ("Ports covered", "ports", Decimal("5"))

    tab.open(reverse("action-edit", args=[action.pk]))
    page.locator("#kpis-0-row").get_by_label("Target", exact=True).fill("8")
    page.get_by_role("button", name="Save the action").first.click()
    page.wait_for_load_state("load")
    tab.check()

    kpi.refresh_from_db()
    assert kpi.target == Decimal("8")
