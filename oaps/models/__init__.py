"""Operational action plans and everything that happens inside them, one module per lifecycle.

``plans``: plans, their goals, actions, participations and KPIs; ``reporting``: reporting periods,
progress reports and KPI values; ``operations``: joint action days and operational results;
``grants``: the object permissions derived from role assignments. COSI's assessments, which rate
plans across a whole cycle, live in the ``assessments`` app above this one.
"""

from oaps.models.amendments import AmendmentChange, PlanAmendment, PlanVersion
from oaps.models.grants import ActionGrant, PlanGrant
from oaps.models.operations import JointActionDay, OperationalResult, ResultType
from oaps.models.plans import (
    ACTION_CODE,
    MAX_PLAN_YEARS,
    Kpi,
    OperationalAction,
    OperationalActionPlan,
    Participation,
    PlanGoal,
)
from oaps.models.reporting import KpiValue, LockException, ProgressReport, ReportingPeriod

__all__ = [
    "ACTION_CODE",
    "MAX_PLAN_YEARS",
    "ActionGrant",
    "AmendmentChange",
    "JointActionDay",
    "Kpi",
    "KpiValue",
    "LockException",
    "OperationalAction",
    "OperationalActionPlan",
    "OperationalResult",
    "Participation",
    "PlanAmendment",
    "PlanGoal",
    "PlanGrant",
    "PlanVersion",
    "ProgressReport",
    "ReportingPeriod",
    "ResultType",
]
