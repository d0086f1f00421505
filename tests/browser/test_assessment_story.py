"""A COSI assessment in a real browser (issue 12's "Done when"): the secretariat opens a mid-term
assessment for the cycle; Europol and the plan's driver give their findings; two delegations
comment; the secretariat adopts it and downloads the PDF, whose text is checked. Every page
visited is checked with axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from actors.models import Country, Role
from assessments.models import Assessment, DelegationComment
from tests.browser import data
from tests.factories import (
    CountryFactory,
    CycleFactory,
    HorizontalGoalFactory,
    KpiFactory,
    MaspFactory,
    OperationalActionFactory,
    OperationalActionPlanFactory,
    OrganisationFactory,
    PriorityFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_assessment_is_opened_commented_adopted_and_downloaded(visitor):
    cycle = CycleFactory(first_year=2026, name="EMPACT 2026-2029")
    chsg = HorizontalGoalFactory(
        masp=MaspFactory(cycle=cycle), number=1, title="Criminal intelligence picture"
    )
    belgium = CountryFactory(code="BE", name="Belgium", kind=Country.Kind.EU_MEMBER_STATE)
    france = CountryFactory(code="FR", name="France", kind=Country.Kind.EU_MEMBER_STATE)
    plan = OperationalActionPlanFactory(
        priority=PriorityFactory(cycle=cycle, code="DRUGS"),
        code="OAP DRUGS 2026-2027",
        first_year=2026,
        last_year=2027,
        status="approved",
        driver=OrganisationFactory(name="Guardia Civil"),
    )
    action = OperationalActionFactory(plan=plan, code="OA 1.1", horizontal_goal=chsg)
    KpiFactory(action=action, name="Cocaine seized", unit="kg", target=Decimal("500"))
    secretariat = data.user("Sophie", "Laurent", Role.SECRETARIAT)
    europol = data.user("Erik", "Visser", Role.EUROPOL)
    driver = data.user("Carmen", "Garcia", Role.DRIVER, plan=plan)
    belgian = data.user("Pieter", "Claes", Role.COSI_DELEGATE, country=belgium)
    french = data.user("Claire", "Martin", Role.COSI_DELEGATE, country=france)

    # 1. The secretariat opens the mid-term assessment from the cycle's assessments.
    cosi = visitor(secretariat)
    page = cosi.page
    cosi.open(reverse("assessment-list", args=[cycle.pk]))
    page.get_by_role("link", name="Open an assessment").click()
    cosi.check(reverse("assessment-create", args=[cycle.pk]))
    page.get_by_label("Kind").select_option("mid_term")
    page.get_by_label("Review opens on").fill("2026-11-20")
    page.get_by_label("Review closes on").fill("2026-12-18")
    page.get_by_role("button", name="Open the assessment").click()
    cosi.check(re.compile(r"/assessments/\d+/"))
    assessment = Assessment.objects.get(cycle=cycle)
    plan_item = assessment.items.get(plan=plan)
    assert assessment.items.filter(horizontal_goal=chsg).exists()
    item_url = reverse("assessment-item-detail", args=[plan_item.pk])

    # 2. Europol and the plan's driver give their findings on the plan's line.
    agency = visitor(europol)
    agency.open(item_url)
    agency.page.locator("#id_europol-europol_rating").select_option("largely")
    agency.page.locator("#id_europol-europol_findings").fill("Cocaine hubs well mapped.")
    agency.page.get_by_role("button", name="Save Europol's findings").click()
    agency.check(item_url)
    driving = visitor(driver)
    driving.open(item_url)
    driving.page.locator("#id_drivers-drivers_rating").select_option("partially")
    driving.page.locator("#id_drivers-drivers_findings").fill("Two actions started late.")
    driving.page.get_by_role("button", name="Save the drivers' findings").click()
    driving.check(item_url)

    # 3. Two delegations comment, each for its own country.
    for delegate, text in ((belgian, "Belgium supports the findings."), (french, "More KPIs.")):
        tab = visitor(delegate)
        tab.open(item_url)
        tab.page.get_by_label("Your delegation's comment").fill(text)
        tab.page.get_by_role("button", name="Save the comment").click()
        tab.check(item_url)
    assert set(DelegationComment.objects.values_list("country__code", flat=True)) == {"BE", "FR"}

    # 4. The secretariat sees the progress, adopts the assessment and downloads the PDF.
    detail_url = reverse("assessment-detail", args=[assessment.pk])
    cosi.open(detail_url)
    plan_row = page.locator("main tr", has_text="OAP DRUGS 2026-2027")
    assert re.search(r"\b2 of \d+ countries", plan_row.inner_text())  # Belgium and France
    page.get_by_role("link", name="Record COSI's adoption").click()
    cosi.check(reverse("assessment-adopt", args=[assessment.pk]))
    page.get_by_label("COSI's conclusions").fill("The plan is broadly on track.")
    page.get_by_label("COSI's recommendations").fill("Report the seizures each quarter.")
    page.get_by_role("button", name="Record the adoption").click()
    cosi.check(detail_url)
    assessment.refresh_from_db()
    assert (assessment.status, assessment.adopted_on) == ("adopted", datetime.date(2026, 11, 27))

    response = page.request.get(cosi.base_url + reverse("assessment-pdf", args=[assessment.pk]))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    text = " ".join(text.split())
    for expected in (
        "Mid-term assessment",
        "The plan is broadly on track.",
        "Report the seizures each quarter.",
        "OAP DRUGS 2026-2027",
        "Cocaine hubs well mapped.",
        "Two actions started late.",
        "Belgium supports the findings.",
        "More KPIs.",
        "Cocaine seized",
    ):
        assert expected in text, f"{expected!r} not in the PDF: {text[:500]}"
