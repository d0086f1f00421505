"""Bulk CSV export of a collection, streamed in constant memory.

The rows come from the same permission-filtered, filtered queryset as the list, read with
``.iterator(chunk_size=...)`` (prefetches run once per chunk) and written line by line.
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


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_rows(queryset, columns: Iterable[Column]) -> Iterator[str]:
    columns = list(columns)
    writer = csv.writer(_Echo())
    yield writer.writerow([header for header, _ in columns])
    for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield writer.writerow([_cell(value(obj)) for _, value in columns])


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
