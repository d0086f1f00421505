"""Writes and workflow steps on plans, their goals, actions, KPIs and participations.

Every function takes the acting user, runs in one transaction on a locked row, checks the actor's
right through the permission gate and the state, and records one Event under a dotted code. The
HTML views and the API call the same functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actors.models import Role
from actors.services import role_assignment_create
from empact import clock, events
from empact.access import require_writable
from empact.access.fields import may_write_some_field
from empact.services import (
    WorkflowError,
    assign_changed,
    check_version,
    delete_change,
    object_create,
    object_delete,
    object_update,
    require,
    save_change,
    split_many,
)
from empact.workflow import transition
from oaps import workflows  # noqa: F401  (declares the steps run by transition)
from oaps.models import (
    Kpi,
    OperationalAction,
    OperationalActionPlan,
    Participation,
    PlanGoal,
)
from oaps.selectors.completeness import plan_missing
from oaps.services.amendments import writes_version

Plan = OperationalActionPlan


# --- plans -------------------------------------------------------------------------------------


def plan_update(*, actor, plan: Plan, data: Mapping[str, Any], version: str | None) -> Plan:
    """Edit a plan's definition (only while it is a draft or returned)."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        # each field needs its own right: the setup fields are the secretariat's
        require_writable(actor, Plan, data, plan)
        if not data and not may_write_some_field(actor, plan):
            raise PermissionDenied(_("You are not allowed to change this."))
        plain, m2m = split_many(Plan, data)
        check_version(plan, version, plain)
        changed = assign_changed(plan, plain)
        save_change(plan, actor=actor, code="oaps.plan.changed", fields=changed, many=m2m)
    return plan


def plan_submit(*, actor, plan: Plan) -> Plan:
    """The driver submits the plan to COSI; it becomes read-only. An incomplete plan (see
    ``oaps.selectors.completeness``) is refused with the list of what is missing."""
    require(actor, "submit", plan)  # first: whoever may not submit learns nothing of the plan

    def complete(locked: Plan) -> None:
        missing = plan_missing(locked)
        if missing:
            raise WorkflowError(
                _("The plan is not complete yet: %(missing)s")
                % {"missing": " ".join(item.message for item in missing)},
                details={"missing": [item.as_dict() for item in missing]},
            )

    return transition(actor, plan, "submit", check=complete, decision_comment="")


@writes_version
def plan_approve(
    *,
    actor,
    plan: Plan,
    approved_on: datetime.date | None,
    meeting_reference: str,
    comment: str = "",
) -> Plan:
    """The COSI secretariat records COSI's approval: the day and the meeting that decided it
    (both required; checked after the right and the state)."""

    def decided(_plan: Plan) -> None:
        if approved_on is None or not (meeting_reference or "").strip():
            raise WorkflowError(
                _("Give the day COSI approved the plan and the reference of its meeting.")
            )

    return transition(
        actor,
        plan,
        "approve",
        check=decided,
        decision_comment=comment,
        comment=comment,
        approved_on=approved_on,
        meeting_reference=(meeting_reference or "").strip(),
    )


def plan_return(*, actor, plan: Plan, comment: str) -> Plan:
    """The COSI secretariat returns the plan to the drivers for changes."""
    if not comment.strip():
        raise WorkflowError(_("Say what needs to change when returning a plan."))
    return transition(actor, plan, "return", decision_comment=comment, comment=comment)


# --- plan goals ---------------------------------------------------------------------------------


def plan_goal_save(
    *, actor, plan: Plan, goal: PlanGoal | None, data: Mapping[str, Any], version: str | None
) -> PlanGoal:
    with transaction.atomic():
        if goal is None:
            require_writable(actor, PlanGoal, data)
            goal = PlanGoal(plan=plan, **data)
            save_change(goal, actor=actor, code="oaps.plan_goal.created")
            require(actor, "add", goal)
            return goal
        goal = PlanGoal.objects.select_for_update().get(pk=goal.pk)
        require(actor, "change", goal)
        require_writable(actor, PlanGoal, data, goal)
        check_version(goal, version, data)
        changed = assign_changed(goal, data)
        return save_change(goal, actor=actor, code="oaps.plan_goal.changed", fields=changed)


