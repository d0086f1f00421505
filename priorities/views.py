"""The priority page: the priority, the threats it answers and its operational action plans."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cycles.models import Threat
from oaps import selectors as oap_selectors
from priorities.models import Priority


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
    plans = oap_selectors.plans_with_action_count(user).filter(priority=priority)
    return render(
        request,
        "priorities/priority_detail.html",
        {
            "priority": priority,
            "cycle": priority.cycle,
            "threats": threats,
            "plans": plans,
            "header_meta": [priority.code, priority.cycle.name, priority.get_status_display()],
        },
    )
