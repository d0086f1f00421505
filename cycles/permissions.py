"""How the cycle's models relate to the scopes of the access matrix."""

from django.db.models import Q

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
# LIMITE documents (EmpactDocument.LIMITE_KINDS) only to their cycle's users, the others to all.
_LIMITE = sorted(EmpactDocument.LIMITE_KINDS)


def _document_states(prefix: str, document) -> dict:
    return {
        "public": (~Q(**{f"{prefix}kind__in": _LIMITE}), lambda o: not document(o).is_limite),
        "limite": (Q(**{f"{prefix}kind__in": _LIMITE}), lambda o: document(o).is_limite),
    }


register(
    EmpactDocument,
    AccessPaths(cycle=("cycle",), cycle_optional=True, states=_document_states("", lambda d: d)),
)
register(
    DocumentVersion,
    AccessPaths(
        cycle=("document__cycle",),
        cycle_optional=True,
        states=_document_states("document__", lambda v: v.document),
    ),
)
register(ThreatAssessment, AccessPaths(cycle=("cycle",)))
register(Threat, AccessPaths(cycle=("assessment__cycle",)))
register(Evaluation, AccessPaths(cycle=("cycle",)))
register(Recommendation, AccessPaths(cycle=("evaluation__cycle",)))
