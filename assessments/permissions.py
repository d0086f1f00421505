"""How COSI's assessments relate to the scopes of the access matrix, and their named states.

An item's plan is the plan it rates, or the plan of the goal it rates (a CHSG item has none):
the plan's drivers see and give findings on their plan's lines while the assessment is open;
everyone reads every line once it is adopted."""

from django.db.models import Q

from assessments.models import Assessment, AssessmentItem, DelegationComment
from empact.access.paths import AccessPaths, register

_ADOPTED = Assessment.Status.ADOPTED
_OPEN = Assessment.Status.OPEN
register(
    Assessment,
    AccessPaths(
        cycle=("cycle",),
        plan=("items__plan", "items__plan_goal__plan"),
        states={
            "adopted": (Q(status=_ADOPTED), lambda a: a.status == _ADOPTED),
            "open": (Q(status=_OPEN), lambda a: a.status == _OPEN),
        },
    ),
)
register(
    AssessmentItem,
    AccessPaths(
        cycle=("assessment__cycle",),
        plan=("plan", "plan_goal__plan"),
        states={
            "adopted": (Q(assessment__status=_ADOPTED), lambda i: i.assessment.status == _ADOPTED),
            "open": (Q(assessment__status=_OPEN), lambda i: i.assessment.status == _OPEN),
        },
    ),
)
register(
    DelegationComment,
    AccessPaths(
        cycle=("item__assessment__cycle",),
        plan=("item__plan", "item__plan_goal__plan"),
        own_country=("country",),
        states={
            "adopted": (
                Q(item__assessment__status=_ADOPTED),
                lambda c: c.item.assessment.status == _ADOPTED,
            ),
            "open": (
                Q(item__assessment__status=_OPEN),
                lambda c: c.item.assessment.status == _OPEN,
            ),
        },
    ),
)
