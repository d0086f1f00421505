"""The gate: turns (user, object type, action) into one SQL condition.

The cost is constant: one query loads the user's active roles (cached on the user object for the
request), and the condition is a set of ``IN (subquery)`` clauses against the guardian grant tables,
whatever the number of rows or grants.
"""

from __future__ import annotations

import datetime

from django.db.models import Model, Q, QuerySet, Subquery

from empact import clock
from empact.access.matrix import MATRIX, Rule, type_for_model
from empact.access.paths import AccessPaths, paths_for

NOTHING = Q(pk__in=[])
EVERYTHING = Q(pk__isnull=False)

GLOBAL_OR_COUNTRY_ROLES = {
    "administrator",
    "secretariat",
    "cosi_delegate",
    "europol",
    "commission",
    "nec",
}


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
    from actors.models import RoleAssignment

    roles = frozenset(
        RoleAssignment.objects.filter(active_assignment_q(today=today), user=user)
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
    from empact.access.grants import grant_for_role, grant_model

    grant = grant_for_role(role)
    return (
        grant_model(grant)
        .objects.filter(active_assignment_q("assignment__", today), user=user)
        .filter(permission__codename=grant.codename)
        .values("content_object_id")
    )


def _scoped_cycles(user, today) -> QuerySet:
    from cycles.models import Cycle
    from oaps.models import ActionGrant, PlanGrant

    plans = PlanGrant.objects.filter(active_assignment_q("assignment__", today), user=user)
    actions = ActionGrant.objects.filter(active_assignment_q("assignment__", today), user=user)
    return Cycle.objects.filter(
        Q(priorities__plans__in=Subquery(plans.values("content_object_id")))
        | Q(priorities__plans__actions__in=Subquery(actions.values("content_object_id")))
    ).values("pk")


def _country_actions(user, role: str, today) -> QuerySet:
    from oaps.models import OperationalAction

    countries = _granted_ids(user, role, today)
    return OperationalAction.objects.filter(
        Q(leader__country__in=Subquery(countries))
        | Q(co_leaders__country__in=Subquery(countries))
        | Q(participations__country__in=Subquery(countries))
        | Q(participations__organisation__country__in=Subquery(countries))
    ).values("pk")


def _rule_q(model, paths: AccessPaths, rule: Rule, role: str, user, roles, today) -> Q:
    relation = rule.relation
    if relation == "all":
        condition = EVERYTHING
    elif relation == "cycle":
        if roles & GLOBAL_OR_COUNTRY_ROLES or not paths.cycle:
            condition = EVERYTHING
        else:
            condition = _in(model, paths.cycle, _scoped_cycles(user, today))
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
    for role in sorted(roles):
        for rule in object_type.rules(action, role):
            if rule.relation == "all" and not rule.state:
                return EVERYTHING
            condition |= _rule_q(model, paths, rule, role, user, roles, today)
    return condition


def can(user, action: str, obj: Model) -> bool:
    """Whether the user may ``action`` this object (one query)."""
    model = type(obj)
    return model._default_manager.filter(visible_q(user, model, action), pk=obj.pk).exists()
