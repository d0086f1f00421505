"""The helpers every app's views share, and the middleware applying a user's language."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from empact.access import can

PAGE_SIZE = 50


class UserLanguageMiddleware:
    """Shows a signed-in user the interface in their preferred language."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


def require_can(user, action: str, obj) -> None:
    """403 for an object the user may see but not act on (404s come from ``visible_to``)."""
    if not can(user, action, obj):
        raise PermissionDenied


def sorted_page(
    request: HttpRequest,
    queryset: QuerySet,
    sorts: Mapping[str, tuple[str, ...]],
    *,
    default: str,
    per_page: int = PAGE_SIZE,
) -> tuple[Page, str]:
    """Sort by ``?sort=name`` or ``?sort=-name`` (only declared keys) and paginate."""
    requested = request.GET.get("sort", default)
    key = requested.lstrip("-")
    if key not in sorts:
        requested, key = default, default.lstrip("-")
    fields = sorts[key]
    if requested.startswith("-"):
        fields = tuple(f"-{name}" for name in fields)
    page = Paginator(queryset.order_by(*fields, "pk"), per_page).get_page(request.GET.get("page"))
    return page, requested
