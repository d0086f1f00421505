"""The assessment pages: the secretariat opens an assessment from the cycle and adopts it,
Europol and a driver give their findings, a delegate comments for their country inside the
window, bad input comes back with a clear message and nothing entered lost, and My work lists
what waits for each."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessments.models import Assessment, AssessmentItem, DelegationComment

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(world, client_for):
    return client_for(world.users["secretariat"])


@pytest.fixture
def delegate(world, client_for):
    return client_for(world.users["cosi_delegate"])


def _text(response) -> str:
    return response.content.decode()


def test_the_cycle_page_links_to_its_assessments(world, secretariat):
    page = _text(secretariat.get(reverse("cycle-detail", args=[world.cycle_a.pk])))
    assert reverse("assessment-list", args=[world.cycle_a.pk]) in page
    assert reverse("assessment-detail", args=[world.assessment_a_final.pk]) in page


def test_the_secretariat_opens_an_assessment_with_its_items(world, secretariat):
    url = reverse("assessment-create", args=[world.cycle_b.pk])
    response = secretariat.post(
        url,
        {"kind": "final", "opens_on": "2026-12-01", "closes_on": "2026-12-20", "summary": "S"},
    )
    assert response.status_code == 302, _text(response)[:2000]
    assessment = Assessment.objects.get(cycle=world.cycle_b, kind="final")
    assert response["Location"] == reverse("assessment-detail", args=[assessment.pk])
    assert assessment.items.filter(horizontal_goal=world.chsg_b).exists()


def test_a_window_closing_before_it_opens_comes_back_with_the_message_and_the_values(
    world, secretariat
):
    url = reverse("assessment-create", args=[world.cycle_b.pk])
    response = secretariat.post(
        url,
        {"kind": "final", "opens_on": "2026-12-20", "closes_on": "2026-12-01", "summary": "Kept"},
    )
    page = _text(response)
    assert response.status_code == 200
    assert "The review window cannot close before it opens." in page
    assert "Kept" in page
    assert not Assessment.objects.filter(cycle=world.cycle_b, kind="final").exists()


def test_a_delegate_cannot_open_an_assessment(world, delegate):
    url = reverse("assessment-create", args=[world.cycle_b.pk])
    assert delegate.get(url).status_code == 403


def test_the_detail_page_shows_each_item_with_its_evidence_and_comment_progress(world, secretariat):
    page = _text(secretariat.get(reverse("assessment-detail", args=[world.assessment_a_final.pk])))
    assert reverse("assessment-item-detail", args=[world.item_final_p2.pk]) in page
    assert "1 of 3 countries" in page  # NL commented on p2's line; BE, NL, DE are members
    assert reverse("assessment-adopt", args=[world.assessment_a_final.pk]) in page


def test_europol_gives_its_findings_on_the_item_page(world, client_for):
    europol = client_for(world.users["europol"])
    item = world.item_final_p2
    page = _text(europol.get(reverse("assessment-item-detail", args=[item.pk])))
    assert reverse("assessment-item-europol", args=[item.pk]) in page
    assert reverse("assessment-item-drivers", args=[item.pk]) not in page
    response = europol.post(
        reverse("assessment-item-europol", args=[item.pk]),
        {"europol-europol_rating": "largely", "europol-europol_findings": "Solid data."},
    )
    assert response.status_code == 302, _text(response)[:2000]
    stored = AssessmentItem.objects.get(pk=item.pk)
    assert (stored.europol_rating, stored.europol_findings) == ("largely", "Solid data.")


def test_findings_without_text_come_back_with_a_clear_message(world, client_for):
    europol = client_for(world.users["europol"])
    item = world.item_final_p2
    response = europol.post(
        reverse("assessment-item-europol", args=[item.pk]),
        {"europol-europol_rating": "largely", "europol-europol_findings": "  "},
    )
    assert response.status_code == 400
    assert "Write the findings." in _text(response)


def test_the_co_driver_gives_the_drivers_findings_on_a_goal_of_their_plan(world, client_for):
    co_driver = client_for(world.users["co_driver"])
    item = world.item_final_p2_goal
    response = co_driver.post(
        reverse("assessment-item-drivers", args=[item.pk]),
        {"drivers-drivers_rating": "partially", "drivers-drivers_findings": "One action late."},
    )
    assert response.status_code == 302, _text(response)[:2000]
    assert AssessmentItem.objects.get(pk=item.pk).drivers_findings == "One action late."
    refused = co_driver.post(
        reverse("assessment-item-europol", args=[item.pk]),
        {"europol-europol_rating": "achieved", "europol-europol_findings": "Ours."},
    )
    assert refused.status_code == 403


def test_a_delegate_comments_for_their_country_and_sees_it_listed(world, delegate):
    item = world.item_final_p2_goal
    url = reverse("assessment-item-detail", args=[item.pk])
    assert reverse("assessment-item-comment", args=[item.pk]) in _text(delegate.get(url))
    response = delegate.post(
        reverse("assessment-item-comment", args=[item.pk]), {"text": "More KPIs, please."}
    )
    assert response.status_code == 302
    page = _text(delegate.get(url))
    assert "More KPIs, please." in page and "Netherlands" in page
    assert DelegationComment.objects.filter(item=item, country=world.nl).count() == 1


def test_a_comment_on_an_adopted_assessment_is_refused_with_the_reason(world, delegate):
    item = world.item_mid_p1
    page = _text(delegate.get(reverse("assessment-item-detail", args=[item.pk])))
    assert reverse("assessment-item-comment", args=[item.pk]) not in page
    response = delegate.post(reverse("assessment-item-comment", args=[item.pk]), {"text": "Late"})
    assert response.status_code == 400
    assert "comments can no longer be given or changed" in _text(response)
    assert "Late" in _text(response)


def test_the_secretariat_adopts_and_the_page_shows_the_conclusions(world, secretariat):
    assessment = world.assessment_a_final
    url = reverse("assessment-adopt", args=[assessment.pk])
    empty = secretariat.post(url, {"conclusions": "", "recommendations": "Kept text"})
    assert empty.status_code == 200 and "Kept text" in _text(empty)
    response = secretariat.post(url, {"conclusions": "On track.", "recommendations": "More."})
    assert response.status_code == 302, _text(response)[:2000]
    page = _text(secretariat.get(reverse("assessment-detail", args=[assessment.pk])))
    assert "On track." in page
    assert AssessmentItem.objects.get(pk=world.item_final_p2.pk).evidence["compiled_on"]


def test_a_driver_reads_only_their_own_plans_lines_of_an_open_assessment(world, client_for):
    driver = client_for(world.users["driver"])  # p1: no line in cycle A's final assessment
    page = _text(driver.get(reverse("assessment-list", args=[world.cycle_a.pk])))
    assert reverse("assessment-detail", args=[world.assessment_a_mid.pk]) in page
    hidden = reverse("assessment-item-detail", args=[world.item_final_p2.pk])
    assert driver.get(hidden).status_code == 404


def test_my_work_lists_the_items_awaiting_the_delegations_comment(world, delegate):
    page = _text(delegate.get(reverse("home")))
    assert reverse("assessment-item-detail", args=[world.item_final_p2_goal.pk]) in page
    assert reverse("assessment-item-detail", args=[world.item_final_p2.pk]) not in page


def test_my_work_lists_the_items_awaiting_europols_findings(world, client_for):
    page = _text(client_for(world.users["europol"]).get(reverse("home")))
    assert reverse("assessment-item-detail", args=[world.item_b_p3.pk]) in page


def test_my_work_lists_the_assessments_whose_window_closed_for_the_secretariat(world, secretariat):
    Assessment.objects.filter(pk=world.assessment_b_mid.pk).update(
        opens_on="2026-11-01", closes_on="2026-11-20"
    )
    page = _text(secretariat.get(reverse("home")))
    assert reverse("assessment-detail", args=[world.assessment_b_mid.pk]) in page
