"""COSI's assessments in the API: opening one creates its items, each item carries its compiled
evidence, delegates comment for their own country inside the window, the secretariat adopts and
the evidence freezes, and the PDF is served through the gate."""

from __future__ import annotations

import pytest

from assessments.models import Assessment, AssessmentItem, DelegationComment
from empact.models import Event
from oaps.models import OperationalAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(world, api):
    response = api("secretariat").post(
        "/api/v1/assessments/",
        {
            "cycle": world.cycle_b.pk,
            "kind": "final",
            "opens_on": "2026-11-20",
            "closes_on": "2026-12-20",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return Assessment.objects.get(pk=response.json()["id"])


def _comment(api, role, item, text="Seen."):
    return api(role).post(
        f"/api/v1/assessment-items/{item.pk}/delegation-comments/", {"text": text}, format="json"
    )


def test_opening_an_assessment_creates_its_items_and_records_one_event(world, opened):
    kinds = sorted(item.kind for item in opened.items.all())
    assert kinds == ["chsg"]  # cycle B: one CHSG, and its one plan (p3) is a draft
    assert opened.opened_by == world.users["secretariat"]
    assert Event.objects.filter(code="assessments.assessment.opened", object_id=opened.pk).count()


def test_each_item_carries_its_evidence_compiled_from_the_plans(world, api):
    response = api("secretariat").get(
        f"/api/v1/assessment-items/?assessment={world.assessment_a_final.pk}"
    )
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    p2 = rows[world.item_final_p2.pk]["evidence"]
    actions = OperationalAction.objects.filter(plan=world.p2)
    assert p2["actions"]["total"] == actions.count()
    assert set(p2) == {"compiled_on", "actions", "kpis", "results", "reports", "funding"}


def test_a_status_or_the_evidence_cannot_be_written_through_a_patch(world, api):
    url = f"/api/v1/assessment-items/{world.item_final_p2.pk}/"
    etag = api("secretariat").get(url)["ETag"]
    response = api("secretariat").patch(
        url, {"evidence": {"actions": {}}}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code in (200, 403)
    assert AssessmentItem.objects.get(pk=world.item_final_p2.pk).evidence == {}


def test_europol_patches_its_findings_and_the_findings_event_is_recorded(world, api):
    url = f"/api/v1/assessment-items/{world.item_final_p2.pk}/"
    etag = api("europol").get(url)["ETag"]
    body = {"europol_rating": "largely", "europol_findings": "Solid data."}
    response = api("europol").patch(url, body, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert response.json()["europol_findings"] == "Solid data."
    assert Event.objects.filter(
        code="assessments.assessment_item.europol_findings_given",
        object_id=world.item_final_p2.pk,
    ).exists()
    refused = api("europol").patch(
        url, {"drivers_findings": "Ours"}, format="json", HTTP_IF_MATCH=response["ETag"]
    )
    assert refused.status_code == 403


def test_a_delegate_comments_for_their_own_country_and_changes_it(world, api):
    response = _comment(api, "cosi_delegate", world.item_final_p2_goal, "Too few KPIs.")
    assert response.status_code == 200, response.content
    assert response.json()["country"]["id"] == world.nl.pk
    again = _comment(api, "cosi_delegate", world.item_final_p2_goal, "Enough KPIs now.")
    assert again.status_code == 200
    comments = DelegationComment.objects.filter(item=world.item_final_p2_goal, country=world.nl)
    assert [c.text for c in comments] == ["Enough KPIs now."]


def test_a_comment_on_an_adopted_assessment_answers_409(world, api):
    response = _comment(api, "cosi_delegate", world.item_mid_p1)
    assert response.status_code == 409
    assert "adopted" in response.json()["message"]


def test_europol_cannot_comment_for_a_delegation(world, api):
    assert _comment(api, "europol", world.item_final_p2).status_code == 403


def test_the_delegations_comments_are_a_read_only_collection(world, api):
    response = api("cosi_delegate").get("/api/v1/delegation-comments/")
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert world.delegation_comment_final_nl.pk in ids
    assert api("cosi_delegate").post("/api/v1/delegation-comments/", {}).status_code == 405


def test_adoption_freezes_the_evidence_and_nothing_changes_afterwards(world, api, opened):
    url = f"/api/v1/assessments/{opened.pk}/"
    body = {"conclusions": "On track.", "recommendations": "Report on time."}
    response = api("secretariat").post(f"{url}adopt/", body, format="json")
    assert response.status_code == 200, response.content
    item = opened.items.get()
    assert item.evidence["compiled_on"] == "2026-11-27"
    assert api("secretariat").post(f"{url}adopt/", body, format="json").status_code == 409
    etag = api("secretariat").get(url)["ETag"]
    patched = api("secretariat").patch(url, {"summary": "Later"}, format="json", HTTP_IF_MATCH=etag)
    assert patched.status_code == 403
    assert _comment(api, "cosi_delegate", item).status_code == 409


def test_an_adoption_without_conclusions_is_refused_naming_the_field(world, api, opened):
    response = api("secretariat").post(f"/api/v1/assessments/{opened.pk}/adopt/", {}, "json")
    assert response.status_code == 400
    assert "conclusions" in response.json()["fields"]


def test_the_pdf_is_served_to_those_who_may_see_the_assessment(world, api):
    url = f"/api/v1/assessments/{world.assessment_a_mid.pk}/pdf/"
    response = api("commission").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    hidden = f"/api/v1/assessments/{world.assessment_a_final.pk}/pdf/"
    assert api("commission").get(hidden).status_code == 404
