"""Reads on plans and actions for the coordinators' pages, always for a user.

Every queryset starts from ``visible_to`` and loads what a page shows in a fixed number of queries,
whatever the number of rows: annotations and subqueries for the progress columns, prefetches for
the lists inside each row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    Count,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from actors.models import Country, Organisation
from cycles.models import Cycle
from empact import events
from empact.models import Event
from oaps import page_parts
from oaps.models import (
    Kpi,
    KpiValue,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanGoal,
    ProgressReport,
)
from priorities.models import HorizontalGoal

Plan = OperationalActionPlan
Action = OperationalAction

# ?sort= keys of the plan's action table and the columns they order by.
ACTION_SORTS: dict[str, tuple[str, ...]] = {
    "position": ("position", "code"),
    "code": ("code",),
    "title": ("title",),
    "chsg": ("horizontal_goal__number", "position"),
    "leader": ("leader__name", "position"),
    "status": ("status", "position"),
    "start": ("start_date", "position"),
    "end": ("end_date", "position"),
}


# --- plans -------------------------------------------------------------------------------------


def plans_visible_to(user) -> QuerySet[Plan]:
    return Plan.objects.visible_to(user, "view").select_related(
        "priority", "priority__cycle", "driver", "driver__country"
    )


def plans_with_action_count(user) -> QuerySet[Plan]:
    """Visible plans with their number of actions that are not cancelled."""
    return (
        plans_visible_to(user)
        .annotate(action_count=Count("actions", filter=~Q(actions__status=Action.Status.CANCELLED)))
        .order_by("code")
    )


def plan_for_page(user, pk: int) -> Plan:
    """The plan with what its overview shows (404 outside the user's view)."""
    queryset = plans_visible_to(user).prefetch_related(
        Prefetch(
            "co_drivers", queryset=Organisation.objects.select_related("country").order_by("name")
        ),
        Prefetch("goals", queryset=PlanGoal.objects.visible_to(user, "view").order_by("number")),
    )
    return get_object_or_404(queryset, pk=pk)


def _latest_kpi_values(user) -> QuerySet[Kpi]:
    """KPIs with the latest value the user may see, from the most recent reporting period."""
    latest = (
        KpiValue.objects.visible_to(user, "view")
        .filter(kpi=OuterRef("pk"))
        .order_by("-report__period__start", "-report__period__pk", "-pk")
    )
    return (
        Kpi.objects.visible_to(user, "view")
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_period=Subquery(latest.values("report__period__title")[:1]),
        )
        .order_by("pk")
    )


def plan_actions(user, plan: Plan, filters: Mapping[str, Any] | None = None) -> QuerySet[Action]:
    """The plan's actions for the table, with the progress columns, filtered.

    ``filters`` holds the cleaned data of the filter form: ``chsg``, ``status``, ``leader`` and
    ``country`` (the country leads, co-leads or takes part, itself or through an organisation).
    """
    last_report = (
        ProgressReport.objects.visible_to(user, "view")
        .filter(action=OuterRef("pk"))
        .order_by("-period__start", "-period__pk")
    )
    actions = (
        Action.objects.visible_to(user, "view")
        .filter(plan=plan)
        .select_related("horizontal_goal", "leader", "leader__country")
        .annotate(
            last_report_status=Subquery(last_report.values("status")[:1]),
            last_report_period=Subquery(last_report.values("period__title")[:1]),
        )
        .prefetch_related(Prefetch("kpis", queryset=_latest_kpi_values(user)))
    )
    filters = filters or {}
    if filters.get("chsg"):
        actions = actions.filter(horizontal_goal=filters["chsg"])
    if filters.get("status"):
        actions = actions.filter(status=filters["status"])
    if filters.get("leader"):
        actions = actions.filter(leader=filters["leader"])
    if filters.get("country"):
        actions = actions.filter(pk__in=actions_of_country(filters["country"]))
    return actions


def actions_of_country(countries: Country | QuerySet[Country]) -> QuerySet:
    """Ids of the actions a country (or any of ``countries``) leads, co-leads or takes part in,
    directly or through one of its organisations, as a subquery."""
    if isinstance(countries, Country):
        countries = Country.objects.filter(pk=countries.pk)
    return actions_of_countries(countries.values("pk"))


