"""What a list request no longer rebuilds: the serializer's model fields and the query plan are
made once per class (and field selection), and each request works on copies."""

import pytest
from rest_framework import serializers as drf

from empact.api.serializers import ApiModelSerializer, plan_for
from oaps.api.serializers import ActionSerializer

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(monkeypatch):
    """The serializer classes whose fields are built, and those built from the model."""
    calls = {"fields": [], "model": []}
    api_fields, model_fields = ApiModelSerializer.get_fields, drf.ModelSerializer.get_fields

    def count_fields(self):
        calls["fields"].append(type(self))
        return api_fields(self)

    def count_model(self):
        calls["model"].append(type(self))
        return model_fields(self)

    monkeypatch.setattr(ApiModelSerializer, "get_fields", count_fields)
    monkeypatch.setattr(drf.ModelSerializer, "get_fields", count_model)
    return calls


def test_a_list_builds_its_fields_once_and_reads_them_from_the_model_never_again(world, api, built):
    client = api("europol")
    assert client.get("/api/v1/actions/?page_size=5").status_code == 200
    built["fields"].clear()
    built["model"].clear()
    assert client.get("/api/v1/actions/?page_size=5").status_code == 200
    assert built["fields"] == [ActionSerializer]  # the page's, not one more for the query plan
    assert built["model"] == []


def test_each_serializer_has_fields_of_its_own(world, api):
    one, other = ActionSerializer(), ActionSerializer()
    assert one.fields["title"] is not other.fields["title"]
    one.fields["title"].read_only = True
    assert not other.fields["title"].read_only


def test_the_query_plan_follows_the_fields_asked_for(world, api):
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    def context(query: str) -> dict:
        return {"request": Request(APIRequestFactory().get(f"/api/v1/actions/{query}"))}

    every = plan_for(ActionSerializer, context(""))
    assert "plan" in every.select and every.prefetch
    assert plan_for(ActionSerializer, context("?fields=id,code")).select == ()
    assert plan_for(ActionSerializer, context("?fields=id,code")).prefetch == ()
    assert plan_for(ActionSerializer, context("")) is every
