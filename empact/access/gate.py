"""The gate: turns (user, object type, action) into one SQL condition.

The cost is constant: one query loads the user's active roles (cached on the user object for the
request), and the condition is a set of ``IN (subquery)`` clauses against the guardian grant tables,
whatever the number of rows or grants.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import cache
from typing import Any

from django.db.models import Model, Q, QuerySet, Subquery

from empact import clock
from empact.access import roles as registry
from empact.access.matrix import MATRIX, Rule, type_for_model
from empact.access.paths import AccessPaths, paths_for

NOTHING = Q(pk__in=[])
EVERYTHING = Q(pk__isnull=False)


def active_assignment_q(prefix: str = "", today: datetime.date | None = None) -> Q:
    today = today or clock.today()
    return Q(**{f"{prefix}starts_on__lte": today}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )


def user_roles(user, today: datetime.date | None = None) -> frozenset[str]:
    """The roles the user holds today (one query, cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    today = today or clock.today()
    cached = getattr(user, "_empact_roles", None)
    if cached and cached[0] == today:
        return cached[1]
    roles = frozenset(
        registry.assignment_model()
        .objects.filter(active_assignment_q(today=today), user=user)
        .order_by()
        .values_list("role", flat=True)
        .distinct()
    )
    user._empact_roles = (today, roles)
    return roles


def may(user, type_key: str, action: str) -> bool:
    """Whether a role the user holds today has a rule for ``action`` on this object type, on
    some object (e.g. whether to offer an "add" button)."""
    object_type = MATRIX.type(type_key)
    return any(object_type.rules(action, role) for role in user_roles(user))


def assignable_roles(user) -> set[str]:
    """The roles the user may assign to others, by the roles they hold today."""
    return {role for held in user_roles(user) for role in MATRIX.assignable_roles.get(held, ())}


def forget_roles(user) -> None:
    """Drop the cached roles after the user's assignments changed."""
    if hasattr(user, "_empact_roles"):
        del user._empact_roles
    user.__dict__.pop("_empact_gate_parts", None)


def _part(user, key: tuple, build: Callable[[], Any]) -> Any:
    """A part of the gate's conditions (an unevaluated subquery) built once per user object: the
    same grant and cycle subqueries come back for every model a request asks about (the event
    log asks for some thirty). Only the SQL is kept, never rows: the database answers it anew
    each time, so a grant given or taken since is seen."""
    parts = user.__dict__.setdefault("_empact_gate_parts", {})
    if key not in parts:
        parts[key] = build()
    return parts[key]


def _is_multivalued(model: type[Model], lookup: str) -> bool:
    opts = model._meta
    for name in lookup.split("__"):
        field = opts.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if field.related_model is None:
            return False
        opts = field.related_model._meta
    return False


def _in(model: type[Model], lookups: tuple[str, ...], subquery: QuerySet) -> Q:
    condition = NOTHING
    for lookup in lookups:
        column = lookup or "pk"
        clause = Q(**{f"{column}__in": Subquery(subquery)})
        if lookup and _is_multivalued(model, lookup):
            clause = Q(pk__in=Subquery(model.objects.filter(clause).values("pk")))
        condition |= clause
    return condition


def _granted_ids(user, role: str, today) -> QuerySet:
    """Ids of the plans, actions or countries on which the role gives the user a grant."""
    spec = registry.role_spec(role)
    return _part(
        user,
        ("granted", role, today),
        lambda: (
            registry.grant_model(spec.scope)
            .objects.filter(active_assignment_q("assignment__", today), user=user)
            .filter(permission__codename=spec.codename)
            .values("content_object_id")
        ),
    )


def _scope_model(scope: str) -> type[Model]:
    """The model of the scope objects (plan, action, country) of a grant table."""
    return registry.grant_model(scope)._meta.get_field("content_object").related_model


@cache
def _roles_in_every_cycle() -> frozenset[str]:
    """Roles given for all of EMPACT, or for an object outside any one cycle (a country): their
    holders are "in" every cycle."""
    return frozenset(
        role
        for role, spec in registry.role_specs().items()
        if spec.scope == registry.GLOBAL or not paths_for(_scope_model(spec.scope)).cycle
    )


def _scoped_cycles(user, today) -> list[QuerySet]:
    """Subqueries of the ids of the cycles of the plans and actions the user holds a role in."""
    return _part(user, ("cycles", today), lambda: _build_scoped_cycles(user, today))


def _build_scoped_cycles(user, today) -> list[QuerySet]:
    subqueries = []
    for scope, grants in registry.grant_models().items():
        for lookup in paths_for(_scope_model(scope)).cycle:
            target = f"content_object__{lookup}" if lookup else "content_object"
            subqueries.append(
                grants.objects.filter(active_assignment_q("assignment__", today), user=user)
                .order_by()
                .values(target)
            )
    return subqueries


def _country_actions(user, role: str, today) -> QuerySet:
    return registry.actions_of_countries(_granted_ids(user, role, today))


def _rule_q(
    model, paths: AccessPaths, rule: Rule, role: str, user, roles, today, about: str | None = None
) -> Q:
    relation = rule.relation
    if relation == "object":
        # the rows about an object on which the user may do ``about`` (the object's own gate)
        condition = paths.about(user, about) if paths.about and about else NOTHING
    elif relation == "all":
        condition = EVERYTHING
    elif relation == "cycle":
        if roles & _roles_in_every_cycle() or not paths.cycle:
            condition = EVERYTHING
        else:
            condition = NOTHING
            for cycles in _scoped_cycles(user, today):
                condition |= _in(model, paths.cycle, cycles)
            if paths.cycle_optional:
                for lookup in paths.cycle:
                    condition |= Q(**{f"{lookup}__isnull": True})
    elif relation in ("plan", "action"):
        lookups = paths.plan if relation == "plan" else paths.action
        condition = _in(model, lookups, _granted_ids(user, role, today)) if lookups else NOTHING
    elif relation == "country":
        lookups = paths.action
        condition = _in(model, lookups, _country_actions(user, role, today)) if lookups else NOTHING
    elif relation == "own_country":
        lookups = paths.own_country
        condition = _in(model, lookups, _granted_ids(user, role, today)) if lookups else NOTHING
    elif relation == "own":
        condition = NOTHING
        for lookup in paths.own:
            condition |= Q(**{lookup or "pk": user.pk})
    else:  # pragma: no cover - the matrix loader rejects unknown rules
        raise ValueError(relation)
    if rule.state:
        condition &= paths.states[rule.state][0]
    return condition


def visible_q(user, model: type[Model], action: str, today: datetime.date | None = None) -> Q:
    """The condition selecting the objects of ``model`` the user may ``action`` today."""
    today = today or clock.today()
    roles = user_roles(user, today)
    if not roles:
        return NOTHING
    object_type = type_for_model(model)
    paths = paths_for(model)
    condition = NOTHING
    followed = False  # the ``object`` rule is the same for every role: asked once
    for role in sorted(roles):
        for rule in object_type.rules(action, role):
            if rule.relation == "all" and not rule.state:
                return EVERYTHING
            if rule.relation == "object":
                if followed:
                    continue
                followed = True
            condition |= _rule_q(
                model, paths, rule, role, user, roles, today, object_type.about.get(action)
            )
    return condition


def can(user, action: str, obj: Model) -> bool:
    """Whether the user may ``action`` this object (one query)."""
    model = type(obj)
    return model._default_manager.filter(visible_q(user, model, action), pk=obj.pk).exists()
