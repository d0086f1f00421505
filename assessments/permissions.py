"""How COSI's assessments relate to the scopes of the access matrix, and their named states."""

from django.db.models import Q

from assessments.models import Assessment, AssessmentItem
from empact.access.paths import AccessPaths, register

_ADOPTED = Assessment.Status.ADOPTED
register(
    Assessment,
    AccessPaths(
        cycle=("cycle",),
        plan=("items__plan",),
        states={"adopted": (Q(status=_ADOPTED), lambda a: a.status == _ADOPTED)},
    ),
)
register(
    AssessmentItem,
    AccessPaths(
        cycle=("assessment__cycle",),
        plan=("assessment__items__plan",),
        states={
            "adopted": (Q(assessment__status=_ADOPTED), lambda i: i.assessment.status == _ADOPTED)
        },
    ),
)
