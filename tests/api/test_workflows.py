"""The main tasks of the integrations, end to end, and the fields each role may set."""

from decimal import Decimal

import pytest

from funding.models import FundingRequest
from oaps.models import OperationalActionPlan, ProgressReport

pytestmark = pytest.mark.django_db


def _patch(client, url: str, data: dict):
    return client.patch(url, data, format="json", HTTP_IF_MATCH=client.get(url)["ETag"])


def _decide(client, request, **body):
    return client.post(f"/api/v1/funding-requests/{request.pk}/decide/", body, format="json")


def test_europol_decides_a_submitted_funding_request_with_the_decide_step(world, api):
    response = _decide(
        api("europol"),
        world.request_a3,
        decision="granted",
        granted="40000.00",
        decision_date="2026-11-27",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["granted"], body["title"]) == ("granted", "40000.00", "Equipment")
    stored = FundingRequest.objects.get(pk=world.request_a3.pk)
    assert (stored.status, stored.granted, stored.decision_date.isoformat()) == (
        "granted",
        Decimal("40000.00"),
        "2026-11-27",
    )
    assert stored.history.first().history_user == world.users["europol"]
    assert stored.history.first().history_change_reason == "funding.request.granted"


def test_a_decision_can_no_longer_be_made_by_patching_the_status(world, api):
    url = f"/api/v1/funding-requests/{world.request_a3.pk}/"
    response = _patch(api("europol"), url, {"status": "granted", "granted": "40000.00"})
    assert response.status_code == 403
    assert FundingRequest.objects.get(pk=world.request_a3.pk).status == "submitted"


def test_a_decision_on_a_request_that_was_not_submitted_is_409(world, api):
    response = _decide(api("commission"), world.request_a1, decision="rejected")
    assert response.status_code == 409
    assert FundingRequest.objects.get(pk=world.request_a1.pk).status == "draft"


def test_a_grant_without_an_amount_is_refused_next_to_the_amount(world, api):
    response = _decide(api("europol"), world.request_a3, decision="granted")
    assert response.status_code == 400 and "granted" in response.json()["fields"]


def test_the_drivers_cannot_grant_themselves_money(world, api):
    url = f"/api/v1/funding-requests/{world.request_a1.pk}/"
    response = _patch(api("driver"), url, {"granted": "999999.00", "title": "Travel 2"})
    assert response.status_code == 403
    stored = FundingRequest.objects.get(pk=world.request_a1.pk)
    assert stored.granted is None and stored.title != "Travel 2"
    decided = _decide(api("driver"), world.request_a1, decision="granted", granted="1.00")
    assert decided.status_code == 403


def test_a_decision_other_than_granted_or_rejected_is_invalid(world, api):
    response = _decide(api("europol"), world.request_a3, decision="draft")
    assert response.status_code == 400 and "decision" in response.json()["fields"]


def test_the_driver_submits_a_draft_funding_request(world, api):
    response = api("driver").post(f"/api/v1/funding-requests/{world.request_a1.pk}/submit/")
    assert response.status_code == 200
    assert FundingRequest.objects.get(pk=world.request_a1.pk).status == "submitted"
    again = api("driver").post(f"/api/v1/funding-requests/{world.request_a1.pk}/submit/")
    assert again.status_code in (403, 409)  # no longer a draft: the drivers' rights end


def test_a_plans_status_changes_only_through_its_steps(world, api):
    response = _patch(api("driver"), f"/api/v1/plans/{world.p1.pk}/", {"status": "approved"})
    assert response.status_code == 403
    assert OperationalActionPlan.objects.get(pk=world.p1.pk).status == "draft"
    submitted = api("driver").post(f"/api/v1/plans/{world.p1.pk}/submit/")
    assert submitted.json()["status"] == "submitted"
    returned = api("secretariat").post(
        f"/api/v1/plans/{world.p1.pk}/return/", {"comment": ""}, format="json"
    )
    assert returned.status_code == 400 and "comment" in returned.json()["fields"]
    approved = api("secretariat").post(
        f"/api/v1/plans/{world.p1.pk}/approve/",
        {"comment": "Fine", "approved_on": "2026-11-20", "meeting_reference": "CM 1/26"},
        format="json",
    )
    assert approved.json()["status"] == "approved"