def actions_of_countries(countries: QuerySet) -> QuerySet:
    """Ids of the actions of the countries whose ids ``countries`` (a subquery) selects: the one
    definition of "the actions of a country", used by the gate, the pages and the filters."""
    co_led = Action.objects.filter(co_leaders__country__in=countries)
    taking_part = Participation.objects.filter(
        Q(country__in=countries) | Q(organisation__country__in=countries)
    )
    return Action.objects.filter(
        Q(leader__country__in=countries)
        | Q(pk__in=co_led.values("pk"))
        | Q(pk__in=taking_part.values("action"))
    ).values("pk")


def plan_action_filter_choices(user, plan: Plan) -> dict[str, QuerySet]:
    """The choices of the filter form: what can be found among the plan's actions."""
    actions = Action.objects.visible_to(user, "view").filter(plan=plan)
    return {
        "chsg": HorizontalGoal.objects.visible_to(user, "view")
        .filter(masp__cycle=plan.priority.cycle_id)
        .order_by("number"),
        "leader": Organisation.objects.visible_to(user, "view")
        .filter(pk__in=actions.values("leader"))
        .select_related("country")
        .order_by("name"),
        "country": Country.objects.visible_to(user, "view").order_by("name"),
    }


@dataclass(frozen=True)
class KpiProgress:
    kpi: Kpi
    value: Decimal | None
    period: str | None
    percent: int | None


def kpi_progress(kpi: Kpi) -> KpiProgress:
    """How far the latest value reaches the target, in % (of the way from the baseline)."""
    value = getattr(kpi, "latest_value", None)
    percent = None
    if value is not None and kpi.target is not None:
        baseline = kpi.baseline if kpi.baseline is not None else Decimal(0)
        if kpi.direction == Kpi.Direction.DECREASE and baseline != kpi.target:
            percent = (baseline - value) / (baseline - kpi.target) * 100
        elif kpi.direction == Kpi.Direction.DECREASE:
            percent = Decimal(100) if value <= kpi.target else Decimal(0)
        elif kpi.target:
            percent = value / kpi.target * 100
        if percent is not None:
            percent = max(0, round(percent))
    return KpiProgress(kpi, value, getattr(kpi, "latest_period", None), percent)


def plan_editor_actions(user, plan: Plan) -> list[Action]:
    """Every action of the plan in its order, for the editor's list."""
    return list(
        Action.objects.visible_to(user, "view")
        .filter(plan=plan)
        .select_related("leader", "leader__country", "horizontal_goal")
        .order_by("position", "code", "pk")
    )


# --- actions -----------------------------------------------------------------------------------


def actions_visible_to(user) -> QuerySet[Action]:
    return Action.objects.visible_to(user, "view").select_related(
        "plan", "plan__priority", "plan__priority__cycle"
    )


@dataclass
class ActionPage:
    action: Action
    participations: list[Participation]
    kpis: list[KpiProgress]
    reports: list[ProgressReport]
    results: list[OperationalResult]
    parts: dict[str, Any]  # what the apps above oaps add to the page (``page_parts``)


def action_page(user, action: Action) -> ActionPage:
    """What the action page shows, each list restricted to what the user may see."""
    return ActionPage(
        action=action,
        participations=list(
            Participation.objects.visible_to(user, "view")
            .filter(action=action)
            .select_related("organisation", "organisation__country", "country", "confirmed_by")
        ),
        kpis=[kpi_progress(kpi) for kpi in _latest_kpi_values(user).filter(action=action)],
        reports=list(
            ProgressReport.objects.visible_to(user, "view")
            .filter(action=action)
            .select_related("period", "submitted_by")
            .order_by("period__start", "pk")
        ),
        results=list(
            OperationalResult.objects.visible_to(user, "view")
            .filter(action=action)
            .select_related("result_type", "country")
        ),
        parts=page_parts.action_parts(user, action),
    )


def action_for_page(user, pk: int) -> Action:
    queryset = actions_visible_to(user).select_related(
        "horizontal_goal", "leader", "leader__country"
    )
    queryset = queryset.prefetch_related(
        Prefetch("co_leaders", queryset=Organisation.objects.select_related("country")),
        Prefetch("plan_goals", queryset=PlanGoal.objects.order_by("number")),
    )
    return get_object_or_404(queryset, pk=pk)


