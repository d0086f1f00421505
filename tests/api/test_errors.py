"""One error format for every failure: status, code, message, and the invalid fields."""

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from empact.api import throttling
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def _is_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["status"] == status and body["message"]
    if code:
        assert body["code"] == code
    return body


def test_an_invalid_creation_names_every_invalid_field(world, api):
    response = api("driver").post(
        "/api/v1/actions/",
        {"plan": world.p1.pk, "code": "", "start_date": "not a date", "leader": "x"},
        format="json",
    )
    body = _is_error(response, 400, "invalid")
    assert {"code", "start_date", "leader", "title", "horizontal_goal", "end_date"} <= set(
        body["fields"]
    )


def test_a_model_rule_is_a_400_on_the_field_it_concerns(world, api):
    response = api("driver").post(
        "/api/v1/actions/",
        {
            "plan": world.p1.pk,
            "code": "Action 1",
            "title": "Bad code",
            "horizontal_goal": world.chsg_a.pk,
            "leader": world.org_be.pk,
            "start_date": "2024-03-01",
            "end_date": "2024-02-01",
        },
        format="json",
    )
    body = _is_error(response, 400, "invalid")
    assert "code" in body["fields"] and "end_date" in body["fields"]


def test_a_reference_to_an_object_the_user_may_not_see_is_invalid(world, api):
    response = api("action_leader").post(
        "/api/v1/kpis/",
        {"action": world.a4.pk, "name": "KPI", "unit": "number", "target": "1.00"},
        format="json",
    )
    body = _is_error(response, 400)
    assert "action" in body["fields"]


def test_without_credentials_the_answer_is_401_with_a_challenge(world):
    response = APIClient().get("/api/v1/plans/")
    _is_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_an_unknown_object_is_404(world, api):
    _is_error(api("driver").get("/api/v1/plans/999999/"), 404, "not_found")


def test_an_unknown_path_is_404_in_the_same_format(world, api):
    _is_error(api("driver").get("/api/v1/no-such-thing/"), 404, "not_found")


def test_an_unsupported_method_is_405(world, api):
    _is_error(api("administrator").delete(f"/api/v1/kpi-values/{world.r1_value.pk}/"), 405)


def test_a_step_not_possible_in_the_current_state_is_409_with_the_reason(world, api):
    approval = {"approved_on": "2026-11-20", "meeting_reference": "CM 1/26"}
    response = api("secretariat").post(
        f"/api/v1/plans/{world.p1.pk}/approve/", approval, format="json"
    )
    body = _is_error(response, 409)
    assert "only when it is submitted" in body["message"]


def test_a_visible_object_the_role_may_not_change_is_403(world, api):
    _is_error(api("participant").post(f"/api/v1/plans/{world.p1.pk}/submit/"), 403)


def test_deleting_a_referenced_object_is_409_not_500(world, api):
    client = api("administrator")
    url = f"/api/v1/countries/{world.be.pk}/"
    body = _is_error(client.delete(url, HTTP_IF_MATCH=client.get(url)["ETag"]), 409)
    assert body["code"] == "protected"


def test_unknown_fields_and_expansions_are_400(world, api):
    client = api("driver")
    assert "fields" in _is_error(client.get("/api/v1/plans/?fields=id,nope"), 400)["fields"]
    assert "expand" in _is_error(client.get("/api/v1/plans/?expand=nope"), 400)["fields"]


def test_an_invalid_filter_value_is_400(world, api):
    body = _is_error(api("driver").get("/api/v1/actions/?plan=abc&updated_after=yesterday"), 400)
    assert {"plan", "updated_after"} <= set(body["fields"])


