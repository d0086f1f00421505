"""The OpenAPI schema says what the endpoints do: a ``PUT`` replaces what can change.

Fields set on creation (``create`` in the access matrix) are read-only afterwards: the body of
a ``PUT`` or ``PATCH`` neither requires nor lists them, the ``POST`` body still requires them,
and the endpoints behave so (a ``PUT`` without them succeeds; one that changes them is a 403).
"""

from __future__ import annotations

import pytest
from django.db import transaction

from empact.access import type_for_model
from empact.access.matrix import CREATE_ONLY
from empact.api.urls import COLLECTIONS
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(world, django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return client_for(world.users["administrator"]).get("/api/v1/schema/?format=json").json()


def _body(schema: dict, operation: dict) -> dict:
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


def _create_only(viewset) -> set[str]:
    listed = type_for_model(viewset.serializer_class.Meta.model).fields
    return {name for name, action in listed.items() if action == CREATE_ONLY}


@pytest.mark.parametrize(("prefix", "viewset"), [(p, v) for p, v, _ in COLLECTIONS])
def test_an_update_body_neither_requires_nor_lists_the_fields_set_on_creation(
    schema, prefix, viewset
):
    item = schema["paths"].get(f"/api/v1/{prefix}/{{id}}/", {})
    collection = schema["paths"].get(f"/api/v1/{prefix}/", {})
    if not {"put", "patch", "post"} & (set(item) | set(collection)):
        return  # read-only (the audit log): nothing is written, nothing is set on creation
    settled = _create_only(viewset)
    for method in ("put", "patch"):
        if method not in item:
            continue
        body = _body(schema, item[method])
        assert not settled & set(body.get("required", [])), (prefix, method)
        assert not settled & set(body["properties"]), (prefix, method)
    if settled and "post" in collection:
        assert settled <= set(_body(schema, collection["post"])["properties"]), prefix


def test_the_creation_body_of_an_action_still_requires_its_plan(schema):
    body = _body(schema, schema["paths"]["/api/v1/actions/"]["post"])
    assert "plan" in body["required"]


def _put(client, url: str, body: dict):
    etag = client.get(url)["ETag"]
    return client.put(url, body, format="json", HTTP_IF_MATCH=etag)


def _writable(body: dict, settled: set[str]) -> dict:
    """What a client sends back to replace an action: the writable fields, relations as ids."""
    names = ("code", "title", "horizontal_goal", "leader", "start_date", "end_date")
    sent = {name: body[name] for name in names if name not in settled}
    return {k: v["id"] if isinstance(v, dict) else v for k, v in sent.items()}


def test_a_put_without_the_fields_set_on_creation_replaces_the_others(world):
    client = client_for(world.users["administrator"])
    url = f"/api/v1/actions/{world.a1.pk}/"
    sent = {**_writable(client.get(url).json(), {"plan"}), "title": "Replaced"}
    with transaction.atomic():
        response = _put(client, url, sent)
        assert response.status_code == 200, response.content
        assert response.json()["title"] == "Replaced"
        assert response.json()["plan"]["id"] == world.p1.pk
        transaction.set_rollback(True)


def test_a_put_that_changes_a_field_set_on_creation_is_refused(world):
    client = client_for(world.users["administrator"])
    url = f"/api/v1/actions/{world.a1.pk}/"
    sent = {**_writable(client.get(url).json(), {"plan"}), "plan": world.p3.pk}
    response = _put(client, url, sent)
    assert response.status_code == 403, response.content
    assert "plan" in response.json()["message"]
    world.a1.refresh_from_db()
    assert world.a1.plan_id == world.p1.pk


def test_a_decimal_in_a_body_is_a_decimal_string_or_a_number_and_a_string_in_answers(schema):
    components = schema["components"]["schemas"]
    sent = components["KpiRequest"]["properties"]["target"]
    assert [kind["type"] for kind in sent["anyOf"]] == ["string", "number"]
    assert components["Kpi"]["properties"]["target"]["type"] == "string"
