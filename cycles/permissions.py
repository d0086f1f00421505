"""How the cycle's models relate to the scopes of the access matrix."""

from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Milestone,
    Recommendation,
    Threat,
    ThreatAssessment,
    TimetableEntry,
)
from empact.access.paths import AccessPaths, register

register(Cycle, AccessPaths(cycle=("",)))
register(Milestone, AccessPaths(cycle=("cycle",)))
register(TimetableEntry, AccessPaths())  # the default of every cycle, in none
register(EmpactDocument, AccessPaths(cycle=("cycle",), cycle_optional=True))
register(DocumentVersion, AccessPaths(cycle=("document__cycle",), cycle_optional=True))
register(ThreatAssessment, AccessPaths(cycle=("cycle",)))
register(Threat, AccessPaths(cycle=("assessment__cycle",)))
register(Evaluation, AccessPaths(cycle=("cycle",)))
register(Recommendation, AccessPaths(cycle=("evaluation__cycle",)))