def plan_goal_revise(*, actor, goal: PlanGoal, data: Mapping[str, Any]) -> PlanGoal:
    """Reword the goal as COSI adopted it in a revision (``revisions.services``), also in an
    approved plan: the secretariat's ``revise`` right, not the drivers' editing of a draft."""
    with transaction.atomic():
        goal = PlanGoal.objects.select_for_update().get(pk=goal.pk)
        require(actor, "revise", goal)
        changed = assign_changed(goal, data)
        return save_change(goal, actor=actor, code="oaps.plan_goal.revised", fields=changed)


def plan_goal_delete(*, actor, goal: PlanGoal) -> None:
    with transaction.atomic():
        goal = PlanGoal.objects.select_for_update().get(pk=goal.pk)
        require(actor, "delete", goal)
        delete_change(goal, actor=actor, code="oaps.plan_goal.deleted")


# --- actions -----------------------------------------------------------------------------------


def action_create(*, actor, plan: Plan, data: Mapping[str, Any]) -> OperationalAction:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        require_writable(actor, OperationalAction, data)
        plain, m2m = split_many(OperationalAction, data)
        action = OperationalAction(plan=plan, **plain)
        if not action.position:
            action.position = plan.actions.count() + 1
        save_change(action, actor=actor, code="oaps.action.created", many=m2m)
        require(actor, "add", action)
    return action


def action_update(
    *, actor, action: OperationalAction, data: Mapping[str, Any], version: str | None
) -> OperationalAction:
    with transaction.atomic():
        action = OperationalAction.objects.select_for_update().get(pk=action.pk)
        require(actor, "change", action)
        require_writable(actor, OperationalAction, data, action)
        plain, m2m = split_many(OperationalAction, data)
        check_version(action, version, plain)
        changed = assign_changed(action, plain)
        save_change(action, actor=actor, code="oaps.action.changed", fields=changed, many=m2m)
    return action


def action_cancel(*, actor, action: OperationalAction) -> OperationalAction:
    """Cancel an action of a plan in preparation (its history and reports are kept)."""
    return transition(actor, action, "cancel")


def actions_reorder(*, actor, plan: Plan, order: list[int]) -> None:
    """Put the plan's actions in the given order of ids."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        require(actor, "change", plan)
        actions = {a.pk: a for a in plan.actions.all()}
        if set(order) != set(actions):
            raise WorkflowError(_("The new order must list every action of the plan once."))
        moved = {}
        for position, pk in enumerate(order, start=1):
            if actions[pk].position != position:
                moved[actions[pk].code] = [actions[pk].position, position]
                actions[pk].position = position
                save_change(
                    actions[pk],
                    actor=actor,
                    code="oaps.plan.reordered",
                    fields=["position"],
                    clean=False,
                    event=False,
                )
        if moved:  # one change of the plan, one Event: each action's position before and after
            events.record(
                actor=actor, code="oaps.plan.reordered", obj=plan, details={"positions": moved}
            )


# --- KPIs and participations -------------------------------------------------------------------


def kpi_save(
    *,
    actor,
    action: OperationalAction,
    kpi: Kpi | None,
    data: Mapping[str, Any],
    version: str | None = None,
) -> Kpi:
    with transaction.atomic():
        if kpi is None:
            require_writable(actor, Kpi, data)
            kpi = Kpi(action=action, **data)
            save_change(kpi, actor=actor, code="oaps.kpi.created")
            require(actor, "add", kpi)
            return kpi
        kpi = Kpi.objects.select_for_update().get(pk=kpi.pk)
        require(actor, "change", kpi)
        require_writable(actor, Kpi, data, kpi)
        check_version(kpi, version, data)
        changed = assign_changed(kpi, data)
        return save_change(kpi, actor=actor, code="oaps.kpi.changed", fields=changed)


def kpi_delete(*, actor, kpi: Kpi) -> None:
    with transaction.atomic():
        kpi = Kpi.objects.select_for_update().get(pk=kpi.pk)
        require(actor, "delete", kpi)
        delete_change(kpi, actor=actor, code="oaps.kpi.deleted")


def participation_add(
    *, actor, action: OperationalAction, data: Mapping[str, Any]
) -> Participation:
    require_writable(actor, Participation, data)
    with transaction.atomic():
        participation = Participation(action=action, **data)
        save_change(participation, actor=actor, code="oaps.participation.added")
        require(actor, "add", participation)
    return participation


def participations_remove(*, actor, participations) -> None:
    """Remove participants from an action (its definition must be editable)."""
    with transaction.atomic():
        for participation in participations:
            participation = Participation.objects.select_for_update().get(pk=participation.pk)
            require(actor, "delete", participation)
            delete_change(participation, actor=actor, code="oaps.participation.removed")


def participation_decide(*, actor, participation: Participation, confirm: bool) -> Participation:
    """The NEC of the participant's country confirms or declines the participation."""
    with transaction.atomic():
        participation = Participation.objects.select_for_update().get(pk=participation.pk)
        require(actor, "confirm", participation)
        participation.confirmation = (
            Participation.Confirmation.CONFIRMED if confirm else Participation.Confirmation.DECLINED
        )
        participation.confirmed_by = actor
        participation.confirmed_at = clock.now()
        code = "oaps.participation.confirmed" if confirm else "oaps.participation.declined"
        save_change(
            participation,
            actor=actor,
            code=code,
            fields=["confirmation", "confirmed_by", "confirmed_at"],
        )
    return participation


