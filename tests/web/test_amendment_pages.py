"""The pages of versions, amendments and the implementation status, on the access tests' world:
p2 approved (co-driven by the co-driver) with version 1 in force and a draft amendment proposing
a new target (20) for a3's KPI."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oaps import services
from oaps.models import AmendmentChange, Kpi, OperationalAction, PlanAmendment, PlanVersion
from tests.factories import PlanVersionFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_plan_page_shows_the_version_in_force_and_the_open_amendment(world, client_for):
    page = _text(
        client_for(world.users["cosi_delegate"]).get(reverse("plan-detail", args=[world.p2.pk]))
    )
    assert "Version 1 is in force." in page and "Amendment 1 (draft)" in page
    assert reverse("plan-amend", args=[world.p2.pk]) not in page  # one open amendment at a time


def test_a_co_driver_opens_an_amendment_from_the_plan_page(world, client_for):
    services.amendment_withdraw(actor=world.users["co_driver"], amendment=world.p2_amendment)
    client = client_for(world.users["co_driver"])
    plan_page = _text(client.get(reverse("plan-detail", args=[world.p2.pk])))
    assert reverse("plan-amend", args=[world.p2.pk]) in plan_page
    response = client.post(reverse("plan-amend", args=[world.p2.pk]), {"reason": "New threat"})
    amendment = PlanAmendment.objects.get(plan=world.p2, number=2)
    assert response.status_code == 302 and response["Location"] == reverse(
        "amendment-detail", args=[amendment.pk]
    )


def test_opening_a_second_amendment_says_why_not(world, client_for):
    response = client_for(world.users["co_driver"]).post(
        reverse("plan-amend", args=[world.p2.pk]), {"reason": "Again"}
    )
    assert "already has an open amendment" in _text(response)


def test_changing_a_kpi_target_in_the_page_needs_a_reason(world, client_for):
    client = client_for(world.users["co_driver"])
    url = reverse("amendment-kpi-edit", args=[world.a3_kpi.pk])
    form = {"name": "Cases", "unit": "number", "target": "30", "direction": "increase"}
    page = _text(client.post(url, form))
    assert "Give the reason for changing the target." in page
    response = client.post(url, {**form, "reason": "Bigger network"})
    assert response.status_code == 302
    change = AmendmentChange.objects.get(amendment=world.p2_amendment, field="target")
    assert (change.after, change.reason) == ("30.00", "Bigger network")
    assert Kpi.objects.get(pk=world.a3_kpi.pk).target == 10  # the version in force is untouched


def test_the_amendment_page_lists_the_changes_with_their_reasons(world, client_for):
    page = _text(
        client_for(world.users["secretariat"]).get(
            reverse("amendment-detail", args=[world.p2_amendment.pk])
        )
    )
    assert "More cases expected" in page and "20.00" in page
    assert reverse("amendment-kpi-edit", args=[world.a3_kpi.pk]) not in page


def test_the_secretariat_records_cosis_approval_in_the_page(world, client_for):
    services.amendment_submit(actor=world.users["co_driver"], amendment=world.p2_amendment)
    client = client_for(world.users["secretariat"])
    page = _text(client.get(reverse("amendment-detail", args=[world.p2_amendment.pk])))
    assert reverse("amendment-approve", args=[world.p2_amendment.pk]) in page
    client.post(
        reverse("amendment-approve", args=[world.p2_amendment.pk]),
        {"approve-decided_on": "2026-11-20", "approve-meeting_reference": "COSI 11"},
    )
    assert PlanAmendment.objects.get(pk=world.p2_amendment.pk).status == "approved"
    assert PlanVersion.objects.filter(plan=world.p2, number=2).exists()
    page = _text(client.get(reverse("plan-compare", args=[world.p2.pk]) + "?a=1&b=2"))
    assert "More cases expected" in page and "10.00" in page and "20.00" in page


def test_a_driver_cannot_record_cosis_decision(world, client_for):
    services.amendment_submit(actor=world.users["co_driver"], amendment=world.p2_amendment)
    response = client_for(world.users["co_driver"]).post(
        reverse("amendment-approve", args=[world.p2_amendment.pk]),
        {"approve-decided_on": "2026-11-20"},
    )
    assert response.status_code == 403


def test_the_comparison_with_the_draft_shows_the_proposed_target(world, client_for):
    page = _text(
        client_for(world.users["cosi_delegate"]).get(
            reverse("plan-compare", args=[world.p2.pk]) + "?a=1&b=draft"
        )
    )
    assert "Amendment 1 (draft)" in page and "More cases expected" in page


def test_an_unknown_version_is_a_message_in_the_page(world, client_for):
    page = _text(
        client_for(world.users["cosi_delegate"]).get(
            reverse("plan-compare", args=[world.p2.pk]) + "?a=1&b=9"
        )
    )
    assert "This plan has no version 9." in page


def test_a_leader_delays_an_action_with_a_reason_from_the_action_page(world, client_for):
    client = client_for(world.users["co_action_leader"])
    page = _text(client.get(reverse("action-detail", args=[world.a3.pk])))
    assert reverse("action-status", args=[world.a3.pk]) in page
    client.post(reverse("action-status", args=[world.a3.pk]), {"step": "delay"})
    assert OperationalAction.objects.get(pk=world.a3.pk).status == "planned"
    client.post(reverse("action-status", args=[world.a3.pk]), {"step": "delay", "reason": "Court"})
    assert OperationalAction.objects.get(pk=world.a3.pk).status == "delayed"


def test_the_status_form_is_not_offered_before_approval(world, client_for):
    page = _text(
        client_for(world.users["action_leader"]).get(reverse("action-detail", args=[world.a1.pk]))
    )
    assert reverse("action-status", args=[world.a1.pk]) not in page


def test_the_version_list_page_runs_as_many_queries_for_many_versions(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.users["cosi_delegate"])
    url = reverse("plan-versions", args=[world.p2.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(2, 20):
        PlanVersionFactory(plan=world.p2, number=number)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert "Version 18 with 19" in _text(client.get(url))


def test_a_proposal_page_without_an_amendment_in_preparation_says_to_open_one(world, client_for):
    services.amendment_submit(actor=world.users["co_driver"], amendment=world.p2_amendment)
    client = client_for(world.users["co_driver"])
    response = client.get(reverse("amendment-action-edit", args=[world.a3.pk]), follow=True)
    assert "The plan has no amendment in preparation" in _text(response)