def test_an_action_leader_drafts_completes_and_submits_a_report_and_the_driver_accepts(world, api):
    leader = api("action_leader")
    created = leader.post(
        "/api/v1/progress-reports/",
        {
            "action": world.a1.pk,
            "period": world.cycle_period.pk,
            "narrative": "Two meetings.",
            "kpi_values": [{"kpi": world.a1_kpi.pk, "value": "4.00"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    report = created.json()
    assert report["kpi_values"][0]["value"] == "4.00"
    url = f"/api/v1/progress-reports/{report['id']}/"

    incomplete = leader.post(f"{url}submit/")
    assert incomplete.status_code == 409
    assert "completion estimate" in incomplete.json()["message"]

    completed = leader.patch(
        url, {"completion_estimate": 50}, format="json", HTTP_IF_MATCH=created["ETag"]
    )
    assert completed.status_code == 200
    submitted = leader.post(f"{url}submit/")
    assert submitted.json()["status"] == "submitted"
    late = leader.patch(url, {"narrative": "late"}, format="json", HTTP_IF_MATCH=submitted["ETag"])
    assert late.status_code == 403, late.content  # a submitted report is no longer editable
    assert ProgressReport.objects.get(pk=report["id"]).narrative == "Two meetings."
    accepted = api("driver").post(f"{url}accept/", {"comment": "Thanks"}, format="json")
    assert accepted.json()["status"] == "accepted"
    assert ProgressReport.objects.get(pk=report["id"]).reviewed_by == world.users["driver"]


def test_a_report_for_a_period_that_already_has_one_is_invalid(world, api):
    response = api("action_leader").post(
        "/api/v1/progress-reports/",
        {"action": world.a1.pk, "period": world.p1_period.pk},
        format="json",
    )
    assert response.status_code == 400 and "period" in response.json()["fields"]


def test_europol_validates_then_publishes_a_result(world, api):
    europol = api("europol")
    url = f"/api/v1/results/{world.res_a1.pk}/"
    assert europol.post(f"{url}publish/").status_code == 409
    assert europol.post(f"{url}validate/").json()["validated_at"]
    assert europol.post(f"{url}publish/").json()["is_published"] is True
    refused = _patch(europol, url, {"is_published": False, "validated_at": None})
    assert refused.status_code == 403 and "workflow steps" in refused.json()["message"]
    stored = type(world.res_a1).objects.get(pk=world.res_a1.pk)
    assert stored.is_published is True and stored.validated_at is not None


def test_the_nec_confirms_a_participation_of_their_country(world, api):
    url = f"/api/v1/participations/{world.part_a3_be.pk}/"
    assert api("nec").post(f"{url}decline/").json()["confirmation"] == "declined"
    assert api("nec").post(f"{url}confirm/").json()["confirmation"] == "confirmed"
    other = f"/api/v1/participations/{world.part_a1_nl.pk}/confirm/"
    assert api("nec").post(other).status_code == 403


def test_a_new_action_goes_through_the_service_and_records_its_author(world, api):
    response = api("driver").post(
        "/api/v1/actions/",
        {
            "plan": world.p1.pk,
            "code": "OA 7",
            "title": "Financial investigations",
            "horizontal_goal": world.chsg_a.pk,
            "leader": world.org_be.pk,
            "co_leaders": [world.org_nl.pk],
            "start_date": "2024-05-01",
            "end_date": "2024-09-30",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["co_leaders"] == [{"id": world.org_nl.pk, "display": "Police NL (NL)"}]
    assert response["Location"].endswith(f"/api/v1/actions/{body['id']}/")
    from oaps.models import OperationalAction

    action = OperationalAction.objects.get(pk=body["id"])
    assert action.history.first().history_user == world.users["driver"]
    assert action.history.first().history_change_reason == "oaps.action.created"


def test_cancelling_an_action_keeps_it(world, api):
    response = api("driver").post(f"/api/v1/actions/{world.a2.pk}/cancel/")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert api("driver").get(f"/api/v1/actions/{world.a2.pk}/").status_code == 200


def test_the_secretariat_adopts_an_assessment_once_with_the_adopt_step(world, api):
    assessment = world.assessment_b_mid
    url = f"/api/v1/assessments/{assessment.pk}/"
    patched = _patch(api("secretariat"), url, {"status": "adopted", "adopted_on": "2026-11-27"})
    assert patched.status_code == 403
    body = {"adopted_on": "2026-11-20", "conclusions": "On track.", "recommendations": "More."}
    response = api("secretariat").post(f"{url}adopt/", body, format="json")
    assert response.status_code == 200, response.content
    stored = type(assessment).objects.get(pk=assessment.pk)
    assert (stored.status, stored.adopted_on.isoformat()) == ("adopted", "2026-11-20")
    assert (stored.conclusions, stored.recommendations) == ("On track.", "More.")
    again = api("secretariat").post(f"{url}adopt/", {"conclusions": "Again"}, format="json")
    assert again.status_code == 409
    refused = api("driver").post(f"{url}adopt/", {"conclusions": "C"}, format="json")
    assert refused.status_code in (403, 404)
