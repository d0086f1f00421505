"""Search across plans, actions and progress reports, through the permission gate."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oaps.models import OperationalAction, ProgressReport
from tests.factories import OperationalActionFactory, ProgressReportFactory
from tests.pages import missing_from
from workspace import search

pytestmark = pytest.mark.django_db


def _search(client, **params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response


def _titles(response) -> dict[str, list[str]]:
    return {
        group["kind"].key: [card["title"] for card in group["cards"]]
        for group in response.context["groups"]
    }


def test_search_finds_actions_by_words_of_their_description_ignoring_case(world):
    OperationalAction.objects.filter(pk=world.a1.pk).update(
        description="Mapping COCAINE routes through container ports."
    )
    found = search.search_actions(world.users["secretariat"], "cocaine Container")
    assert list(found) == [world.a1]


def test_every_word_must_match(world):
    OperationalAction.objects.filter(pk=world.a1.pk).update(description="cocaine routes")
    assert not search.search_actions(world.users["secretariat"], "cocaine heroin").exists()


def test_search_finds_reports_by_their_narrative(world):
    ProgressReport.objects.filter(pk=world.r2.pk).update(narrative="Three hubs dismantled.")
    assert list(search.search_reports(world.users["driver"], "HUBS")) == [world.r2]


def test_search_finds_plans_by_code(world, client_for):
    response = _search(client_for(world.users["secretariat"]), q="p3")
    assert _titles(response)["plans"] == ["p3: p3"]


def test_search_shows_only_what_the_user_may_see(world, client_for):
    for action in (world.a1, world.a4):
        OperationalAction.objects.filter(pk=action.pk).update(description="firearms workshop")
    ProgressReport.objects.filter(pk__in=[world.r1.pk, world.r2.pk]).update(
        narrative="firearms seized"
    )

    response = _search(client_for(world.users["driver"]), q="firearms")

    titles = _titles(response)
    assert titles["actions"] == [f"p1 {world.a1.code}: a1"]
    assert len(titles["reports"]) == 2
    response = _search(client_for(world.users["action_leader"]), q="firearms")
    assert len(_titles(response)["reports"]) == 1


def test_results_are_grouped_by_kind_and_a_kind_pages_through_all(world, client_for):
    for index in range(7):
        OperationalActionFactory(plan=world.p1, code=f"OA 7.{index}", title=f"Sweep {index}")
    client = client_for(world.users["secretariat"])

    preview = _search(client, q="sweep")
    group = preview.context["groups"][1]
    assert (group["kind"].key, group["count"], len(group["cards"])) == ("actions", 7, 5)
    assert "kind=actions" in preview.content.decode()

    full = _search(client, q="sweep", kind="actions")
    assert [g["kind"].key for g in full.context["groups"]] == ["actions"]
    assert len(full.context["groups"][0]["cards"]) == 7


def test_an_empty_query_searches_nothing(world, client_for):
    response = _search(client_for(world.users["secretariat"]), q="  ")
    assert response.context["groups"] == []


def test_search_runs_a_constant_number_of_queries(world, client_for):
    client = client_for(world.users["secretariat"])
    client.get(reverse("search"), {"q": "sweep"})

    def count(**kind) -> int:
        with CaptureQueriesContext(connection) as queries:
            _search(client, q="sweep", **kind)
        return len(queries)

    def add(index: int) -> None:
        action = OperationalActionFactory(
            plan=world.p1, code=f"OA 6.{index}", title=f"Sweep {index}"
        )
        ProgressReportFactory(action=action, period=world.p1_period, narrative="sweep done")

    add(0)
    few = {kind: count(kind=kind) for kind in ("", "actions", "reports")}
    for index in range(1, 6):
        add(index)
    assert {kind: count(kind=kind) for kind in few} == few
    shown = [f"p1 OA 6.{index}: Sweep {index}" for index in range(6)]
    assert not missing_from(_search(client, q="sweep", kind="actions").content.decode(), shown)
    reports = _titles(_search(client, q="sweep", kind="reports"))["reports"]
    assert len(reports) == 6
    assert not missing_from(" ".join(reports), [f"OA 6.{index}" for index in range(6)])


def test_search_finds_reports_by_their_plans_code_and_one_word_in_each_field(world):
    report = world.r2
    ProgressReport.objects.filter(pk=report.pk).update(narrative="Three hubs dismantled.")
    plan_code = report.action.plan.code
    found = set(search.search_reports(world.users["secretariat"], f"{plan_code} hubs"))
    assert found == {report}  # one word in the plan's code, through the action; one in its own
    assert not search.search_reports(world.users["secretariat"], f"{plan_code} zzz").exists()


def test_the_searched_text_fields_have_trigram_indexes_on_postgresql():
    # Migration oaps 0011: without them a search reads every report (150 ms at 75,000 reports).
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"progressreport_narrative_trgm", "operationalaction_description_trgm"} <= names
