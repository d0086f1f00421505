"""The progress report pages: start or continue a report, save a draft (plainly and by htmx
autosave), submit it, record results, merge a conflict, and the drivers' review."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats

from empact import clock
from empact.models import Event
from empact.services import version_of
from oaps import services
from oaps.models import KpiValue, OperationalResult, ProgressReport, ReportingPeriod
from tests.factories import KpiFactory, OperationalResultFactory, ResultTypeFactory
from tests.pages import missing_from

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


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


@pytest.fixture
def leader(world, client_for):
    return client_for(world.users["action_leader"])


@pytest.fixture
def driver(world, client_for):
    return client_for(world.users["driver"])


def form_data(report=None, *, period=None, kpis=None, results=(), **fields) -> dict[str, str]:
    """What the browser posts from the report form; a blank result row comes with its dates."""
    period = period or report.period
    data = {
        "narrative": "",
        "completion_estimate": "",
        "obstacles": "",
        "version": version_of(fresh(report)) if report else "",
        "results-TOTAL_FORMS": str(max(1, len(results))),
        "results-INITIAL_FORMS": "0",
        "results-MIN_NUM_FORMS": "0",
        "results-MAX_NUM_FORMS": "20",
    }
    for kpi, (value, comment) in (kpis or {}).items():
        data[f"kpi-{kpi.pk}-value"] = value
        data[f"kpi-{kpi.pk}-comment"] = comment
    for index, row in enumerate(results or [{}]):
        data[f"results-{index}-period_start"] = period.start.isoformat()
        data[f"results-{index}-period_end"] = period.end.isoformat()
        for name, value in row.items():
            data[f"results-{index}-{name}"] = value
    data.update({name: str(value) for name, value in fields.items()})
    return data


def fresh(report: ProgressReport) -> ProgressReport:
    """The report as stored now (the world's objects are shared by the module's tests)."""
    return ProgressReport.objects.get(pk=report.pk)


def start_url(action, period) -> str:
    return f"{reverse('action-report', args=[action.pk])}?period={period.pk}"


def edit_url(report) -> str:
    return reverse("report-edit", args=[report.pk])


# --- starting and continuing ---------------------------------------------------------------


def test_the_report_page_without_a_period_lists_the_action_plan_and_cycle_periods(
    world, leader, h2
):
    response = leader.get(reverse("action-report", args=[world.a1.pk]))
    assert response.status_code == 200
    listed = {row["period"] for row in response.context["rows"]}
    assert listed == {world.p1_period, h2, world.cycle_period}
    assert edit_url(world.r1) in response.content.decode()


def test_opening_a_period_that_has_a_report_continues_that_report(world, leader):
    response = leader.get(start_url(world.a1, world.p1_period))
    assert response.status_code == 302
    assert response["Location"] == edit_url(world.r1)


def test_a_period_of_another_plan_is_not_found(world, leader):
    response = leader.get(start_url(world.a1, world.p3_period))
    assert response.status_code == 404


def test_the_action_leader_starts_a_report_with_kpi_values(world, leader, h2):
    page = leader.get(start_url(world.a1, h2))
    assert page.status_code == 200
    assert f"kpi-{world.a1_kpi.pk}-value" in page.content.decode()

    response = leader.post(
        start_url(world.a1, h2),
        form_data(
            period=h2,
            narrative="Two joint investigations opened.",
            completion_estimate=30,
            kpis={world.a1_kpi: ("4", "Two more than planned")},
        ),
    )

    report = ProgressReport.objects.get(action=world.a1, period=h2)
    assert response.status_code == 302
    assert response["Location"] == edit_url(report)
    assert report.status == "draft"
    assert report.narrative == "Two joint investigations opened."
    assert report.completion_estimate == 30
    value = KpiValue.objects.get(report=report, kpi=world.a1_kpi)
    assert (value.value, value.comment) == (Decimal("4"), "Two more than planned")


def test_a_driver_sees_a_period_without_report_read_only(world, driver, h2):
    response = driver.get(start_url(world.a1, h2))
    assert response.status_code == 200
    assert "oaps/report_detail.html" in [t.name for t in response.templates]
    assert not ProgressReport.objects.filter(action=world.a1, period=h2).exists()


def test_a_driver_may_not_start_a_report(world, driver, h2):
    response = driver.post(start_url(world.a1, h2), form_data(period=h2, narrative="x"))
    assert response.status_code == 403
    assert not ProgressReport.objects.filter(action=world.a1, period=h2).exists()


# --- saving a draft --------------------------------------------------------------------------


def test_saving_a_draft_keeps_what_the_user_typed(world, leader):
    response = leader.post(
        edit_url(world.r1),
        form_data(world.r1, narrative="Progress on the hubs.", obstacles="Late funding."),
    )
    assert response.status_code == 302
    r1 = fresh(world.r1)
    assert r1.narrative == "Progress on the hubs."
    assert r1.obstacles == "Late funding."
    assert r1.status == "draft"


def test_invalid_input_is_kept_and_shown_next_to_its_field_and_the_rest_is_saved(world, leader):
    response = leader.post(
        edit_url(world.r1),
        form_data(
            world.r1,
            narrative="Kept narrative.",
            completion_estimate=140,
            kpis={world.a1_kpi: ("many", "")},
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_completion_estimate_error"' in html
    assert f'id="id_kpi-{world.a1_kpi.pk}-value_error"' in html
    assert 'value="140"' in html and 'value="many"' in html
    assert "Your draft was saved, except the entries marked below" in html
    r1 = fresh(world.r1)
    assert r1.narrative == "Kept narrative."
    assert r1.completion_estimate is None
    assert KpiValue.objects.get(report=world.r1, kpi=world.a1_kpi).value == 3
    assert response.context["form"]["version"].value() == version_of(r1)


def test_a_comment_without_a_kpi_value_asks_for_the_value(world, leader):
    response = leader.post(
        edit_url(world.r1), form_data(world.r1, kpis={world.a1_kpi: ("", "Why so low?")})
    )
    assert response.status_code == 200
    assert "Enter a value to keep the comment" in response.content.decode()
    assert KpiValue.objects.get(report=world.r1, kpi=world.a1_kpi).comment == ""


def test_autosave_saves_the_draft_and_sends_back_the_new_version(world, leader):
    response = leader.post(
        edit_url(world.r1),
        form_data(world.r1, narrative="Typed a minute ago.", autosave="1"),
        **HTMX,
    )

    assert response.status_code == 200
    r1 = fresh(world.r1)
    assert r1.narrative == "Typed a minute ago."
    html = response.content.decode()
    assert 'id="report-autosave-message"' in html
    assert f'value="{version_of(r1)}" id="id_version" hx-swap-oob="true"' in html


def test_autosave_without_changes_writes_nothing(world, leader):
    before = version_of(world.r1)
    response = leader.post(
        edit_url(world.r1),
        form_data(world.r1, kpis={world.a1_kpi: ("3", "")}, autosave="1"),
        **HTMX,
    )
    assert response.status_code == 204
    r1 = fresh(world.r1)
    assert version_of(r1) == before


def test_autosave_does_not_record_results(world, leader):
    arrests = world.result_type
    leader.post(
        edit_url(world.r1),
        form_data(
            world.r1,
            narrative="x",
            results=[{"result_type": arrests.pk, "quantity": "7"}],
            autosave="1",
        ),
        **HTMX,
    )
    assert not OperationalResult.objects.filter(action=world.a1, quantity=7).exists()


def test_autosave_of_a_new_report_creates_the_draft_once(world, leader, h2):
    data = form_data(period=h2, narrative="Started.", autosave="1")
    first = leader.post(start_url(world.a1, h2), data, **HTMX)
    report = ProgressReport.objects.get(action=world.a1, period=h2)
    assert first.status_code == 200
    data["version"] = version_of(report)
    data["narrative"] = "Started, and more."
    second = leader.post(start_url(world.a1, h2), data, **HTMX)
    assert second.status_code == 200
    report.refresh_from_db()
    assert report.narrative == "Started, and more."


# --- results ---------------------------------------------------------------------------------


def test_saving_records_the_new_results_with_the_service(world, leader):
    response = leader.post(
        edit_url(world.r1),
        form_data(
            world.r1,
            results=[
                {"result_type": world.result_type.pk, "quantity": "12", "country": world.nl.pk},
                {},
            ],
        ),
    )
    assert response.status_code == 302
    result = OperationalResult.objects.get(action=world.a1, quantity=12)
    assert result.country == world.nl
    assert result.reported_by == world.users["action_leader"]
    assert (result.period_start, result.period_end) == (
        world.p1_period.start,
        world.p1_period.end,
    )


def test_an_invalid_result_row_is_not_recorded_and_keeps_the_input(world, leader):
    response = leader.post(
        edit_url(world.r1),
        form_data(
            world.r1,
            results=[
                {
                    "result_type": world.result_type.pk,
                    "quantity": "5",
                    "period_start": "2024-06-30",
                    "period_end": "2024-01-01",
                }
            ],
        ),
    )
    assert response.status_code == 200
    assert "The period cannot end before it starts." in response.content.decode()
    assert not OperationalResult.objects.filter(action=world.a1, quantity=5).exclude(
        pk=world.res_a1.pk
    )


def test_htmx_adds_a_result_row_and_raises_the_form_count(world, leader):
    url = f"{edit_url(world.r1)}?result_row=1&results-TOTAL_FORMS=1"
    response = leader.get(url, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="results-1-result_type"' in html
    assert 'name="results-TOTAL_FORMS" value="2"' in html and 'hx-swap-oob="true"' in html
    assert "<html" not in html


def test_without_javascript_add_a_row_saves_and_shows_one_more_row(world, leader):
    response = leader.post(edit_url(world.r1), form_data(world.r1, add_result="1"))
    assert response.status_code == 302
    page = leader.get(response["Location"])
    assert 'name="results-1-result_type"' in page.content.decode()


def test_results_of_the_period_are_listed(world, leader):
    response = leader.get(edit_url(world.r1))
    assert world.res_a1 in response.context["recorded_results"]


# --- submitting ------------------------------------------------------------------------------


def test_submitting_an_incomplete_report_says_what_is_missing_and_keeps_the_draft(world, leader):
    response = leader.post(
        edit_url(world.r1), form_data(world.r1, narrative="Half done.", submit="1")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "the completion estimate" in html
    r1 = fresh(world.r1)
    assert r1.status == "draft"
    assert r1.narrative == "Half done."


def test_submitting_a_complete_report_sends_it_to_the_drivers(world, leader):
    response = leader.post(
        edit_url(world.r1),
        form_data(
            world.r1,
            narrative="Done.",
            completion_estimate=100,
            kpis={world.a1_kpi: ("10", "")},
            submit="1",
        ),
    )
    assert response.status_code == 302
    r1 = fresh(world.r1)
    assert r1.status == "submitted"
    page = leader.get(edit_url(world.r1))
    assert "oaps/report_detail.html" in [t.name for t in page.templates]
    assert page.context["review_form"] is None


def test_a_report_submitted_meanwhile_shows_the_unsaved_input(world, leader):
    services.progress_report_save(
        actor=world.users["action_leader"],
        action=world.a1,
        period=world.p1_period,
        data={"narrative": "Final.", "completion_estimate": 100},
    )
    stale = form_data(world.r1, narrative="My late change.")
    report = ProgressReport.objects.get(pk=world.r1.pk)
    services.progress_report_submit(actor=world.users["action_leader"], report=report)

    response = leader.post(edit_url(world.r1), stale)

    assert response.status_code == 409
    assert "My late change." in response.content.decode()
    r1 = fresh(world.r1)
    assert r1.narrative == "Final."


# --- conflicts -------------------------------------------------------------------------------


def test_a_conflict_shows_their_values_and_yours_and_keeps_your_input(world, leader):
    stale = form_data(world.r1, narrative="My narrative.", obstacles="My obstacles.")
    services.progress_report_save(
        actor=world.users["administrator"],
        action=world.a1,
        period=world.p1_period,
        data={"narrative": "Their narrative."},
    )

    response = leader.post(edit_url(world.r1), stale)

    assert response.status_code == 409
    changes = response.context["conflict"]["changes"]
    assert ("Progress narrative", "Their narrative.", "My narrative.") in changes
    assert response.context["conflict"]["by"] == world.users["administrator"]
    form = response.context["form"]
    assert form["narrative"].value() == "My narrative."
    r1 = fresh(world.r1)
    assert r1.narrative == "Their narrative."
    assert form["version"].value() == version_of(r1)

    merged = dict(stale, version=form["version"].value())
    assert leader.post(edit_url(world.r1), merged).status_code == 302
    r1 = fresh(world.r1)
    assert r1.narrative == "My narrative."


def test_autosave_never_overwrites_somebody_elses_save(world, leader):
    stale = form_data(world.r1, narrative="Mine.", autosave="1")
    services.progress_report_save(
        actor=world.users["administrator"],
        action=world.a1,
        period=world.p1_period,
        data={"narrative": "Theirs."},
    )
    response = leader.post(edit_url(world.r1), stale, **HTMX)
    assert response.status_code == 200
    assert "somebody else changed this report" in response.content.decode()
    r1 = fresh(world.r1)
    assert r1.narrative == "Theirs."


# --- reading and reviewing -------------------------------------------------------------------


def test_a_participant_of_another_action_cannot_find_the_report(world, client_for):
    response = client_for(world.users["participant"]).get(edit_url(world.r1))
    assert response.status_code == 404


def test_the_driver_reads_a_draft_without_a_form(world, driver):
    response = driver.get(edit_url(world.r1))
    assert response.status_code == 200
    assert "oaps/report_detail.html" in [t.name for t in response.templates]
    assert response.context["review_form"] is None


def test_the_driver_returns_a_report_with_a_comment(world, driver, client_for):
    page = driver.get(edit_url(world.r2))
    assert page.context["review_form"] is not None

    response = driver.post(
        reverse("report-review", args=[world.r2.pk]),
        {"decision": "return", "comment": "Add the figures of the second JAD."},
    )

    assert response.status_code == 302
    r2 = fresh(world.r2)
    assert r2.status == "returned"
    assert r2.reviewed_by == world.users["driver"]
    assert r2.review_comment == "Add the figures of the second JAD."
    header = client_for(world.users["secretariat"]).get(edit_url(r2)).context["meta"]
    assert f"Reviewed by {world.users['driver']} on " in header[-1]


def test_returning_without_a_comment_asks_for_one_next_to_the_field(world, driver):
    response = driver.post(reverse("report-review", args=[world.r2.pk]), {"decision": "return"})
    assert response.status_code == 200
    assert 'id="id_comment_error"' in response.content.decode()
    r2 = fresh(world.r2)
    assert r2.status == "submitted"


def test_the_driver_accepts_a_report(world, driver):
    response = driver.post(reverse("report-review", args=[world.r2.pk]), {"decision": "accept"})
    assert response.status_code == 302
    r2 = fresh(world.r2)
    assert r2.status == "accepted"


def test_an_action_leader_may_not_review_reports(world, leader):
    response = leader.post(reverse("report-review", args=[world.r1.pk]), {"decision": "accept"})
    assert response.status_code == 403


def test_the_action_leader_sees_the_drivers_comment_on_a_returned_report(world, leader):
    ProgressReport.objects.filter(pk=world.r1.pk).update(
        status="returned", submitted_at=clock.now(), review_comment="Please add the KPI comment."
    )
    response = leader.get(edit_url(world.r1))
    assert response.status_code == 200
    assert "oaps/report_form.html" in [t.name for t in response.templates]
    assert "Please add the KPI comment." in response.content.decode()


def test_the_report_header_says_who_submitted_it_and_when(world, leader):
    ProgressReport.objects.filter(pk=world.r1.pk).update(
        status="submitted",
        submitted_by=world.users["action_leader"],
        submitted_at=datetime.datetime(2026, 7, 30, 23, 30, tzinfo=datetime.UTC),
    )

    meta = leader.get(edit_url(world.r1)).context["meta"]

    brussels_day = formats.date_format(datetime.date(2026, 7, 31), "SHORT_DATE_FORMAT")
    assert f"Submitted by {world.users['action_leader']} on {brussels_day}" in meta  # not 30 July


# --- query counts ----------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_report_form_runs_a_constant_number_of_queries(world, leader):
    url = edit_url(world.r1)
    leader.get(url)
    few = _count(leader, url)
    added = []
    for index in range(5):
        kpi = KpiFactory(action=world.a1, name=f"Extra {index}")
        KpiValue.objects.create(report=world.r1, kpi=kpi, value=index)
        result = OperationalResultFactory(
            action=world.a1, result_type=ResultTypeFactory(), country=world.be
        )
        added += [kpi.name, result.result_type.name]
    assert _count(leader, url) == few
    assert not missing_from(leader.get(url).content.decode(), added)


def test_the_read_only_report_runs_a_constant_number_of_queries(world, driver):
    url = edit_url(world.r2)
    driver.get(url)
    few = _count(driver, url)
    added = []
    for index in range(5):
        kpi = KpiFactory(action=world.a2, name=f"Extra {index}")
        KpiValue.objects.create(report=world.r2, kpi=kpi, value=index)
        added += [kpi.name, OperationalResultFactory(action=world.a2).result_type.name]
    assert _count(driver, url) == few
    assert not missing_from(driver.get(url).content.decode(), added)


def test_the_users_own_autosave_is_no_conflict_for_their_next_save(world, leader):
    stale = form_data(world.r1, narrative="Autosaved.")
    leader.post(edit_url(world.r1), dict(stale, autosave="1"), **HTMX)

    response = leader.post(edit_url(world.r1), dict(stale, narrative="Saved by the button."))

    assert response.status_code == 302
    assert fresh(world.r1).narrative == "Saved by the button."


# --- showing the editor writes nothing ------------------------------------------------------------


def _counts() -> tuple[int, int, int, int]:
    return (
        ProgressReport.objects.count(),
        KpiValue.objects.count(),
        OperationalResult.objects.count(),
        Event.objects.count(),
    )


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