def test_too_many_requests_answer_429_with_retry_after(world, monkeypatch):
    monkeypatch.setattr(
        throttling._PerUserOrToken,
        "THROTTLE_RATES",
        {"burst": "3/min", "sustained": "1000/hour", "export": "1000/hour"},
    )
    from django.core.cache import cache

    cache.clear()
    client = client_for(world.users["europol"])
    statuses = [client.get("/api/v1/cycles/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/cycles/")
    _is_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    other = client_for(world.users["commission"])
    assert other.get("/api/v1/cycles/").status_code == 200  # each user has their own budget
    cache.clear()


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("/api/v1/results/?is_published=null", "is_published"),
        ("/api/v1/results/export.csv?is_published=null", "is_published"),
        ("/api/v1/role-assignments/?active=maybe", "active"),
        ("/api/v1/milestones/?done=ja", "done"),
        ("/api/v1/users/?is_active=yes", "is_active"),
        ("/api/v1/results/?validated=2", "validated"),
    ],
)
def test_a_yes_no_filter_with_another_value_is_400_naming_it(world, api, query, name):
    body = _is_error(api("administrator").get(query), 400, "invalid")
    assert body["fields"] == {name: ["Enter true or false."]}
    assert name in body["message"]


def test_a_yes_no_filter_reads_true_and_false(world, api):
    client = api("administrator")
    published = client.get("/api/v1/results/?is_published=true&page_size=500").json()
    unpublished = client.get("/api/v1/results/?is_published=false&page_size=500").json()
    every = client.get("/api/v1/results/?page_size=500").json()
    assert {r["is_published"] for r in published["results"]} <= {True}
    assert {r["is_published"] for r in unpublished["results"]} <= {False}
    assert published["count"] + unpublished["count"] == every["count"] > 0


def test_every_yes_no_filter_of_the_api_refuses_other_values():
    from django_filters.filters import BooleanFilter

    from empact.api.filters import StrictBooleanFilter
    from empact.api.urls import COLLECTIONS

    found = {
        (prefix, name): type(flt)
        for prefix, viewset, _ in COLLECTIONS
        if getattr(viewset, "filterset_class", None)
        for name, flt in viewset.filterset_class.base_filters.items()
        if isinstance(flt, BooleanFilter)
    }
    assert found, "the API has yes/no filters"
    assert {key for key, kind in found.items() if kind is not StrictBooleanFilter} == set()


def test_a_number_sent_for_a_text_field_is_400_naming_it_and_creates_nothing(world, api):
    response = api("administrator").post(
        "/api/v1/countries/",
        {"kind": "schengen_associated", "code": "SS", "name": -1e7},
        format="json",
    )
    body = _is_error(response, 400, "invalid")
    assert body["fields"] == {"name": ["Send text (a JSON string)."]}
    from actors.models import Country

    assert not Country.objects.filter(code="SS").exists()


def test_a_text_field_sent_a_number_is_named_with_the_other_invalid_fields(world, api):
    response = api("driver").post(
        "/api/v1/actions/",
        {"plan": world.p1.pk, "code": 7, "title": ["a list"], "start_date": "not a date"},
        format="json",
    )
    body = _is_error(response, 400, "invalid")
    assert body["fields"]["code"] == body["fields"]["title"] == ["Send text (a JSON string)."]
    assert {"start_date", "leader", "end_date"} <= set(body["fields"])


def test_an_empty_string_for_a_relation_is_400_not_read_as_none(world, api):
    client = api("administrator")
    url = f"/api/v1/milestones/{world.milestone_a.pk}/"  # a relation that may be null
    etag = client.get(url)["ETag"]
    response = client.patch(url, {"document": ""}, format="json", HTTP_IF_MATCH=etag)
    assert "document" in _is_error(response, 400, "invalid")["fields"]


def test_a_decimal_is_taken_as_a_json_number_or_in_plain_digits_only(world, api):
    client = api("administrator")
    sent = {"action": world.a1.pk, "name": "Seizures", "unit": "number"}
    with transaction.atomic():
        assert (
            client.post("/api/v1/kpis/", {**sent, "target": 5}, format="json").json()["target"]
            == "5.00"
        )
        transaction.set_rollback(True)
    for written in ("1e5", " 5", "٣"):
        response = client.post("/api/v1/kpis/", {**sent, "target": written}, format="json")
        assert _is_error(response, 400, "invalid")["fields"] == {
            "target": ["Write the number in digits with a point, e.g. 12.50."]
        }, written
