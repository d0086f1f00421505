"""A new plan started from an earlier one (``plan_copy_from``).

What the copy carries over: the plan's title, driving organisation and co-drivers; its goals;
its actions (code, position, title, description, methods, expected results, joint action day,
leader and co-leaders, the goals they serve, the CHSG of the same number in the new cycle's
MASP), their dates moved by the years between the plans; the actions' KPIs (name, definition,
unit, baseline, target, direction); the participants (organisation or country and role).
What it does not carry over: statuses (the plan is a draft, its actions planned, each
participation awaits its NEC's confirmation again), COSI's approval and comments, versions and
amendments, progress reports, operational results, joint action days, grants, the people's
roles (the secretariat assigns them, as for any new plan).
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from empact import events
from empact.access import may
from empact.services import require, save_change
from oaps.models import Kpi, OperationalAction, OperationalActionPlan, Participation, PlanGoal
from priorities.models import HorizontalGoal, Priority

Plan = OperationalActionPlan
CODE = "oaps.plan.copied_from"


def plan_copy_from(
    *,
    actor,
    source_plan: Plan,
    priority: Priority,
    first_year: int | None = None,
    last_year: int | None = None,
    code: str = "",
    title: str = "",
) -> Plan:
    """A new DRAFT plan of ``priority`` started from ``source_plan`` (see the module for what it
    carries over), recorded as one Event on the new plan. The plan starts after the earlier
    one ends (or with the priority's cycle, when that is later) and lasts as long; its code is
    the earlier one's with the years moved, unless given."""
    with transaction.atomic():
        source = Plan.objects.select_for_update().get(pk=source_plan.pk)
        require(actor, "copy_from", source)
        require(actor, "view", priority)
        if not may(actor, "plan", "add"):
            _require_own_line(source, priority, code, first_year, last_year)
        cycle = priority.cycle
        span = source.last_year - source.first_year
        if first_year is None:
            first_year = max(source.last_year + 1, cycle.first_year)
        if last_year is None:
            last_year = min(first_year + span, cycle.last_year)
        if first_year <= source.last_year:
            raise ValidationError(
                {
                    "first_year": _("The new plan starts after the earlier one ends (%(year)s).")
                    % {"year": source.last_year}
                }
            )
        shift = first_year - source.first_year
        plan = Plan(
            priority=priority,
            code=code or _moved_years(source.code, shift),
            title=title or source.title,
            first_year=first_year,
            last_year=last_year,
            driver=source.driver,
        )
        changes = events.changes_of(plan, None)
        save_change(plan, actor=actor, code=CODE, event=False)
        plan.co_drivers.set(source.co_drivers.all())
        goals = _goals_copy(actor, source, plan)
        chsgs = {goal.number: goal for goal in HorizontalGoal.objects.filter(masp__cycle=cycle)}
        actions = [
            _action_copy(actor, action, plan, goals, chsgs, shift)
            for action in source.actions.exclude(status=OperationalAction.Status.CANCELLED)
            .select_related("horizontal_goal")
            .order_by("position", "code")
        ]
        events.record(
            actor=actor,
            code=CODE,
            obj=plan,
            changes=changes,
            details={
                "copied_from": source.pk,
                "goals": len(goals),
                "actions": [action.code for action in actions],
            },
        )
    return plan


def _require_own_line(
    source: Plan, priority: Priority, code: str, first_year: int | None, last_year: int | None
) -> None:
    """Whoever may not create plans (a driver) starts the next plan of the same line only: under
    the earlier plan's priority, or the priority of the same code in a later cycle, with the
    code and years derived from the earlier plan (the secretariat sets them otherwise)."""
    same_line = priority.code == source.priority.code and (
        priority.cycle.first_year >= source.priority.cycle.first_year
    )
    if not same_line:
        raise PermissionDenied(
            _(
                "You can start a new plan only under this plan's priority, or the same priority "
                "of a later cycle: ask the COSI secretariat for another priority."
            )
        )
    if code or first_year is not None or last_year is not None:
        raise PermissionDenied(
            _("The COSI secretariat sets another code or other years for a new plan.")
        )


def _moved_years(text: str, shift: int) -> str:
    """``text`` with each four-digit year moved by ``shift`` years."""
    return re.sub(r"\b(19|20)\d\d\b", lambda m: str(int(m.group(0)) + shift), text)


def _moved_date(day: datetime.date, shift: int, last: datetime.date) -> datetime.date:
    try:
        moved = day.replace(year=day.year + shift)
    except ValueError:  # 29 February
        moved = day.replace(year=day.year + shift, day=28)
    return min(moved, last)


def _goals_copy(actor, source: Plan, plan: Plan) -> dict[int, PlanGoal]:
    copies = {}
    for goal in source.goals.order_by("number"):
        copy = PlanGoal(
            plan=plan, number=goal.number, title=goal.title, description=goal.description
        )
        save_change(copy, actor=actor, code=CODE, event=False)
        copies[goal.pk] = copy
    return copies


def _action_copy(
    actor,
    action: OperationalAction,
    plan: Plan,
    goals: dict[int, PlanGoal],
    chsgs: dict[int, HorizontalGoal],
    shift: int,
) -> OperationalAction:
    chsg = chsgs.get(action.horizontal_goal.number)
    if chsg is None:
        raise ValidationError(
            _(
                "The new cycle's MASP has no CHSG %(number)s for action %(code)s: add it to the "
                "MASP (or copy the CHSGs) first."
            )
            % {"number": action.horizontal_goal.number, "code": action.code}
        )
    start = _moved_date(action.start_date, shift, plan.period_end)
    copy = OperationalAction(
        plan=plan,
        code=action.code,
        position=action.position,
        title=action.title,
        description=action.description,
        horizontal_goal=chsg,
        leader=action.leader,
        start_date=start,
        end_date=max(start, _moved_date(action.end_date, shift, plan.period_end)),
        methods=action.methods,
        expected_results=action.expected_results,
        is_joint_action_day=action.is_joint_action_day,
    )
    save_change(copy, actor=actor, code=CODE, event=False)
    copy.co_leaders.set(action.co_leaders.all())
    copy.plan_goals.set([goals[g.pk] for g in action.plan_goals.all() if g.pk in goals])
    for kpi in action.kpis.all():
        save_change(
            Kpi(
                action=copy,
                name=kpi.name,
                definition=kpi.definition,
                unit=kpi.unit,
                baseline=kpi.baseline,
                target=kpi.target,
                direction=kpi.direction,
            ),
            actor=actor,
            code=CODE,
            event=False,
        )
    for participation in action.participations.all():
        save_change(
            Participation(
                action=copy,
                organisation=participation.organisation,
                country=participation.country,
                role=participation.role,
                contact_name=participation.contact_name,
                contact_email=participation.contact_email,
            ),
            actor=actor,
            code=CODE,
            event=False,
        )
    return copy