# --- history -----------------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    """One event of the audit log as the history panel shows it."""

    when: datetime.datetime
    user: Any  # the acting user, or their name as recorded if the account is gone; None: system
    subject: str
    event: str  # the code, e.g. oaps.plan.submitted
    description: str  # what the code means, translated
    changes: list[FieldChange]


def object_history(user, obj: Model, *, limit: int = 50) -> list[HistoryEntry]:
    """The events about ``obj`` and its parts that the user may read, newest first: one query
    for the events, one per model the changed fields refer to (to name those objects)."""
    rows = list(
        Event.objects.about(obj)
        .visible_to(user)
        .select_related("actor", "content_type")
        .order_by("-at", "-id")[:limit]
    )
    own_type = ContentType.objects.get_for_model(type(obj))
    wanted: dict[type[Model], set] = defaultdict(set)
    described = []
    for row in rows:
        model = row.content_type.model_class()
        changes = [
            (name, before, after)
            for name, (before, after) in row.changes.items()
            if model is not None and _field(model, name) is not None
        ]
        for name, before, after in changes:
            related = _field(model, name).related_model
            if related is not None:
                for value in (before, after):
                    wanted[related].update(_ids(value))
        described.append((row, model, changes))
    labels = _related_labels(user, wanted)
    entries = []
    for row, model, changes in described:
        try:
            description = str(events.event_type(row.code).description)
        except LookupError:  # a code dropped from the registry since
            description = row.code
        kind = capfirst(model._meta.verbose_name) if model else ""
        own = row.content_type_id == own_type.pk and row.object_id == obj.pk
        entries.append(
            HistoryEntry(
                when=row.at,
                user=row.actor or row.actor_label or None,
                subject=str(kind) if own else f"{kind} {row.object_label}",
                event=row.code,
                description=description,
                changes=[
                    FieldChange(
                        label=str(_field(model, name).verbose_name),
                        old=_display(model, name, before, labels),
                        new=_display(model, name, after, labels),
                    )
                    for name, before, after in changes
                ],
            )
        )
    return entries


