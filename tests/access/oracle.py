"""The access matrix evaluated in plain Python, object by object.

The gate turns the matrix into SQL; this oracle reads the same matrix and walks the same
relations on loaded objects, without any SQL. The generated tests compare the two for every
role, object type and action.
"""

from __future__ import annotations

from django.db.models import Manager, Model

from actors.models import ROLE_SCOPES, RoleAssignment, Scope, User
from empact.access.matrix import MATRIX
from empact.access.paths import paths_for

# Derived here from the role scopes, not imported from the gate, so that the two can disagree.
GLOBAL_OR_COUNTRY_ROLES = {
    role for role, scope in ROLE_SCOPES.items() if scope in (Scope.GLOBAL, Scope.COUNTRY)
}


def follow(obj: Model, lookup: str) -> set:
    """Every object (or value) reached from ``obj`` by a Django-style lookup."""
    current = [obj]
    for name in filter(None, lookup.split("__")):
        reached = []
        for item in current:
            value = getattr(item, name, None)
            if isinstance(value, Manager):
                reached.extend(value.all())
            elif value is not None:
                reached.append(value)
        current = reached
    return {item.pk if isinstance(item, Model) else item for item in current}


def _action_countries(action_pk: int) -> set[int]:
    from oaps.models import OperationalAction

    action = OperationalAction.objects.get(pk=action_pk)
    countries = {action.leader.country_id}
    countries |= {org.country_id for org in action.co_leaders.all()}
    for participation in action.participations.all():
        countries.add(participation.country_id)
        if participation.organisation_id:
            countries.add(participation.organisation.country_id)
    return countries - {None}


def _assignments(user: User, role: str, today) -> list[RoleAssignment]:
    return [
        a
        for a in RoleAssignment.objects.filter(user=user, role=role)
        if a.is_active_on(today) and user.is_active
    ]


def _scoped_cycles(user: User, today) -> set[int]:
    cycles = set()
    for a in RoleAssignment.objects.filter(user=user):
        if not a.is_active_on(today):
            continue
        if a.plan_id:
            cycles.add(a.plan.priority.cycle_id)
        if a.action_id:
            cycles.add(a.action.plan.priority.cycle_id)
    return cycles


def allowed(user: User, type_key: str, action: str, obj: Model, today) -> bool:
    object_type = MATRIX.type(type_key)
    paths = paths_for(type(obj))
    roles = (
        {a.role for a in RoleAssignment.objects.filter(user=user) if a.is_active_on(today)}
        if user.is_active
        else set()
    )
    for role in roles:
        for rule in object_type.rules(action, role):
            if _rule_holds(user, role, roles, rule, paths, obj, today):
                return True
    return False


def _rule_holds(user, role, roles, rule, paths, obj, today) -> bool:
    relation = rule.relation
    if relation == "all":
        holds = True
    elif relation == "cycle":
        if roles & GLOBAL_OR_COUNTRY_ROLES or not paths.cycle:
            holds = True
        else:
            reached = set().union(*(follow(obj, lookup) for lookup in paths.cycle))
            holds = bool(reached & _scoped_cycles(user, today)) or (
                paths.cycle_optional and not reached
            )
    elif relation in ("plan", "action"):
        lookups = paths.plan if relation == "plan" else paths.action
        mine = {getattr(a, f"{relation}_id") for a in _assignments(user, role, today)}
        reached = set().union(set(), *(follow(obj, lookup) for lookup in lookups))
        holds = bool(reached & mine)
    elif relation == "country":
        mine = {a.country_id for a in _assignments(user, role, today)}
        actions = set().union(set(), *(follow(obj, lookup) for lookup in paths.action))
        holds = any(_action_countries(pk) & mine for pk in actions)
    elif relation == "own_country":
        mine = {a.country_id for a in _assignments(user, role, today)}
        reached = set().union(set(), *(follow(obj, lookup) for lookup in paths.own_country))
        holds = bool(reached & mine)
    elif relation == "own":
        reached = set().union(set(), *(follow(obj, lookup) for lookup in paths.own))
        holds = user.pk in reached
    else:
        raise AssertionError(relation)
    if holds and rule.state:
        holds = paths.states[rule.state][1](obj)
    return holds


def scope_kind(role: str) -> str:
    return ROLE_SCOPES[role]


__all__ = ["Scope", "allowed", "follow", "scope_kind"]
