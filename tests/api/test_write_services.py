"""One write path: every API create, change and delete calls the owning app's service, which
records exactly one Event with the code the page records too; a refused write records none."""

from __future__ import annotations

import datetime

import pytest

from empact.api.urls import COLLECTIONS
from empact.api.views import ApiViewSet, etag_of
from empact.models import Event
from oaps.models import OperationalResult, PlanGoal, ProgressReport, ReportingPeriod

pytestmark = pytest.mark.django_db

VERBS = {"post": "create", "put": "update", "patch": "update", "delete": "delete"}


def _last_event() -> int:
    return Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _codes_since(last: int) -> list[str]:
    return list(Event.objects.filter(pk__gt=last).order_by("pk").values_list("code", flat=True))


# Creations the domain names by their own verb.
DOMAIN_VERBS = {
    "assessment_open": "the secretariat opens an assessment, with its items and window",
    "revision_propose": "a revision after the interim report is proposed, then decided",
}


@pytest.mark.parametrize(("prefix", "viewset"), [(p, v) for p, v, _ in COLLECTIONS])
def test_every_write_method_of_an_endpoint_calls_a_service(prefix, viewset):
    """A declared service per verb, or an override of the write method that calls one."""
    method_of = {"create": "create_object", "update": "update_object", "delete": "delete_object"}
    if not issubclass(viewset, ApiViewSet):  # a read-only collection (the audit log)
        assert not any(hasattr(viewset, m) for m in ("create", "update", "destroy")), prefix
        return
    for method in viewset.http_method_names:
        verb = VERBS.get(method)
        if verb is None:
            continue
        overridden = getattr(viewset, method_of[verb]) is not getattr(ApiViewSet, method_of[verb])
        declared = viewset.services.get(verb)
        assert overridden or declared, f"{prefix}: {method.upper()} has no service"
        if declared:
            named = declared.__name__.endswith(f"_{verb}") or declared.__name__ in DOMAIN_VERBS
            assert named, declared.__name__
            module = declared.__module__.split(".")
            assert "services" in module[1:], declared.__module__  # <app>.services[.<lifecycle>]


def test_a_milestone_created_changed_and_deleted_records_one_event_each(world, api):
    admin = api("administrator")
    last = _last_event()
    body = {"cycle": world.cycle_a.pk, "kind": "other", "step": 1, "title": "Kick-off"}
    body["due_date"] = "2022-03-01"
    created = admin.post("/api/v1/milestones/", body, format="json")
    assert created.status_code == 201, created.content
    url = f"/api/v1/milestones/{created.json()['id']}/"
    changed = admin.patch(url, {"title": "Start"}, format="json", HTTP_IF_MATCH=created["ETag"])
    assert changed.status_code == 200, changed.content
    deleted = admin.delete(url, HTTP_IF_MATCH=changed["ETag"])
    assert deleted.status_code == 204
    assert _codes_since(last) == [
        "cycles.milestone.created",
        "cycles.milestone.changed",
        "cycles.milestone.deleted",
    ]
    change = Event.objects.get(code="cycles.milestone.changed", pk__gt=last)
    assert change.payload["changes"] == {"title": ["Kick-off", "Start"]}


def test_a_refused_creation_changes_nothing_and_records_no_event(world, api):
    last, count = _last_event(), ReportingPeriod.objects.count()
    body = {
        "cycle": world.cycle_a.pk,
        "title": "Q9",
        "start": "2022-01-01",
        "end": "2022-06-30",
        "deadline": "2022-07-31",
    }
    response = api("participant").post("/api/v1/reporting-periods/", body, format="json")
    assert response.status_code == 403
    assert ReportingPeriod.objects.count() == count
    assert _codes_since(last) == []


def test_a_participation_deleted_through_the_api_records_what_the_page_records(world, api):
    participation = world.part_a1_nl
    last = _last_event()
    response = api("administrator").delete(
        f"/api/v1/participations/{participation.pk}/", HTTP_IF_MATCH=etag_of(participation)
    )
    assert response.status_code == 204, response.content
    assert _codes_since(last) == ["oaps.participation.removed"]


