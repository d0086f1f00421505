"""The roles and their scopes, and how actors' models relate to the scopes of the access matrix."""

from django.db.models import Q

from actors.grants import ROLE_GRANTS
from actors.models import (
    ROLE_SCOPES,
    Country,
    CountryGrant,
    Organisation,
    Role,
    RoleAssignment,
    User,
)
from empact.access import roles
from empact.access.paths import AccessPaths, register

roles.register_roles(
    assignment_model=RoleAssignment,
    roles={
        role: roles.RoleSpec(
            label=Role(role).label,
            scope=str(scope),
            codename=ROLE_GRANTS[role].codename if role in ROLE_GRANTS else None,
        )
        for role, scope in ROLE_SCOPES.items()
    },
)
roles.register_grant_model("country", CountryGrant)

register(Country, AccessPaths())
register(Organisation, AccessPaths())
register(User, AccessPaths(own=("",), own_country=("country",)))
register(
    RoleAssignment,
    AccessPaths(
        plan=("plan", "action__plan"),
        own=("user",),
        # "Of their country": held by a user of the country, or scoped to the country.
        own_country=("user__country", "country"),
        states={
            "current": (Q(ends_on__isnull=True), lambda a: a.ends_on is None),
            # A plan or action role: narrowing `own_country` to it leaves "held by a user of
            # the country", since such a role has no country scope (the model's constraint).
            "national": (Q(country__isnull=True), lambda a: a.country_id is None),
        },
    ),
)
