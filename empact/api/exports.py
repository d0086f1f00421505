"""Bulk CSV export of a collection, streamed in constant memory.

The rows come from the same permission-filtered, filtered queryset as the list, read with
``.iterator(chunk_size=...)`` (prefetches run once per chunk) and written line by line. Every
cell goes through ``spreadsheet_cell``, so no cell reaches a spreadsheet as a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse

from empact import clock

CHUNK_SIZE = 2000

Column = tuple[str, Callable[[Any], Any]]


class _Echo:
    """A file-like object whose ``write`` hands the line back to the csv writer's caller."""

    def write(self, value: str) -> str:
        return value


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"),
# including the full-width forms that some locales of Excel accept.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_cell(value: Any) -> Any:
    """``value`` as one cell of a spreadsheet export (CSV now, any later format too).

    Text that a spreadsheet would run as a formula gets a leading apostrophe, so it shows as the
    text it is; numbers stay numbers, negative ones included.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_rows(queryset, columns: Iterable[Column]) -> Iterator[str]:
    columns = list(columns)
    writer = csv.writer(_Echo())
    yield writer.writerow([header for header, _ in columns])
    for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield writer.writerow([spreadsheet_cell(value(obj)) for _, value in columns])


def csv_response(queryset, columns: Iterable[Column], name: str) -> StreamingHttpResponse:
    stamp = clock.today().isoformat()
    response = StreamingHttpResponse(
        csv_rows(queryset, columns), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def joined(values: Iterable[Any]) -> str:
    return "; ".join(str(value) for value in values)
