"""The plan list and the country list, the menu's "Plans" and "Countries"."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from actors.models import Country
from cycles.models import Cycle
from empact.views import sorted_page
from oaps import selectors
from oaps.forms import PlanListForm

COUNTRY_SORTS = {"name": ("name",), "code": ("code",), "kind": ("kind", "name")}


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    """Every plan the user may see, filtered by cycle and status, sorted and paginated."""
    cycles = Cycle.objects.visible_to(request.user, "view").order_by("-first_year")
    form = PlanListForm(request.GET or None, cycles=cycles)
    plans = selectors.plans_for_list(request.user, **form.filters())
    page, sort = sorted_page(request, plans, selectors.PLAN_SORTS, default="code")
    columns = [
        (_("Plan"), "code"),
        (_("Title"), "title"),
        (_("Cycle"), "cycle"),
        (_("Driver"), "driver"),
        (_("Status"), "status"),
        (_("Actions"), ""),
    ]
    return render(
        request,
        "oaps/plan_list.html",
        {"page": page, "sort": sort, "columns": columns, "filter_form": form},
    )


@require_GET
def country_list(request: HttpRequest) -> HttpResponse:
    """The countries the user may see, each linking to its page."""
    countries = Country.objects.visible_to(request.user, "view")
    page, sort = sorted_page(request, countries, COUNTRY_SORTS, default="name")
    columns = [(_("Country"), "name"), (_("Code"), "code"), (_("Kind"), "kind")]
    return render(
        request, "oaps/country_list.html", {"page": page, "sort": sort, "columns": columns}
    )
