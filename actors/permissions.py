"""How actors' models relate to the scopes of the access matrix."""

from django.db.models import Q

from actors.models import Country, Organisation, RoleAssignment, User
from empact.access.paths import AccessPaths, register

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
