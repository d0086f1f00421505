"""How review rounds and positions reach the scopes of the access matrix, and their states."""

from django.db.models import Q

from empact.access.paths import AccessPaths, register
from reviews.models import Position, ReviewRound

_OPEN = ReviewRound.Status.OPEN
register(
    ReviewRound,
    AccessPaths(
        cycle=("cycle",),
        plan=("plans",),
        states={"open": (Q(status=_OPEN), lambda r: r.status == _OPEN)},
    ),
)
register(
    Position,
    AccessPaths(
        cycle=("round__cycle",),
        plan=("plan",),
        own_country=("country",),
        states={"open": (Q(round__status=_OPEN), lambda p: p.round.status == _OPEN)},
    ),
)
