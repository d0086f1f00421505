"""The report save: narrative, KPI values and new results all or nothing, one Event, the
self-conflict rule in the service, and no write when the editor is only shown."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from empact.models import Event
from empact.services import ConflictError, version_of
from oaps import services
from oaps.models import KpiValue, OperationalResult, ProgressReport, ReportingPeriod
from tests.access import conftest as shared

pytestmark = pytest.mark.django_db

# The access tests' world, built once for the module, and its frozen day.
world, today = shared.world, shared.today


@pytest.fixture
def h2(world):
    """A second reporting period of plan p1, without any report yet."""
    return ReportingPeriod.objects.create(
        plan=world.p1,
        title="H2 2024",
        start=datetime.date(2024, 7, 1),
        end=datetime.date(2024, 12, 31),
        deadline=datetime.date(2025, 1, 31),
    )


def _result(world, **overrides) -> dict:
    return {
        "result_type": world.result_type,
        "quantity": Decimal("4"),
        "country": world.be,
        "period_start": datetime.date(2024, 7, 1),
        "period_end": datetime.date(2024, 9, 30),
        **overrides,
    }


def _counts() -> tuple[int, int, int, int]:
    return (
        ProgressReport.objects.count(),
        KpiValue.objects.count(),
        OperationalResult.objects.count(),
        Event.objects.count(),
    )


def _last_event() -> int:
    return Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _codes_since(last: int) -> list[str]:
    return list(Event.objects.filter(pk__gt=last).order_by("pk").values_list("code", flat=True))


def test_the_first_save_records_one_drafted_event_with_every_change(world, h2):
    leader = world.users["action_leader"]
    last = _last_event()
    report = services.progress_report_save(
        actor=leader,
        action=world.a1,
        period=h2,
        data={"narrative": "Going well", "completion_estimate": 40},
        kpi_values={world.a1_kpi.pk: (Decimal("6"), "by June")},
        results=[_result(world)],
    )
    assert _codes_since(last) == ["oaps.report.drafted"]
    event = Event.objects.latest("pk")
    assert (event.code, event.object_id, event.actor_id) == (
        "oaps.report.drafted",
        report.pk,
        leader.pk,
    )
    assert event.payload["changes"]["narrative"] == [None, "Going well"]
    assert event.payload["kpi_values"] == {str(world.a1_kpi.pk): [None, ["6", "by June"]]}
    (result,) = OperationalResult.objects.filter(pk__in=event.payload["results"])
    assert (result.action, result.reported_by, result.quantity) == (world.a1, leader, Decimal("4"))
    assert report.kpi_values.get().value == Decimal("6")


def test_a_later_save_records_one_saved_event(world):
    leader = world.users["action_leader"]
    last = _last_event()
    services.progress_report_save(
        actor=leader,
        action=world.a1,
        period=world.p1_period,
        data={"obstacles": "None"},
        kpi_values={world.a1_kpi.pk: (Decimal("8"), "")},
        version=version_of(world.r1),
    )
    assert _codes_since(last) == ["oaps.report.saved"]
    event = Event.objects.latest("pk")
    assert event.payload["changes"] == {"obstacles": ["", "None"]}
    assert event.payload["kpi_values"] == {str(world.a1_kpi.pk): [["3.00", ""], ["8", ""]]}


def test_a_refused_result_saves_nothing_at_all(world, h2):
    before = _counts()
    with pytest.raises(services.ResultsInvalid) as refused:
        services.progress_report_save(
            actor=world.users["action_leader"],
            action=world.a1,
            period=h2,
            data={"narrative": "Going well"},
            kpi_values={world.a1_kpi.pk: (Decimal("6"), "")},
            results=[_result(world), _result(world, period_end=datetime.date(2024, 6, 1))],
        )
    assert set(refused.value.rows) == {1}
    assert any(name.startswith("results.1.") for name in refused.value.message_dict)
    assert _counts() == before


def test_a_save_by_somebody_without_the_right_changes_nothing(world, h2):
    before = _counts()
    with pytest.raises(PermissionDenied):
        services.progress_report_save(
            actor=world.users["participant"],
            action=world.a1,
            period=h2,
            data={"narrative": "Not mine"},
            results=[_result(world)],
        )
    assert _counts() == before


def test_ones_own_newer_save_is_no_conflict_but_somebody_elses_is(world):
    leader, admin = world.users["action_leader"], world.users["administrator"]
    loaded = version_of(world.r1)
    args = {"action": world.a1, "period": world.p1_period}
    services.progress_report_save(
        actor=leader, data={"narrative": "Autosaved"}, version=loaded, **args
    )
    # the same user, from the version they loaded before their own autosave: their input wins
    report = services.progress_report_save(
        actor=leader, data={"narrative": "Typed on"}, version=loaded, **args
    )
    assert report.narrative == "Typed on"
    services.progress_report_save(
        actor=admin, data={"narrative": "Admin"}, version=version_of(report), **args
    )
    with pytest.raises(ConflictError):
        services.progress_report_save(
            actor=leader, data={"narrative": "Mine"}, version=version_of(report), **args
        )
    assert ProgressReport.objects.get(pk=world.r1.pk).narrative == "Admin"


def test_showing_the_editor_of_a_report_not_started_writes_nothing(world, h2):
    client = Client()
    client.force_login(world.users["action_leader"])
    url = f"{reverse('action-report', args=[world.a1.pk])}?period={h2.pk}"
    before = _counts()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert b'name="narrative"' in response.content  # the editor, offered to start the report
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]
    assert not writes
    assert _counts() == before


def test_somebody_who_may_not_start_the_report_sees_no_editor_and_nothing_is_written(world, h2):
    client = Client()
    client.force_login(world.users["participant"])
    url = f"{reverse('action-report', args=[world.a1.pk])}?period={h2.pk}"
    before = _counts()
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert b'name="narrative"' not in response.content
    assert _counts() == before
