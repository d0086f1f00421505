"""The gate's answer for an unsaved object is the answer it gives once the object is saved.

For every role and every stored object of the types whose access paths go through foreign keys
(a report, a KPI, a result...), an unsaved copy with the same values gets from ``can_unsaved``
exactly what the saved row gets from ``can``, for adding and for every other action.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext

from empact.access import MATRIX, can, type_for_model
from empact.access.unsaved import can_unsaved
from empact.models import Event
from oaps.models import (
    Kpi,
    KpiValue,
    OperationalAction,
    OperationalResult,
    Participation,
    PlanGoal,
    ProgressReport,
    ReportingPeriod,
)

pytestmark = pytest.mark.django_db

MODELS = [
    ProgressReport,
    Kpi,
    KpiValue,
    Participation,
    PlanGoal,
    OperationalResult,
    ReportingPeriod,
]
# An action is its own scope: grants name it and countries join it through its participations,
# which an action not saved yet cannot have; so only the right to add it compares (its plan's).
ADD_ONLY = [OperationalAction]


def _unsaved_copy(obj: Model) -> Model:
    """The same values, not stored (no id; no reverse or many-to-many relations yet)."""
    model = type(obj)
    values = {
        field.attname: getattr(obj, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key
    }
    return model(**values)


@pytest.mark.parametrize("model", MODELS + ADD_ONLY, ids=lambda m: m._meta.model_name)
def test_an_unsaved_object_gets_the_answer_its_saved_row_gets_for_every_role(world, model):
    actions = ("add",) if model in ADD_ONLY else MATRIX.type(type_for_model(model).key).actions
    mismatches = []
    for role, user in world.cast.items():
        for obj in model._default_manager.all():
            copy = _unsaved_copy(obj)
            for action in actions:
                expected = can(user, action, obj)
                if can_unsaved(user, action, copy) != expected:
                    mismatches.append(f"{role} {action} {obj!r}: saved says {expected}")
    assert not mismatches, "\n".join(mismatches)


def test_asking_about_an_unsaved_report_writes_nothing(world):
    leader = world.users["action_leader"]
    report = ProgressReport(action=world.a1, period=world.p1_period)
    rows, events = ProgressReport.objects.count(), Event.objects.count()
    with CaptureQueriesContext(connection) as queries:
        assert can_unsaved(leader, "add", report)
    assert not any(
        q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "SAVEPOINT"))
        for q in queries.captured_queries
    )
    assert (ProgressReport.objects.count(), Event.objects.count()) == (rows, events)


def test_a_leader_may_start_a_report_of_their_action_only(world):
    leader = world.users["action_leader"]
    assert can_unsaved(leader, "add", ProgressReport(action=world.a1, period=world.p1_period))
    other = world.a3
    assert not can_unsaved(
        leader,
        "add",
        ProgressReport(action=other, period=world.objects[f"{other.plan.code}_period"]),
    )
