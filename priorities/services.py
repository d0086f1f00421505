"""Writes on crime priorities, general MASPs and the common horizontal strategic goals.

Each is the common recipe of ``empact.services`` with the event code this app declares.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from empact.services import object_create, object_delete, object_update
from priorities.models import HorizontalGoal, Masp, Priority

# --- priorities ---------------------------------------------------------------------------------


def priority_create(*, actor, data: Mapping[str, Any]) -> Priority:
    return object_create(actor=actor, model=Priority, data=data, code="priorities.priority.created")


def priority_update(
    *, actor, priority: Priority, data: Mapping[str, Any], version: str | None = None
) -> Priority:
    return object_update(
        actor=actor, obj=priority, data=data, version=version, code="priorities.priority.changed"
    )


def priority_delete(*, actor, priority: Priority) -> None:
    object_delete(actor=actor, obj=priority, code="priorities.priority.deleted")


# --- masps -------------------------------------------------------------------------------------


def masp_create(*, actor, data: Mapping[str, Any]) -> Masp:
    return object_create(actor=actor, model=Masp, data=data, code="priorities.masp.created")


def masp_update(*, actor, masp: Masp, data: Mapping[str, Any], version: str | None = None) -> Masp:
    return object_update(
        actor=actor, obj=masp, data=data, version=version, code="priorities.masp.changed"
    )


def masp_delete(*, actor, masp: Masp) -> None:
    object_delete(actor=actor, obj=masp, code="priorities.masp.deleted")


# --- horizontal goals --------------------------------------------------------------------------


def horizontal_goal_create(*, actor, data: Mapping[str, Any]) -> HorizontalGoal:
    return object_create(
        actor=actor, model=HorizontalGoal, data=data, code="priorities.horizontal_goal.created"
    )


def horizontal_goal_update(
    *, actor, horizontal_goal: HorizontalGoal, data: Mapping[str, Any], version: str | None = None
) -> HorizontalGoal:
    return object_update(
        actor=actor,
        obj=horizontal_goal,
        data=data,
        version=version,
        code="priorities.horizontal_goal.changed",
    )


def horizontal_goal_delete(*, actor, horizontal_goal: HorizontalGoal) -> None:
    object_delete(actor=actor, obj=horizontal_goal, code="priorities.horizontal_goal.deleted")
