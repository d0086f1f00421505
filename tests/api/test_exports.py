"""The CSV exports: a cell that a spreadsheet would run as a formula goes out as text."""

import csv
import io
from decimal import Decimal

import pytest

from empact.api.exports import spreadsheet_cell
from oaps.models import OperationalAction, ResultType

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil","x")'


def _rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def _row(rows: list[dict], pk: int) -> dict:
    return next(row for row in rows if int(row["id"]) == pk)


@pytest.mark.parametrize(
    "title",
    [HYPERLINK, "+1+cmd", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "\uff1d1+1"],
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return", "full-width-equals"],
)
def test_an_action_title_that_a_spreadsheet_would_run_is_exported_as_text(world, api, title):
    OperationalAction.objects.filter(pk=world.a1.pk).update(title=title)
    rows = _rows(api("action_leader").get("/api/v1/actions/export.csv"))
    assert _row(rows, world.a1.pk)["title"] == "'" + title


def test_a_result_type_name_and_unit_that_look_like_formulas_are_exported_as_text(world, api):
    ResultType.objects.filter(pk=world.result_type.pk).update(name=HYPERLINK, unit="@SUM(1)")
    row = _row(_rows(api("nec").get("/api/v1/results/export.csv")), world.res_a3.pk)
    assert row["result_type_name"] == "'" + HYPERLINK
    assert row["unit"] == "'@SUM(1)"


def test_numbers_dates_and_ordinary_text_are_exported_unchanged(world, api):
    row = _row(_rows(api("nec").get("/api/v1/results/export.csv")), world.res_a3.pk)
    assert row["quantity"] == "5.00"
    assert row["period_start"] == "2024-01-01"
    assert row["result_type"] == "arrests"
    rows = _rows(api("action_leader").get("/api/v1/actions/export.csv"))
    assert _row(rows, world.a1.pk)["title"] == "a1"
    assert _row(rows, world.a1.pk)["chsg"] == "1"


@pytest.mark.parametrize("number", [-5, Decimal("-2.50"), 0, 7, Decimal("1E+3")])
def test_a_negative_number_stays_a_number_in_a_spreadsheet_cell(number):
    assert spreadsheet_cell(number) == number
    assert type(spreadsheet_cell(number)) is type(number)
