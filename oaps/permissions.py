"""How the plans' models relate to the scopes of the access matrix, and their named states."""

from django.db.models import Q

from empact.access import roles
from empact.access.paths import AccessPaths, register
from oaps.models import (
    ActionGrant,
    AmendmentChange,
    JointActionDay,
    Kpi,
    KpiValue,
    LockException,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanAmendment,
    PlanGoal,
    PlanGrant,
    PlanVersion,
    ProgressReport,
    ReportingPeriod,
    ResultType,
)
from oaps.selectors import actions_of_countries

roles.register_grant_model("plan", PlanGrant)
roles.register_grant_model("action", ActionGrant)
roles.register_country_actions(actions_of_countries)

EDITABLE = list(OperationalActionPlan.EDITABLE_STATUSES)
OPEN_REPORT = [ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED]


def _editable(plan_lookup: str):
    """The plan's definition may change: it is a draft or was returned by COSI."""
    prefix = f"{plan_lookup}__" if plan_lookup else ""
    return (
        Q(**{f"{prefix}status__in": EDITABLE}),
        lambda obj: _follow(obj, plan_lookup).status in EDITABLE,
    )


def _follow(obj, lookup: str):
    for name in filter(None, lookup.split("__")):
        obj = getattr(obj, name)
    return obj


register(
    OperationalActionPlan,
    AccessPaths(cycle=("priority__cycle",), plan=("",), states={"editable": _editable("")}),
)
register(
    PlanGoal,
    AccessPaths(
        cycle=("plan__priority__cycle",), plan=("plan",), states={"editable": _editable("plan")}
    ),
)
register(
    OperationalAction,
    AccessPaths(
        cycle=("plan__priority__cycle",),
        plan=("plan",),
        action=("",),
        states={"editable": _editable("plan")},
    ),
)
for model in (Participation, Kpi):
    register(
        model,
        AccessPaths(
            cycle=("action__plan__priority__cycle",),
            plan=("action__plan",),
            action=("action",),
            own_country=("country", "organisation__country") if model is Participation else (),
            states={"editable": _editable("action__plan")},
        ),
    )
for model in (PlanVersion, PlanAmendment):
    register(model, AccessPaths(cycle=("plan__priority__cycle",), plan=("plan",)))
AMENDMENT_OPEN = list(PlanAmendment.EDITABLE_STATUSES)
register(
    AmendmentChange,
    AccessPaths(
        cycle=("amendment__plan__priority__cycle",),
        plan=("amendment__plan",),
        # its amendment is still a draft or returned, so its changes may be edited
        states={
            "amendable": (
                Q(amendment__status__in=AMENDMENT_OPEN),
                lambda c: c.amendment.status in AMENDMENT_OPEN,
            )
        },
    ),
)
register(
    ReportingPeriod,
    AccessPaths(cycle=("cycle", "plan__priority__cycle"), plan=("plan",)),
)
register(
    ProgressReport,
    AccessPaths(
        cycle=("action__plan__priority__cycle",),
        plan=("action__plan",),
        action=("action",),
        states={"open": (Q(status__in=OPEN_REPORT), lambda r: r.status in OPEN_REPORT)},
    ),
)
register(
    KpiValue,
    AccessPaths(
        cycle=("report__action__plan__priority__cycle",),
        plan=("report__action__plan",),
        action=("report__action",),
        states={
            "open": (Q(report__status__in=OPEN_REPORT), lambda v: v.report.status in OPEN_REPORT)
        },
    ),
)
register(JointActionDay, AccessPaths())
register(ResultType, AccessPaths())
register(
    OperationalResult,
    AccessPaths(
        # A published result is "in their cycles" for the cycle of its action; a result of a
        # joint action day alone belongs, like the day, to no one cycle.
        cycle=("action__plan__priority__cycle",),
        cycle_optional=True,
        plan=("action__plan",),
        action=("action",),
        states={
            "published": (Q(is_published=True), lambda r: r.is_published),
            "unvalidated": (Q(validated_at__isnull=True), lambda r: r.validated_at is None),
        },
    ),
)
register(
    LockException,
    AccessPaths(
        cycle=("action__plan__priority__cycle",),
        plan=("action__plan",),
        action=("action",),
    ),
)
