"""The filter form is built only for a request that gives a filter: for that to answer the same,
every collection's filters must let the queryset through unchanged when none is given."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from empact.api.filters import ApiFilterBackend, names_a_filter
from empact.api.urls import COLLECTIONS

pytestmark = pytest.mark.django_db

FILTERED = [
    (prefix, viewset)
    for prefix, viewset, _ in COLLECTIONS
    if getattr(viewset, "filterset_class", None) is not None
]


def test_every_collection_filters_with_the_backend_that_skips_an_unused_form():
    assert FILTERED
    for prefix, viewset in FILTERED:
        assert ApiFilterBackend in viewset.filter_backends, prefix


@pytest.mark.parametrize(("prefix", "viewset"), FILTERED, ids=[p for p, _ in FILTERED])
def test_a_filter_set_given_no_filter_leaves_the_list_as_it_is(prefix, viewset):
    request = Request(APIRequestFactory().get(f"/api/v1/{prefix}/"))
    request.user = AnonymousUser()
    filterset_class = viewset.filterset_class
    queryset = filterset_class._meta.model._default_manager.order_by("pk")
    filterset = filterset_class(data=QueryDict(), queryset=queryset, request=request)
    assert filterset.is_valid(), filterset.errors
    assert str(filterset.qs.query) == str(queryset.query)


def test_a_parameter_counts_as_a_filter_by_its_name_or_a_suffix_of_it():
    assert names_a_filter(["page_size", "plan"], ["plan", "status"])
    assert names_a_filter(["year_min"], ["year"])
    assert not names_a_filter(["page", "page_size", "ordering", "search", "fields"], ["plan"])


def test_a_bad_filter_value_is_still_a_400_naming_it(world, api):
    response = api("administrator").get("/api/v1/actions/?plan=x&page_size=5")
    assert response.status_code == 400
    assert "plan" in response.json()["fields"]


def test_a_list_given_no_filter_has_every_row_the_user_may_see(world, api):
    client = api("administrator")
    every = client.get("/api/v1/actions/?page_size=500").json()
    by_date = client.get("/api/v1/actions/?page_size=500&updated_after=2000-01-01T00:00:00Z")
    assert every["count"] == by_date.json()["count"] > 0
