"""How revisions relate to the scopes of the access matrix, and their named states.

The plan path (``plan_goal__plan``) gives a plan's drivers the revisions of their own plan's
goals; a revision of a priority belongs to no plan, so only the secretariat proposes those."""

from django.db.models import Q

from empact.access.paths import AccessPaths, register
from revisions.models import Revision

_PROPOSED = Revision.Status.PROPOSED
register(
    Revision,
    AccessPaths(
        cycle=("cycle",),
        plan=("plan_goal__plan",),
        states={"proposed": (Q(status=_PROPOSED), lambda r: r.status == _PROPOSED)},
    ),
)
