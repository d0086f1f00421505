"""Project-level pages and the helpers every app's views share."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views import i18n

from empact.access import can

PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    """My work: what needs the signed-in user's attention, by the roles they hold."""
    from empact import clock
    from empact.my_work import my_work
    from empact.search import SearchForm

    return render(
        request,
        "home.html",
        {"work": my_work(request.user), "search_form": SearchForm(), "today": clock.today()},
    )


@login_not_required
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; for a signed-in user the choice is also their preference."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and translation.check_for_language(language)
        and language in dict(settings.LANGUAGES)
    ):
        from actors.services import user_set_language

        user_set_language(user=request.user, language=language)
    return response


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
