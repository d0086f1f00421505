"""Cycle pages: the list of cycles and one cycle with its four steps and what each produced."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cycles import selectors
from empact.views import sorted_page


def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = selectors.cycles_visible_to(request.user)
    page, sort = sorted_page(request, cycles, selectors.CYCLE_SORTS, default="-first_year")
    columns = [
        (_("Cycle"), "name"),
        (_("Years"), "first_year"),
        (_("Current step"), "step"),
        (_("Priorities"), ""),
    ]
    return render(
        request, "cycles/cycle_list.html", {"page": page, "sort": sort, "columns": columns}
    )


def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_page(request.user, pk)
    overview = selectors.cycle_overview(request.user, cycle)
    timeline = [
        {
            "label": _("Step %(number)s") % {"number": step.number}
            + (f" · {step.years}" if step.years else ""),
            "title": step.title,
            "content": render_to_string("cycles/_step_milestones.html", {"step": step}),
        }
        for step in overview.steps
    ]
    context = {
        "cycle": cycle,
        "overview": overview,
        "timeline": timeline,
        "header_meta": [_("Current step: %(step)s") % {"step": cycle.get_current_step_display()}],
    }
    return render(request, "cycles/cycle_detail.html", context)
