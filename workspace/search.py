"""Search across the plans, actions and progress reports a user may see.

Case-insensitive ``icontains`` on codes, titles, descriptions and narratives: portable (SQLite for
``make run``, PostgreSQL in production) and plenty for a few thousand rows. Every word of the
query must match one of the fields. The selectors come first, then the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from oaps.models import OperationalAction, OperationalActionPlan, ProgressReport

MAX_WORDS = 8
PREVIEW = 5
PAGE_SIZE = 20


def _matching(model: type[Model], fields: tuple[str, ...], query: str) -> Q:
    """Every word in one of ``fields``. The model's own text fields are compared in place
    (PostgreSQL answers them from trigram indexes, migration oaps 0011); a related object's
    fields through the ids of the related objects that match, read first (one query per relation
    and word), so that PostgreSQL can join every part of the condition from an index instead of
    reading every row to test a join or a subquery."""
    words = query.split()[:MAX_WORDS]
    if not words:
        return Q(pk__in=[])
    own = [name for name in fields if "__" not in name]
    related: dict[str, list[str]] = {}
    for name in fields:
        relation, _, rest = name.partition("__")
        if rest:
            related.setdefault(relation, []).append(rest)

    def any_field(word: str) -> Q:
        condition = reduce(or_, (Q(**{f"{name}__icontains": word}) for name in own), Q(pk__in=[]))
        for relation, names in related.items():
            target = model._meta.get_field(relation).related_model
            ids = list(
                target._default_manager.filter(_matching(target, tuple(names), word))
                .order_by()
                .values_list("pk", flat=True)
            )
            if ids:
                condition |= Q(**{f"{relation}__in": ids})
        return condition

    return reduce(and_, (any_field(word) for word in words))


def search_plans(user, query: str) -> QuerySet[OperationalActionPlan]:
    return (
        OperationalActionPlan.objects.visible_to(user, "view")
        .filter(
            _matching(
                OperationalActionPlan, ("code", "title", "priority__code", "priority__title"), query
            )
        )
        .select_related("priority__cycle")
        .order_by("-first_year", "code")
    )


def search_actions(user, query: str) -> QuerySet[OperationalAction]:
    fields = ("code", "title", "description", "methods", "expected_results", "plan__code")
    return (
        OperationalAction.objects.visible_to(user, "view")
        .filter(_matching(OperationalAction, fields, query))
        .select_related("plan")
        .order_by("-plan__first_year", "plan__code", "position", "code")
    )


def search_reports(user, query: str) -> QuerySet[ProgressReport]:
    fields = (
        "narrative",
        "obstacles",
        "review_comment",
        "action__code",
        "action__title",
        "action__plan__code",
        "period__title",
    )
    return (
        ProgressReport.objects.visible_to(user, "view")
        .filter(_matching(ProgressReport, fields, query))
        .select_related("action__plan", "period")
        .order_by("-period__start", "action__plan__code", "action__position", "pk")
    )


# --- the page ----------------------------------------------------------------------------------


def _plan_card(plan: OperationalActionPlan) -> dict[str, Any]:
    return {
        "title": f"{plan.code}: {plan.title}",
        "url": reverse("plan-detail", args=[plan.pk]),
        "meta": [plan.priority.cycle.name, plan.get_status_display()],
        "description": plan.priority.title,
    }


def _action_card(action: OperationalAction) -> dict[str, Any]:
    return {
        "title": f"{action.plan.code} {action.code}: {action.title}",
        "url": reverse("action-detail", args=[action.pk]),
        "meta": [action.get_status_display()],
        "description": Truncator(action.description).words(40),
    }


def _report_card(report: ProgressReport) -> dict[str, Any]:
    return {
        "title": gettext("Progress report %(plan)s %(action)s, %(period)s")
        % {
            "plan": report.action.plan.code,
            "action": report.action.code,
            "period": report.period.title,
        },
        "url": reverse("report-edit", args=[report.pk]),
        "meta": [report.get_status_display()],
        "description": Truncator(report.narrative).words(40),
    }


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    search: Callable[[Any, str], QuerySet]
    card: Callable[[Any], dict[str, Any]]


KINDS = (
    Kind("plans", _("Operational action plans"), search_plans, _plan_card),
    Kind("actions", _("Operational actions"), search_actions, _action_card),
    Kind("reports", _("Progress reports"), search_reports, _report_card),
)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=200,
        required=False,
        help_text=_("Codes, titles, descriptions and report narratives, e.g. OA 3.2 or cocaine."),
    )


def search(request: HttpRequest) -> HttpResponse:
    """Results grouped by kind: the first few of each, or one kind page by page."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    kind = request.GET.get("kind", "")
    if kind not in {item.key for item in KINDS}:
        kind = ""
    groups = []
    page = None
    if query:
        for item in KINDS:
            if kind and item.key != kind:
                continue
            results = item.search(request.user, query)
            if kind:
                page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
                count, found = page.paginator.count, page.object_list
            else:
                count, found = results.count(), results[:PREVIEW]
            cards = [item.card(result) for result in found]
            groups.append({"kind": item, "count": count, "cards": cards, "page": page})
    return render(
        request,
        "search.html",
        {"form": form, "query": query, "kind": kind, "groups": groups, "page": page},
    )