def test_a_plan_goal_written_through_the_api_records_the_services_codes(world, api):
    driver = api("driver")
    last = _last_event()
    created = driver.post(
        "/api/v1/plan-goals/", {"plan": world.p1.pk, "number": 2, "title": "G2"}, format="json"
    )
    assert created.status_code == 201, created.content
    goal = PlanGoal.objects.get(pk=created.json()["id"])
    changed = driver.patch(
        f"/api/v1/plan-goals/{goal.pk}/",
        {"title": "G2b"},
        format="json",
        HTTP_IF_MATCH=etag_of(goal),
    )
    assert changed.status_code == 200, changed.content
    goal.refresh_from_db()
    deleted = driver.delete(f"/api/v1/plan-goals/{goal.pk}/", HTTP_IF_MATCH=etag_of(goal))
    assert deleted.status_code == 204, deleted.content
    assert _codes_since(last) == [
        "oaps.plan_goal.created",
        "oaps.plan_goal.changed",
        "oaps.plan_goal.deleted",
    ]


# --- the report's save, with results -----------------------------------------------------------


@pytest.fixture
def h2(world):
    return ReportingPeriod.objects.create(
        plan=world.p1,
        title="H2 2024",
        start=datetime.date(2024, 7, 1),
        end=datetime.date(2024, 12, 31),
        deadline=datetime.date(2025, 1, 31),
    )


def _result(world, **overrides) -> dict:
    return {
        "result_type": world.result_type.pk,
        "quantity": "4",
        "country": world.be.pk,
        "period_start": "2024-07-01",
        "period_end": "2024-09-30",
        **overrides,
    }


def test_a_report_created_through_the_api_records_its_results_in_one_event(world, api, h2):
    last = _last_event()
    body = {
        "action": world.a1.pk,
        "period": h2.pk,
        "narrative": "Going well",
        "kpi_values": [{"kpi": world.a1_kpi.pk, "value": "5.00"}],
        "results": [_result(world)],
    }
    response = api("action_leader").post("/api/v1/progress-reports/", body, format="json")
    assert response.status_code == 201, response.content
    assert "results" not in response.json()  # written here, read at /results/
    assert _codes_since(last) == ["oaps.report.drafted"]
    event = Event.objects.get(pk__gt=last)
    (result,) = OperationalResult.objects.filter(pk__in=event.payload["results"])
    assert (result.action_id, str(result.quantity)) == (world.a1.pk, "4.00")


def test_a_report_changed_through_the_api_records_new_results(world, api):
    last, results = _last_event(), OperationalResult.objects.count()
    report = world.r1
    response = api("action_leader").patch(
        f"/api/v1/progress-reports/{report.pk}/",
        {"results": [_result(world), _result(world, quantity="2")]},
        format="json",
        HTTP_IF_MATCH=etag_of(ProgressReport.objects.get(pk=report.pk)),
    )
    assert response.status_code == 200, response.content
    assert _codes_since(last) == ["oaps.report.saved"]
    assert OperationalResult.objects.count() == results + 2


def test_a_report_save_with_an_invalid_result_saves_nothing_and_names_the_row(world, api, h2):
    last, reports, results = (
        _last_event(),
        ProgressReport.objects.count(),
        OperationalResult.objects.count(),
    )
    body = {
        "action": world.a1.pk,
        "period": h2.pk,
        "narrative": "Going well",
        "results": [_result(world), _result(world, period_end="2024-01-01")],
    }
    response = api("action_leader").post("/api/v1/progress-reports/", body, format="json")
    assert response.status_code == 400, response.content
    assert any(name.startswith("results.1.") for name in response.json()["fields"])
    assert (ProgressReport.objects.count(), OperationalResult.objects.count()) == (reports, results)
    assert _codes_since(last) == []


def test_the_schema_documents_the_results_of_a_report_save(api):
    schema = api("administrator").get("/api/v1/schema/?format=json").json()
    request = schema["components"]["schemas"]["ProgressReportRequest"]["properties"]
    assert request["results"]["type"] == "array"
    response = schema["components"]["schemas"]["ProgressReport"]["properties"]
    assert "results" not in response
