"""How priorities' models relate to the scopes of the access matrix."""

from empact.access.paths import AccessPaths, register
from priorities.models import HorizontalGoal, Masp, Priority

register(Priority, AccessPaths(cycle=("cycle",)))
register(Masp, AccessPaths(cycle=("cycle",)))
register(HorizontalGoal, AccessPaths(cycle=("masp__cycle",)))
