"""Pages of plans and actions (plans.py, actions.py); reports and country pages live beside them.

Helpers the page modules share: the htmx partial check, mapping a service's ValidationError onto
a form, re-rendering a form with a fresh version after a conflict, and extra formset rows.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.formsets import BaseFormSet
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request for a part of the page (not a history restore, which needs it all)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """The same URL answers a whole page or a part: caches must keep them apart."""
    patch_vary_headers(response, ["HX-Request"])
    return response


def render_region(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """A part of the page that htmx swaps in place: the address bar keeps the page's URL
    (boosted links and forms would otherwise push the URL of the part)."""
    response = render(request, template, context)
    response["HX-Push-Url"] = "false"
    return response


def apply_validation_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's validation errors next to the fields they are about."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            form.add_error(target, errors)
    else:
        form.add_error(None, exc)


def set_bound_value(form: forms.BaseForm, name: str, value: str) -> None:
    """Change one submitted value of a bound form (the version, after a conflict)."""
    data = form.data.copy()
    data[form.add_prefix(name)] = value
    form.data = data


def formset_row(formset: BaseFormSet, index: int) -> forms.BaseForm:
    """A new, empty form of the formset numbered ``index`` (for "add a row")."""
    form = formset.empty_form
    form.prefix = formset.add_prefix(index)
    return form


def with_extra_row(data, prefix: str):
    """The submitted data with one more row in the formset ``prefix`` (no-JavaScript "add")."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, 0)) + 1)
    except ValueError:
        data[key] = "1"
    return data


def without_errors(*items) -> None:
    """Show forms again as the user filled them, without judging rows they have not finished.

    Used when the user only asked for another row: validation runs on save.
    """
    for item in items:
        if item is None:
            continue
        if isinstance(item, BaseFormSet):
            item.management_form.is_valid()
            item._errors = [ErrorDict() for _ in item.forms]
            item._non_form_errors = item.error_class(renderer=item.renderer)
            without_errors(*item.forms)
        else:
            item._errors = ErrorDict()


def next_url(request: HttpRequest, default: str) -> str:
    """The ``next`` parameter when it points inside the site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
