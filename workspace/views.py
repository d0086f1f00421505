"""The pages that show several apps' data: my work (the home page), the cycles and a cycle with
its four steps and what each produced, a priority with its threats and plans."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from cycles.models import Threat
from cycles.services import cycle_set_up
from empact import clock
from empact.access import can, may
from empact.views import sorted_page
from oaps.selectors import cycle_compliance, plans_with_action_count
from priorities.models import Priority
from revisions.selectors import adopted_revisions_of_priority
from workspace import selectors
from workspace.forms import CycleSetUpForm
from workspace.my_work import my_work
from workspace.search import SearchForm

CYCLE_ROWS_PER_PAGE = 25  # priorities, and plans' compliance, on one page of the cycle page


def require_may(user, type_key: str, action: str) -> None:
    """403 for a page that creates an object of a type the user's roles may not add."""
    if not may(user, type_key, action):
        raise PermissionDenied


def home(request: HttpRequest) -> HttpResponse:
    """My work: what needs the signed-in user's attention, by the roles they hold."""
    return render(
        request,
        "home.html",
        {"work": my_work(request.user), "search_form": SearchForm(), "today": clock.today()},
    )


def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = selectors.cycles_visible_to(request.user)
    page, sort = sorted_page(request, cycles, selectors.CYCLE_SORTS, default="-first_year")
    columns = [
        (_("Cycle"), "name"),
        (_("Years"), "first_year"),
        (_("Current step"), "step"),
        (_("Priorities"), ""),
    ]
    context = {
        "page": page,
        "sort": sort,
        "columns": columns,
        "may_set_up": may(request.user, "cycle", "add"),
    }
    return render(request, "cycles/cycle_list.html", context)


def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_page(request.user, pk)
    overview = selectors.cycle_overview(request.user, cycle)
    compliance = cycle_compliance(request.user, cycle, clock.today())
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
        "compliance": compliance,
        "priorities_page": Paginator(overview.priorities, CYCLE_ROWS_PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "compliance_page": Paginator(compliance.per_plan(), CYCLE_ROWS_PER_PAGE).get_page(
            request.GET.get("compliance_page")
        ),
        "may_set_up": can(request.user, "change", cycle),
        "evaluation_add_url": (
            f"{reverse('evaluation-create')}?cycle={cycle.pk}"
            if may(request.user, "evaluation", "add")
            else ""
        ),
        "may_start_next": can(request.user, "next_cycle", cycle),
    }
    return render(request, "cycles/cycle_detail.html", context)


def priority_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    priority = get_object_or_404(
        Priority.objects.visible_to(user, "view").select_related("cycle"), pk=pk
    )
    threats = (
        Threat.objects.visible_to(user, "view")
        .filter(priorities=priority)
        .select_related("assessment")
        .order_by("assessment__publication_date", "title")
    )
    plans = plans_with_action_count(user).filter(priority=priority)
    return render(
        request,
        "priorities/priority_detail.html",
        {
            "priority": priority,
            "cycle": priority.cycle,
            "threats": threats,
            "plans": plans,
            "revisions": adopted_revisions_of_priority(user, priority),
            "header_meta": [priority.code, priority.cycle.name, priority.get_status_display()],
        },
    )


@require_http_methods(["GET", "POST"])
def cycle_create(request: HttpRequest) -> HttpResponse:
    """The first step of setting a cycle up: its years; the milestones of the default
    timetable come with it, and the set-up's next steps follow (workspace/setup.py)."""
    require_may(request.user, "cycle", "add")
    form = CycleSetUpForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = cycle_set_up(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            count = cycle.milestones.count()
            messages.success(
                request,
                ngettext(
                    "%(cycle)s was created with %(n)s milestone of the default timetable.",
                    "%(cycle)s was created with %(n)s milestones of the default timetable.",
                    count,
                )
                % {"cycle": cycle.name, "n": count},
            )
            return redirect("cycle-setup", pk=cycle.pk)
    return render(request, "cycles/cycle_form.html", {"form": form})
