"""Writes on crime priorities, general MASPs and the common horizontal strategic goals.

Each is the common recipe of ``empact.services`` with the event code this app declares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cycles.models import Cycle, Recommendation
from cycles.services import timetable_milestones_add
from empact import events
from empact.services import (
    WorkflowError,
    object_create,
    object_delete,
    object_update,
    require,
    save_change,
)
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


# --- the next cycle ----------------------------------------------------------------------------


def next_cycle_create(
    *, actor, cycle: Cycle, goals: Iterable[HorizontalGoal] | None = None
) -> Cycle:
    """Start the cycle that follows ``cycle``: the years after its last one, the milestones of
    the default timetable, a general MASP with the CHSGs of ``cycle``'s MASP that the secretariat
    carries over (all of them when ``goals`` is None), and the open recommendations (planned or
    in progress) of ``cycle``'s evaluation marked as addressed in the new cycle. One transaction,
    one Event on the new cycle; refused when the next cycle exists already."""
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        require(actor, "next_cycle", cycle)
        first_year = cycle.last_year + 1
        existing = Cycle.objects.filter(first_year=first_year).first()
        if existing is not None:
            raise WorkflowError(
                _("The next cycle, %(name)s, exists already: it is not started twice.")
                % {"name": existing.name}
            )
        new = Cycle(first_year=first_year)
        changes = events.changes_of(new, None)
        save_change(new, actor=actor, code="cycles.cycle.next_started", event=False)
        require(actor, "add", new)
        milestones = timetable_milestones_add(actor, new)
        copies = _masp_carry_over(actor, cycle, new, goals)
        addressed = _recommendations_carry_over(actor, cycle, new)
        events.record(
            actor=actor,
            code="cycles.cycle.next_started",
            obj=new,
            changes=changes,
            details={
                "from_cycle": cycle.pk,
                "milestones": [m.title for m in milestones],
                "chsgs": [str(goal) for goal in copies],
                "recommendations": [str(r) for r in addressed],
            },
        )
    return new


def _masp_carry_over(
    actor, cycle: Cycle, new: Cycle, goals: Iterable[HorizontalGoal] | None
) -> list[HorizontalGoal]:
    """The new cycle's MASP with copies of the chosen CHSGs of the earlier MASP (none when the
    earlier cycle has no MASP); the caller records the Event."""
    source = Masp.objects.filter(cycle=cycle).first()
    if source is None:
        return []
    own = list(source.horizontal_goals.order_by("number"))
    if goals is not None:
        chosen = {goal.pk for goal in goals}
        if chosen - {goal.pk for goal in own}:
            raise ValidationError({"goals": _("Only CHSGs of this cycle's MASP are carried over.")})
        own = [goal for goal in own if goal.pk in chosen]
    masp = Masp(cycle=new, title=_("General MASP %(cycle)s") % {"cycle": new.name})
    save_change(masp, actor=actor, code="cycles.cycle.next_started", event=False)
    require(actor, "add", masp)
    copies = []
    for goal in own:
        copy = HorizontalGoal(
            masp=masp, number=goal.number, title=goal.title, description=goal.description
        )
        save_change(copy, actor=actor, code="cycles.cycle.next_started", event=False)
        require(actor, "add", copy)
        copies.append(copy)
    return copies


def _recommendations_carry_over(actor, cycle: Cycle, new: Cycle) -> list[Recommendation]:
    """The open recommendations of the earlier cycle's evaluation, now addressed in ``new``."""
    open_ones = Recommendation.objects.select_for_update().filter(
        evaluation__cycle=cycle, follow_up_status__in=Recommendation.OPEN_FOLLOW_UPS
    )
    addressed = []
    for recommendation in open_ones.order_by("number"):
        recommendation.addressed_in = new
        save_change(
            recommendation,
            actor=actor,
            code="cycles.cycle.next_started",
            fields=["addressed_in"],
            event=False,
        )
        addressed.append(recommendation)
    return addressed


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
