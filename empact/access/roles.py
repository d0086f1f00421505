"""The roles, their scopes and the tables that hold them, as the apps that own them register them.

The gate knows no domain. ``actors`` registers the roles (each with its label, the scope it is
given for, and the guardian permission it grants on that scope object) and the model of role
assignments; each app owning a scope object registers the guardian table of grants on it (plans
and actions: ``oaps``; countries: ``actors``); ``oaps`` registers which actions belong to a set
of countries, the one definition of "the actions of a country". The gate reads them here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet

GLOBAL = "global"  # the scope of a role given for all of EMPACT, on no one object


@dataclass(frozen=True)
class RoleSpec:
    """One role: its label, its scope (``global`` or the assignment field holding the scope
    object: ``plan``, ``action``, ``country``), and the codename of the guardian permission it
    grants on that object (none for a global role)."""

    label: str
    scope: str
    codename: str | None = None


@dataclass
class _Registry:
    assignment_model: type[Model] | None = None
    roles: dict[str, RoleSpec] | None = None
    grant_models: dict[str, type[Model]] | None = None
    country_actions: Callable[[QuerySet], QuerySet] | None = None


_registry = _Registry(grant_models={})


def register_roles(*, assignment_model: type[Model], roles: dict[str, RoleSpec]) -> None:
    """Declare the roles and the model of role assignments (fields ``user``, ``role``,
    ``starts_on``, ``ends_on`` and one per scope)."""
    _registry.assignment_model = assignment_model
    _registry.roles = {str(role): spec for role, spec in roles.items()}


def register_grant_model(scope: str, model: type[Model]) -> None:
    """Declare the guardian table of grants on the objects of ``scope`` (direct foreign keys,
    with ``assignment`` pointing at the role assignment each row comes from)."""
    _registry.grant_models[scope] = model


def register_country_actions(function: Callable[[QuerySet], QuerySet]) -> None:
    """Declare which actions belong to countries: ``function(countries)`` takes a queryset of
    country ids and returns the ids of their actions, as a subquery."""
    _registry.country_actions = function


def _required(value, what: str):
    if value is None:
        raise ImproperlyConfigured(f"No app registered {what} with empact.access.roles.")
    return value


def assignment_model() -> type[Model]:
    return _required(_registry.assignment_model, "the role assignment model")


def role_specs() -> dict[str, RoleSpec]:
    return _required(_registry.roles, "the roles")


def role_spec(role: str) -> RoleSpec:
    return role_specs()[role]


def grant_models() -> dict[str, type[Model]]:
    """The grant table of each scope, by scope (``plan``, ``action``, ``country``)."""
    return dict(_registry.grant_models)


def grant_model(scope: str) -> type[Model]:
    return _required(_registry.grant_models.get(scope), f"a grant model for {scope!r}")


def actions_of_countries(countries: QuerySet) -> QuerySet:
    """The ids of the actions of these countries (a subquery of country ids), as a subquery."""
    return _required(_registry.country_actions, "the actions of a country")(countries)
