"""Template helpers of the ECL partials under templates/ecl/ (see docs/frontend.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import template
from django.core.paginator import Page
from django.http import QueryDict
from django.templatetags.static import static
from django.utils.translation import get_language

register = template.Library()

# The logos vendored by scripts/fetch-ecl.sh (EU_LANGUAGES there): the official EU languages.
_EU_LANGUAGES = "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv"
EU_LOGO_LANGUAGES = frozenset(_EU_LANGUAGES.split())
EU_LOGO_VERSIONS = {"standard": "standard-version", "condensed": "condensed-version"}


@register.simple_tag
def ecl_pairs(*values: Any) -> list[tuple[Any, Any]]:
    """Group the arguments two by two, for the partials that take (label, value) pairs.

    ``{% ecl_pairs _("Home") home_url _("Plans") "" as links %}``
    """
    if len(values) % 2:
        raise template.TemplateSyntaxError("ecl_pairs needs an even number of arguments.")
    return list(zip(values[::2], values[1::2], strict=True))


@register.simple_tag
def ecl_page_range(page: Page, on_each_side: int = 2, on_ends: int = 1) -> list[Any]:
    """Page numbers around the current page, with Paginator.ELLIPSIS for the gaps."""
    return list(
        page.paginator.get_elided_page_range(
            page.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


@register.filter
def ecl_next_sort(sort_key: str, current: str | None) -> str:
    """The sort value a column header links to: descending when it is sorted ascending."""
    return f"-{sort_key}" if current == sort_key else sort_key


@register.filter
def ecl_cells(row: Iterable[Any], columns: Sequence[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Pair each cell of a table row with the label of its column."""
    return list(zip(row, (label for label, _sort_key in columns), strict=False))


@register.simple_tag(takes_context=True)
def ecl_query(context: template.Context, query: QueryDict | str | None = None) -> QueryDict:
    """``query`` when given, else the query string of the current request.

    Reads ``context.request``, which ``{% include ... only %}`` keeps, unlike the ``request``
    variable.
    """
    if isinstance(query, QueryDict):
        return query
    request = getattr(context, "request", None)
    return request.GET if request is not None else QueryDict()


@register.simple_tag
def ecl_page_url(query: QueryDict, param: str | None, number: int) -> str:
    """The query string of a pagination link: ``query`` with ``param`` (default ``page``) set
    to ``number``, every other parameter kept."""
    changed = query.copy()
    changed[param or "page"] = str(number)
    return f"?{changed.urlencode()}"


@register.simple_tag(takes_context=True)
def ecl_current(context: template.Context, url: str, path: str | None = None) -> str:
    """The aria-current value of a navigation link to ``url``: "page" on that very page,
    "true" on a page under it, "" elsewhere. ``path`` defaults to the current request's."""
    if not path:
        request = getattr(context, "request", None)
        path = request.path if request is not None else ""
    if not url:
        return ""
    if url == path:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


@register.simple_tag
def eu_logo(version: str = "standard") -> str:
    """Static URL of the EU logo in the active language (English when there is none)."""
    language = (get_language() or "en").split("-")[0].lower()
    if language not in EU_LOGO_LANGUAGES:
        language = "en"
    folder = EU_LOGO_VERSIONS[version]
    return static(f"vendor/ecl/images/logo/{folder}/positive/logo-eu--{language}.svg")
