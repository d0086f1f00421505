"""Every list runs a fixed number of queries: the same for 1 row and for 50, with ``?expand=``.

The counts are pinned in ``LIST_QUERIES`` (plain list, list with every expansion), so a change
shows up as a number, with the queries printed.
"""

from __future__ import annotations

import inspect
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factory.django import DjangoModelFactory

from actors.grants import sync_user_grants
from assessments.models import Assessment
from cycles.models import Cycle, Evaluation, ThreatAssessment
from priorities.models import Masp
from tests import factories
from tests.api.conftest import MATRIX_COLLECTIONS, client_for

pytestmark = pytest.mark.django_db

FACTORIES = {
    f._meta.model: f
    for _, f in inspect.getmembers(factories, inspect.isclass)
    if issubclass(f, DjangoModelFactory) and f._meta.model is not None
}
BY_PREFIX = {prefix: viewset for prefix, viewset, _ in MATRIX_COLLECTIONS}

# Queries of a page of the list for an administrator (count + page + one per prefetched relation),
# plain and with every expansion. The user's roles are loaded once per request user, beforehand.
LIST_QUERIES = {
    "actions": (4, 5),
    "amendment-changes": (2, 3),
    "assessment-items": (4, 5),  # + the evidence, compiled for the whole page at once
    "assessments": (2, 2),
    "comments": (3, 3),
    "countries": (2, 2),
    "delegation-comments": (2,),
    "cycles": (2, 2),
    "document-versions": (2, 2),
    "documents": (2, 2),
    "evaluations": (2, 2),
    "funding-calls": (2, 2),
    "funding-requests": (3, 5),
    "funding-sources": (2, 2),
    "horizontal-goals": (2, 2),
    "joint-action-days": (5, 5),
    "kpi-values": (2, 3),
    "kpis": (2, 4),
    "lock-exceptions": (2, 4),
    "masps": (2, 2),
    "milestones": (2, 2),
    "organisations": (2, 2),
    "participations": (2, 4),
    "plan-amendments": (2, 3),
    "plan-goals": (2, 3),
    "plan-versions": (2, 3),
    "plans": (3, 4),
    "priorities": (3, 3),
    "progress-reports": (3, 5),
    "recommendations": (2, 2),
    "reporting-periods": (2, 3),
    "result-types": (2, 2),
    "results": (2, 4),
    "review-rounds": (4, 4),
    "revisions": (3, 4),
    "role-assignments": (2, 2),
    "threat-assessments": (2, 2),
    "threats": (2, 2),
    "users": (2, 2),
}


def _count(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), [q["sql"] for q in context.captured_queries]


@pytest.fixture
def administrator():
    user = factories.UserFactory()
    factories.RoleAssignmentFactory(user=user, role="administrator")
    sync_user_grants(user)
    return user


def _urls(prefix: str) -> list[str]:
    expandable = BY_PREFIX[prefix].serializer_class.meta("expandable")
    urls = [f"/api/v1/{prefix}/?page_size=100"]
    if expandable:
        urls.append(f"/api/v1/{prefix}/?page_size=100&expand={','.join(expandable)}")
    return urls


ONE_PER_CYCLE = {Assessment, Evaluation, Masp, ThreatAssessment}


def _make(model, count: int) -> None:
    """``count`` new rows of the model (models kept once per cycle get a cycle each)."""
    factory = FACTORIES[model]
    for _ in range(count):
        if model is Cycle:
            factory(first_year=next(_YEARS))
        elif model in ONE_PER_CYCLE:
            factory(cycle=factories.CycleFactory(first_year=next(_YEARS)))
        else:
            factory()


_YEARS = itertools.count(2030)


@pytest.mark.parametrize("prefix", sorted(BY_PREFIX))
def test_a_list_runs_as_many_queries_for_fifty_rows_as_for_one(administrator, prefix):
    model = BY_PREFIX[prefix].serializer_class.Meta.model
    global _YEARS
    _YEARS = itertools.count(2030)
    _make(model, 1)
    client = client_for(administrator)
    client.get(_urls(prefix)[0])  # warm up: the user's roles are loaded once per request user
    one = {url: _count(client, url) for url in _urls(prefix)}
    _make(model, 49)
    rows = model._default_manager.count()
    assert rows >= 50, f"the factory of {model.__name__} made only {rows} rows"
    assert client.get(_urls(prefix)[0]).json()["count"] == rows  # the rows are in the answer
    pinned = dict(zip(_urls(prefix), LIST_QUERIES[prefix], strict=False))
    for url, (queries, sql) in one.items():
        many, many_sql = _count(client, url)
        assert queries == pinned[url], f"{url}: {queries} queries, pinned {pinned[url]}:\n" + (
            "\n".join(sql)
        )
        assert many == queries, (
            f"{url}: {queries} queries for 1 row, {many} for {rows}:\n" + "\n".join(many_sql)
        )


@pytest.mark.parametrize("prefix", ["actions", "results", "progress-reports", "participations"])
def test_a_scoped_list_runs_as_many_queries_for_fifty_rows_as_for_one(prefix):
    plan = factories.OperationalActionPlanFactory()
    driver = factories.UserFactory()
    factories.RoleAssignmentFactory(user=driver, role="driver", plan=plan)
    sync_user_grants(driver)
    model = BY_PREFIX[prefix].serializer_class.Meta.model
    factory = FACTORIES[model]

    def make(n: int) -> None:
        for _ in range(n):
            action = factories.OperationalActionFactory(plan=plan)
            if prefix != "actions":
                factory(action=action)

    make(1)
    client = client_for(driver)
    client.get(_urls(prefix)[0])
    one = {url: _count(client, url)[0] for url in _urls(prefix)}
    make(49)
    assert client.get(_urls(prefix)[0]).json()["count"] == 50  # the driver sees every row
    for url, queries in one.items():
        many, sql = _count(client, url)
        assert many == queries, f"{url}: {queries} != {many}:\n" + "\n".join(sql)


# --- the audit log -------------------------------------------------------------------------------

EVENT_QUERIES = 2  # count + page: the user's roles are cached, the gate is one SQL condition


@pytest.mark.parametrize("role", ["administrator", "driver"])
def test_the_audit_log_runs_as_many_queries_for_fifty_events_as_for_one(administrator, role):
    """The driver's gate is the subqueries of every declared model; the administrator's is
    "everything": both a count and a page, whatever the number of events."""
    from empact import events

    plan = factories.OperationalActionPlanFactory()
    reader = administrator
    if role == "driver":
        reader = factories.UserFactory()
        factories.RoleAssignmentFactory(user=reader, role="driver", plan=plan)
        sync_user_grants(reader)

    def make(n: int) -> None:
        for _ in range(n):
            action = factories.OperationalActionFactory(plan=plan)
            events.record(actor=administrator, code="oaps.action.changed", obj=action)

    make(1)
    client = client_for(reader)
    urls = ["/api/v1/events/?page_size=100", f"/api/v1/events/?page_size=100&plan={plan.pk}"]
    client.get(urls[0])
    one = {url: _count(client, url) for url in urls}
    make(49)
    for url, (queries, sql) in one.items():
        assert queries == EVENT_QUERIES, f"{url}: {queries} queries:\n" + "\n".join(sql)
        response = client.get(url)
        assert response.json()["count"] == 50  # the rows are in the answer
        assert {row["object"]["type"] for row in response.json()["results"]} == {"action"}
        many, many_sql = _count(client, url)
        assert many == queries, f"{url}: {queries} != {many}:\n" + "\n".join(many_sql)
