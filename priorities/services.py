"""Writes on crime priorities, general MASPs and the common horizontal strategic goals.

Each is the common recipe of ``empact.services`` with the event code this app declares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from empact import events
from empact.services import object_create, object_delete, object_update, require, save_change
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


def horizontal_goals_copy(
    *, actor, masp: Masp, goals: Iterable[HorizontalGoal]
) -> list[HorizontalGoal]:
    """Copy CHSGs of another MASP (the previous cycle's, as a start) into ``masp`` as new rows,
    recorded as one Event on the MASP. A copy keeps its number when the MASP has it free, and
    takes the next free number otherwise."""
    with transaction.atomic():
        masp = Masp.objects.select_for_update().get(pk=masp.pk)
        require(actor, "change", masp)
        goals = sorted(goals, key=lambda g: g.number)
        taken = set(masp.horizontal_goals.values_list("number", flat=True))
        keep = {g.pk for g in goals if g.number not in taken}
        taken |= {g.number for g in goals if g.pk in keep}
        copies = []
        for goal in goals:
            if goal.masp_id == masp.pk:
                raise ValidationError(_("A CHSG is copied from another MASP, not its own."))
            if goal.pk in keep:
                number = goal.number
            else:
                number = max(taken) + 1
                taken.add(number)
            copy = HorizontalGoal(
                masp=masp, number=number, title=goal.title, description=goal.description
            )
            save_change(copy, actor=actor, code="priorities.masp.goals_copied", event=False)
            require(actor, "add", copy)
            copies.append(copy)
        if not copies:
            raise ValidationError(_("Tick at least one CHSG to copy."))
        events.record(
            actor=actor,
            code="priorities.masp.goals_copied",
            obj=masp,
            details={"copied": [str(copy) for copy in copies]},
        )
    return copies


def priority_revise(*, actor, priority: Priority, data: Mapping[str, Any]) -> Priority:
    """Reword the priority as COSI adopted it in a revision (``revisions.services``): the
    secretariat's ``revise`` right, not the right to change the priority at will; the priority
    is then marked revised."""
    with transaction.atomic():
        priority = Priority.objects.select_for_update().get(pk=priority.pk)
        require(actor, "revise", priority)
        changed = [name for name, value in data.items() if getattr(priority, name) != value]
        for name in changed:
            setattr(priority, name, data[name])
        priority.status = Priority.Status.REVISED
        return save_change(
            priority,
            actor=actor,
            code="priorities.priority.revised",
            fields=[*changed, "status"],
        )
