"""Writes and steps on joint action days, result types and operational results.

Every function takes the acting user, runs in one transaction on a locked row, checks the actor's
right through the permission gate and the state, and records one Event under a dotted code. The
HTML views and the API call the same functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from empact import clock
from empact.access import require_writable
from empact.services import (
    WorkflowError,
    object_create,
    object_delete,
    object_update,
    require,
    save_change,
)
from oaps.models import (
    JointActionDay,
    OperationalResult,
    ResultType,
)

# --- results -----------------------------------------------------------------------------------


def result_new(actor, data: Mapping[str, Any], *, event: bool) -> OperationalResult:
    require_writable(actor, OperationalResult, data)
    result = OperationalResult(reported_by=actor, **data)
    save_change(result, actor=actor, code="oaps.result.recorded", event=event)
    require(actor, "add", result)
    return result


def result_record(*, actor, data: Mapping[str, Any]) -> OperationalResult:
    with transaction.atomic():
        return result_new(actor, data, event=True)


def result_validate(*, actor, result: OperationalResult) -> OperationalResult:
    with transaction.atomic():
        result = OperationalResult.objects.select_for_update().get(pk=result.pk)
        require(actor, "validate", result)
        if result.validated_at:
            raise WorkflowError(_("This result was already validated."))
        result.validated_at = clock.now()
        save_change(result, actor=actor, code="oaps.result.validated", fields=["validated_at"])
    return result


def result_publish(*, actor, result: OperationalResult) -> OperationalResult:
    with transaction.atomic():
        result = OperationalResult.objects.select_for_update().get(pk=result.pk)
        require(actor, "publish", result)
        if not result.validated_at:
            raise WorkflowError(_("Only results validated by Europol can be published."))
        result.is_published = True
        save_change(result, actor=actor, code="oaps.result.published", fields=["is_published"])
    return result


# --- joint action days -------------------------------------------------------------------------


def joint_action_day_create(*, actor, data: Mapping[str, Any]) -> JointActionDay:
    return object_create(
        actor=actor, model=JointActionDay, data=data, code="oaps.joint_action_day.created"
    )


def joint_action_day_update(
    *, actor, joint_action_day: JointActionDay, data: Mapping[str, Any], version: str | None = None
) -> JointActionDay:
    return object_update(
        actor=actor,
        obj=joint_action_day,
        data=data,
        version=version,
        code="oaps.joint_action_day.changed",
    )


def joint_action_day_delete(*, actor, joint_action_day: JointActionDay) -> None:
    object_delete(actor=actor, obj=joint_action_day, code="oaps.joint_action_day.deleted")


# --- result types ------------------------------------------------------------------------------


def result_type_create(*, actor, data: Mapping[str, Any]) -> ResultType:
    return object_create(actor=actor, model=ResultType, data=data, code="oaps.result_type.created")


def result_type_update(
    *, actor, result_type: ResultType, data: Mapping[str, Any], version: str | None = None
) -> ResultType:
    return object_update(
        actor=actor, obj=result_type, data=data, version=version, code="oaps.result_type.changed"
    )


def result_type_delete(*, actor, result_type: ResultType) -> None:
    object_delete(actor=actor, obj=result_type, code="oaps.result_type.deleted")


# --- results -----------------------------------------------------------------------------------


def result_update(
    *, actor, result: OperationalResult, data: Mapping[str, Any], version: str | None = None
) -> OperationalResult:
    return object_update(
        actor=actor, obj=result, data=data, version=version, code="oaps.result.changed"
    )


def result_delete(*, actor, result: OperationalResult) -> None:
    object_delete(actor=actor, obj=result, code="oaps.result.deleted")