def _field(model: type[Model], name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the event was recorded
        return None


def _ids(value: Any) -> set:
    if isinstance(value, list | tuple | set):
        return set(value)
    return {value}


def _related_labels(user, wanted: Mapping[type[Model], set]) -> dict:
    """{(model, pk): name} of related objects, one query per model; only those the user may
    see are named, the others show as their number."""
    labels = {}
    for related, ids in wanted.items():
        ids = {i for i in ids if i is not None}
        if not ids or not hasattr(related._default_manager, "visible_to"):
            continue
        for pk, obj in related._default_manager.visible_to(user, "view").in_bulk(ids).items():
            labels[(related, pk)] = str(obj)
    return labels


def _display(model: type[Model], name: str, value: Any, labels: dict) -> Any:
    """A stored or recorded value as text for a person: related objects by name, choices by
    label, yes/no."""
    model_field = model._meta.get_field(name)
    related = model_field.related_model
    if related is not None:
        shown = sorted(labels.get((related, pk), f"#{pk}") for pk in _ids(value) if pk is not None)
        return ", ".join(shown)
    if model_field.choices and value not in (None, ""):
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def action_history(user, action: Action, *, limit: int = 50) -> list[HistoryEntry]:
    """Who changed what in the action and its parts (KPIs, participations, reports...)."""
    return object_history(user, action, limit=limit)


def plan_history(user, plan: Plan, *, limit: int = 50) -> list[HistoryEntry]:
    """Who changed what in the plan (fields, status, decisions) and its parts (goals...)."""
    return object_history(user, plan, limit=limit)


# --- concurrency -------------------------------------------------------------------------------


@dataclass
class Conflict:
    """What somebody else saved while the user was editing, against what the user entered."""

    subject: str
    changes: list[FieldChange]
    by: Any = None
    at: datetime.datetime | None = None

    @property
    def rows(self) -> list[list[Any]]:
        """(field, their value, your value) rows for a table."""
        return [[c.label, _shown(c.old), _shown(c.new)] for c in self.changes]


def _shown(value: Any) -> Any:
    return "-" if value in (None, "") else value


def conflict_for(
    user, current: Model, version: str | None, yours: Mapping[str, Any], subject: str
) -> Conflict:
    """Compare the stored object with what the user entered.

    With the history row of the version the user loaded, list the fields the other person
    changed; without it, every field where the stored value differs from the user's.
    """
    model = type(current)
    original = None
    if version:
        try:
            loaded_at = datetime.datetime.fromisoformat(version)
        except ValueError:
            loaded_at = None
        if loaded_at is not None:
            original = (
                model.history.filter(id=current.pk, updated_at=loaded_at)
                .order_by("-history_id")
                .first()
            )
    latest = model.history.filter(id=current.pk).select_related("history_user").first()
    m2m_names = {f.name for f in model._meta.many_to_many}
    changes = []
    wanted: dict[type[Model], set] = defaultdict(set)
    compared = []
    for name, your_value in yours.items():
        theirs = _stored_value(current, name, m2m_names)
        yours_norm = _normalise(your_value)
        untouched = (
            original is not None
            and name not in m2m_names
            and _stored_value(original, name, set()) == theirs
        )
        if untouched:  # the other person did not change this field
            continue
        if theirs == yours_norm:
            continue
        compared.append((name, theirs, yours_norm))
        related = model._meta.get_field(name).related_model
        if related is not None:
            for value in (theirs, yours_norm):
                wanted[related].update(value if isinstance(value, set) else {value})
    labels = _related_labels(user, wanted)
    for name, theirs, mine in compared:
        changes.append(
            FieldChange(
                label=str(model._meta.get_field(name).verbose_name),
                old=_display(model, name, theirs, labels),
                new=_display(model, name, mine, labels),
            )
        )
    return Conflict(
        subject=subject,
        changes=changes,
        by=latest.history_user if latest else None,
        at=latest.history_date if latest else None,
    )


def _stored_value(obj: Model, name: str, m2m_names: set[str]) -> Any:
    if name in m2m_names:
        return set(getattr(obj, name).values_list("pk", flat=True))
    model_field = obj._meta.get_field(name)
    if model_field.related_model is not None:
        return getattr(obj, model_field.attname)
    return getattr(obj, name)


def _normalise(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple | set):
        return {v.pk if isinstance(v, Model) else v for v in value}
    return value


def _of_country(country_ids) -> Q:
    return Q(country__in=country_ids) | Q(organisation__country__in=country_ids)


# --- the country page --------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryPlan:
    """One plan on the country page and the country's actions in it."""

    plan: OperationalActionPlan
    actions: list[OperationalAction]


def country_actions(user, country: Country, cycle: Cycle | None = None) -> list[CountryPlan]:
    """Every action the country leads, co-leads or takes part in that the user may see, grouped
    by plan, in one cycle or (``cycle=None``) in all. Each action carries
    ``country_participations`` (the country's own participations, directly or through one of its
    organisations, each with ``may_decide``) and ``country_co_leaders``. A fixed number of queries.
    """
    participations = Participation.objects.visible_to(user, "view").filter(_of_country([country]))
    actions = (
        OperationalAction.objects.visible_to(user, "view")
        .filter(pk__in=actions_of_country(country))
        .select_related("plan__priority__cycle", "leader__country")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=participations.select_related("organisation__country", "country"),
                to_attr="country_participations",
            ),
            Prefetch(
                "co_leaders",
                queryset=Organisation.objects.visible_to(user, "view")
                .filter(country=country)
                .select_related("country"),
                to_attr="country_co_leaders",
            ),
        )
        .order_by("-plan__first_year", "plan__code", "position", "code")
    )
    if cycle is not None:
        actions = actions.filter(plan__priority__cycle=cycle)
    actions = list(actions)
    decidable = set(
        Participation.objects.visible_to(user, "confirm")
        .filter(_of_country([country]))
        .values_list("pk", flat=True)
    )
    groups: dict[int, CountryPlan] = {}
    for action in actions:
        for participation in action.country_participations:
            participation.may_decide = participation.pk in decidable
        group = groups.setdefault(action.plan_id, CountryPlan(action.plan, []))
        group.actions.append(action)
    return list(groups.values())