# --- plans -------------------------------------------------------------------------------------


def plan_create(*, actor, data: Mapping[str, Any]) -> Plan:
    return object_create(actor=actor, model=Plan, data=data, code="oaps.plan.created")


def plan_set_up(
    *,
    actor,
    data: Mapping[str, Any],
    drivers: Iterable = (),
    co_drivers: Iterable = (),
) -> Plan:
    """A new plan with the people who drive it: the plan (its Event), then a driver role for
    each of ``drivers`` and a co-driver role for each of ``co_drivers``, scoped to the plan and
    starting today (each the Event of ``actors.services.role_assignment_create``, which also
    gives the grants). A driver works for the driving organisation, a co-driver for a co-driving
    one; all or nothing."""
    with transaction.atomic():
        plan = plan_create(actor=actor, data=data)
        co_driving = {organisation.pk for organisation in plan.co_drivers.all()}
        errors = {}
        wrong_drivers = [u for u in drivers if u.organisation_id != plan.driver_id]
        if wrong_drivers:
            errors["drivers"] = _(
                "A driver works for the driving organisation %(organisation)s; these people "
                "do not: %(people)s."
            ) % {"people": ", ".join(map(str, wrong_drivers)), "organisation": plan.driver}
        wrong_co_drivers = [u for u in co_drivers if u.organisation_id not in co_driving]
        if wrong_co_drivers:
            errors["co_drivers_people"] = _(
                "A co-driver works for a co-driving organisation; these people do not: %(people)s."
            ) % {"people": ", ".join(map(str, wrong_co_drivers))}
        if errors:
            raise ValidationError(errors)
        today = clock.today()
        for role, people in ((Role.DRIVER, drivers), (Role.CO_DRIVER, co_drivers)):
            for user in people:
                role_assignment_create(
                    actor=actor, user=user, role=role, plan=plan, starts_on=today
                )
    return plan


def plan_delete(*, actor, plan: Plan) -> None:
    object_delete(actor=actor, obj=plan, code="oaps.plan.deleted")


# --- participations ----------------------------------------------------------------------------


def participation_update(
    *, actor, participation: Participation, data: Mapping[str, Any], version: str | None = None
) -> Participation:
    return object_update(
        actor=actor,
        obj=participation,
        data=data,
        version=version,
        code="oaps.participation.changed",
    )
