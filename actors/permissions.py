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
        own_country=("user__country", "country"),
        states={"current": (Q(ends_on__isnull=True), lambda a: a.ends_on is None)},
    ),
)
