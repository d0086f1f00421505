"""Versions and amendments of approved plans.

An amendment records proposed changes (``AmendmentChange``) without touching the live plan: the
approved version stays in force, everybody keeps seeing it and progress reports continue on the
same actions. COSI's approval applies the changes to the live rows in one transaction, each with
its own Event carrying its reason, and writes the next ``PlanVersion``.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils.translation import gettext as _

from empact import clock, events
from empact.access.matrix import CREATE_ONLY, type_for_model
from empact.services import WorkflowError, require, save_change
from empact.workflow import transition
from oaps import workflows  # noqa: F401  (declares the steps run by transition)
from oaps.models import (
    AmendmentChange,
    Kpi,
    OperationalAction,
    OperationalActionPlan,
    PlanAmendment,
    PlanGoal,
    PlanVersion,
)
from oaps.selectors.versions import label_of, plan_snapshot, shown

Plan = OperationalActionPlan
Target = AmendmentChange.Target
Kind = AmendmentChange.Kind

MODELS: dict[str, type[Model]] = {
    Target.PLAN: Plan,
    Target.PLAN_GOAL: PlanGoal,
    Target.ACTION: OperationalAction,
    Target.KPI: Kpi,
}
# What an amendment may change: the approved definition, not the plan's set-up (code, driver,
# years: the secretariat's) nor an action's place in the list.
AMENDABLE: dict[str, tuple[str, ...]] = {
    # Co-drivers are set up by the secretariat with the people holding the role (plan-setup).
    Target.PLAN: ("title",),
    Target.PLAN_GOAL: ("number", "title", "description"),
    Target.ACTION: tuple(
        name
        for name, action in type_for_model(OperationalAction).fields.items()
        if action != CREATE_ONLY and name != "position"
    ),
    Target.KPI: tuple(
        name for name, action in type_for_model(Kpi).fields.items() if action != CREATE_ONLY
    ),
}
# Changing these needs a reason per change: a KPI's target, an action's scope, dates or leader.
NEEDS_REASON: dict[str, frozenset[str]] = {
    Target.KPI: frozenset({"target"}),
    Target.ACTION: frozenset(
        {
            "title",
            "description",
            "methods",
            "expected_results",
            "plan_goals",
            "start_date",
            "end_date",
            "leader",
        }
    ),
}
# The Event each applied change records on its object.
APPLIED_CODES = {
    (Kind.CHANGE, Target.PLAN): "oaps.plan.amended",
    (Kind.CHANGE, Target.PLAN_GOAL): "oaps.plan_goal.amended",
    (Kind.CHANGE, Target.ACTION): "oaps.action.amended",
    (Kind.CHANGE, Target.KPI): "oaps.kpi.amended",
    (Kind.ADD, Target.PLAN_GOAL): "oaps.plan_goal.created",
    (Kind.ADD, Target.ACTION): "oaps.action.created",
    (Kind.ADD, Target.KPI): "oaps.kpi.created",
    (Kind.REMOVE, Target.PLAN_GOAL): "oaps.plan_goal.deleted",
    (Kind.REMOVE, Target.ACTION): "oaps.action.cancelled",
    (Kind.REMOVE, Target.KPI): "oaps.kpi.deleted",
}


# --- versions ------------------------------------------------------------------------------------


def plan_version_write(*, actor, plan: Plan, amendment: PlanAmendment | None = None) -> PlanVersion:
    """Write the next numbered version of the plan as it now stands (inside the caller's
    approval: the approval's Event is the record of it)."""
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PlanVersion(
        plan=plan,
        number=number,
        snapshot=plan_snapshot(plan),
        approved_at=clock.now(),
        approved_by=actor,
        amendment=amendment,
    )
    version._history_user = actor
    version.save()
    return version


def writes_version(step: Callable[..., Plan]) -> Callable[..., Plan]:
    """Decorate a plan's approval: the approved plan gets its next version in the same
    transaction."""

    @functools.wraps(step)
    def approve(*, actor, plan: Plan, **kwargs: Any) -> Plan:
        with transaction.atomic():
            approved = step(actor=actor, plan=plan, **kwargs)
            plan_version_write(actor=actor, plan=approved)
        return approved

    return approve


# --- opening and deciding -------------------------------------------------------------------------


def amendment_open(*, actor, plan: Plan, reason: str) -> PlanAmendment:
    """A driver or co-driver opens an amendment of an approved plan (one open at a time)."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        require(actor, "amend", plan)
        if plan.status != Plan.Status.APPROVED:
            raise WorkflowError(_("Only an approved plan can be amended."))
        if plan.amendments.filter(status__in=PlanAmendment.OPEN_STATUSES).exists():
            raise WorkflowError(
                _("This plan already has an open amendment: finish or withdraw it first.")
            )
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the plan needs to change.")})
        number = (plan.amendments.aggregate(n=Max("number"))["n"] or 0) + 1
        amendment = PlanAmendment(plan=plan, number=number, reason=reason, opened_by=actor)
        save_change(amendment, actor=actor, code="oaps.amendment.opened")
    return amendment


def amendment_submit(*, actor, amendment: PlanAmendment) -> PlanAmendment:
    def has_changes(obj: PlanAmendment) -> None:
        if not obj.changes.exists():
            raise WorkflowError(_("Propose at least one change before submitting the amendment."))

    return transition(actor, amendment, "submit", check=has_changes, decision_comment="")


def amendment_withdraw(*, actor, amendment: PlanAmendment) -> PlanAmendment:
    return transition(actor, amendment, "withdraw")


def amendment_return(*, actor, amendment: PlanAmendment, comment: str) -> PlanAmendment:
    if not comment.strip():
        raise WorkflowError(_("Say what needs to change when returning an amendment."))
    return transition(actor, amendment, "return", decision_comment=comment, comment=comment)


def amendment_approve(
    *,
    actor,
    amendment: PlanAmendment,
    decided_on: datetime.date | None = None,
    meeting_reference: str = "",
    comment: str = "",
) -> PlanAmendment:
    """COSI approves the amendment: its changes are applied to the live plan, each recording
    its Event with its reason, and the plan's next version is written."""
    with transaction.atomic():
        amendment = transition(
            actor,
            amendment,
            "approve",
            decided_on=decided_on or clock.today(),
            meeting_reference=meeting_reference,
            decision_comment=comment,
            comment=comment,
        )
        for change in amendment.changes.select_for_update().order_by("pk"):
            _apply(actor, amendment, change)
        plan_version_write(actor=actor, plan=amendment.plan, amendment=amendment)
    return amendment


# --- proposing changes ---------------------------------------------------------------------------


def _editable(actor, amendment: PlanAmendment, action: str = "add") -> PlanAmendment:
    amendment = PlanAmendment.objects.select_for_update().get(pk=amendment.pk)
    require(actor, "view", amendment)
    if not amendment.is_editable:
        raise WorkflowError(
            _("The amendment is %(status)s: changes can be proposed only while it is a draft.")
            % {"status": amendment.get_status_display().lower()}
        )
    return amendment


def _choices(field, plan: Plan | None):
    """The objects a related field may point at: a plan's own goals, its cycle's CHSGs; the
    organisations (reference data) as they are."""
    from priorities.models import HorizontalGoal

    objects = field.related_model._default_manager.all()
    if plan is not None and field.related_model is PlanGoal:
        objects = objects.filter(plan=plan)
    elif plan is not None and field.related_model is HorizontalGoal:
        objects = objects.filter(masp__cycle_id=plan.priority.cycle_id)
    return objects


def _ids(value: Any, name: str) -> list[int]:
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        raise ValidationError({name: _("Give a list of ids.")})
    ids = []
    for item in value:
        pk = item.pk if isinstance(item, Model) else item
        if not isinstance(pk, int) and not (isinstance(pk, str) and pk.isdigit()):
            raise ValidationError({name: _("Choose from the list.")})
        if int(pk) >= 2**63:
            raise ValidationError({name: _("Choose from the list.")})
        ids.append(int(pk))
    return sorted(set(ids))


def _parse(
    model: type[Model], name: str, value: Any, plan: Plan | None = None
) -> tuple[Any, Any, Any]:
    """(what approval writes, what a reader sees, the Python value) of a proposed value; a
    related object must be one the plan may use (its goals, its cycle's CHSGs)."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        ids = _ids(value or (), name)
        objects = list(_choices(field, plan).filter(pk__in=ids))
        if len(objects) != len(ids):
            raise ValidationError({name: _("Choose from the list.")})
        return ids, sorted(label_of(o) for o in objects), objects
    if field.is_relation:
        pk = value.pk if isinstance(value, Model) else value
        if pk and not (isinstance(pk, int) or (isinstance(pk, str) and pk.isdigit())):
            raise ValidationError({name: _("Choose from the list.")})
        if pk and int(pk) >= 2**63:
            raise ValidationError({name: _("Choose from the list.")})
        obj = _choices(field, plan).filter(pk=int(pk)).first() if pk else None
        if obj is None:
            raise ValidationError({name: _("Choose from the list.")})
        return obj.pk, label_of(obj), obj
    try:
        python = field.clean(value, None)
    except ValidationError as error:
        raise ValidationError({name: error.messages}) from None
    if isinstance(python, Decimal) and getattr(field, "decimal_places", None) is not None:
        python = python.quantize(Decimal(1).scaleb(-field.decimal_places))  # "10" is "10.00"
    stored = shown(python)
    return stored, stored, python


def _check_reason(target: str, name: str, reason: str) -> None:
    if name in NEEDS_REASON.get(target, ()) and not reason.strip():
        label = MODELS[target]._meta.get_field(name).verbose_name
        raise ValidationError(
            {"reason": _("Give the reason for changing the %(field)s.") % {"field": label}}
        )


def _live(amendment: PlanAmendment, target: str, target_id: int | None) -> Model:
    """The live object of the amended plan that a change is about."""
    plan = amendment.plan
    rows = {
        Target.PLAN: Plan.objects.filter(pk=plan.pk),
        Target.PLAN_GOAL: PlanGoal.objects.filter(plan=plan),
        Target.ACTION: OperationalAction.objects.filter(plan=plan).exclude(status="cancelled"),
        Target.KPI: Kpi.objects.filter(action__plan=plan).exclude(action__status="cancelled"),
    }[target]
    obj = rows.filter(pk=plan.pk if target == Target.PLAN else target_id).first()
    if obj is None:
        raise ValidationError({"target_id": _("This is not part of the amended plan.")})
    return obj


def _validated(obj: Model, values: Mapping[str, Any]) -> None:
    """The object with every proposed plain value must still be valid."""
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if not field.many_to_many:
            setattr(obj, field.name, value)
    many = [f.name for f in obj._meta.many_to_many]
    obj.full_clean(exclude=many, validate_unique=False, validate_constraints=False)


def amendment_change_save(
    *,
    actor,
    amendment: PlanAmendment,
    target_type: str,
    field: str,
    value: Any,
    reason: str = "",
    target_id: int | None = None,
    resave: bool = False,
) -> AmendmentChange | None:
    """Propose a new value of one field of the plan, a goal, an action or a KPI (or change the
    proposal). The same value as in force withdraws the proposal (returns None). A proposal
    posted again unchanged is left as it is, unless ``resave`` (an API save records its
    Event even when nothing changed)."""
    with transaction.atomic():
        amendment = _editable(actor, amendment)
        if field not in AMENDABLE.get(target_type, ()):
            raise ValidationError({"field": _("This cannot be changed by an amendment.")})
        obj = _live(amendment, target_type, target_id)
        model = type(obj)
        stored, after, _python = _parse(model, field, value, amendment.plan)
        target_id = obj.pk
        pending = {
            c.field: _parse(model, c.field, c.value)[2]
            for c in amendment.changes.filter(
                kind=Kind.CHANGE, target_type=target_type, target_id=target_id
            ).exclude(field=field)
        }
        _validated(model._default_manager.get(pk=obj.pk), {**pending, field: _python})
        if model._meta.get_field(field).many_to_many:
            live_stored = sorted(getattr(obj, field).values_list("pk", flat=True))
            before = sorted(label_of(o) for o in getattr(obj, field).all())
        else:
            live_stored, before, _unused = _parse(model, field, getattr(obj, field))
        existing = amendment.changes.filter(
            kind=Kind.CHANGE, target_type=target_type, target_id=target_id, field=field
        ).first()
        if live_stored == stored:
            if existing is not None:
                amendment_change_delete(actor=actor, change=existing)
            return None
        if (
            not resave
            and existing is not None
            and existing.value == stored
            and (not reason.strip() or reason == existing.reason)
        ):
            return existing  # proposed already: a form posting every field again changes nothing
        _check_reason(target_type, field, reason)
        change = existing or AmendmentChange(
            amendment=amendment, kind=Kind.CHANGE, target_type=target_type, target_id=target_id
        )
        change.field, change.before, change.after = field, before, after
        change.value, change.reason = stored, reason
        adding = existing is None
        code = "oaps.amendment_change.created" if adding else "oaps.amendment_change.changed"
        save_change(change, actor=actor, code=code)
        require(actor, "add" if adding else "change", change)
    return change


def amendment_add(
    *,
    actor,
    amendment: PlanAmendment,
    target_type: str,
    data: Mapping[str, Any],
    reason: str,
    parent_id: int | None = None,
) -> AmendmentChange:
    """Propose a new goal, action (``data``: its fields) or KPI (``parent_id``: its action)."""
    with transaction.atomic():
        amendment = _editable(actor, amendment)
        if target_type not in (Target.PLAN_GOAL, Target.ACTION, Target.KPI):
            raise ValidationError({"target_type": _("Only goals, actions and KPIs can be added.")})
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for adding it.")})
        model = MODELS[target_type]
        unknown = set(data) - set(AMENDABLE[target_type])
        if unknown:
            raise ValidationError({"data": _("Unknown fields: %s") % ", ".join(sorted(unknown))})
        value, after, python = {}, {}, {}
        for name, raw in data.items():
            value[name], after[name], python[name] = _parse(model, name, raw, amendment.plan)
        plan = amendment.plan
        if target_type == Target.KPI:
            parent = _live(amendment, Target.ACTION, parent_id)
            obj = Kpi(action=parent)
        elif target_type == Target.ACTION:
            obj = OperationalAction(plan=plan, position=plan.actions.count() + 1)
        else:
            obj = PlanGoal(plan=plan)
        for name in value:
            if model._meta.get_field(name).many_to_many:
                continue
            setattr(obj, name, python[name])
        try:
            obj.full_clean(exclude=[f.name for f in model._meta.many_to_many])
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            raise ValidationError(error.error_dict) from None
        change = AmendmentChange(
            amendment=amendment,
            kind=Kind.ADD,
            target_type=target_type,
            parent_id=parent_id if target_type == Target.KPI else None,
            after=after,
            value=value,
            reason=reason,
        )
        save_change(change, actor=actor, code="oaps.amendment_change.created")
        require(actor, "add", change)
    return change


def amendment_remove(
    *, actor, amendment: PlanAmendment, target_type: str, target_id: int, reason: str
) -> AmendmentChange:
    """Propose removing a goal, a KPI or an action (an action removed is cancelled: its
    reports and results are kept)."""
    with transaction.atomic():
        amendment = _editable(actor, amendment)
        if target_type not in (Target.PLAN_GOAL, Target.ACTION, Target.KPI):
            raise ValidationError(
                {"target_type": _("Only goals, actions and KPIs can be removed.")}
            )
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for removing it.")})
        obj = _live(amendment, target_type, target_id)
        if target_type == Target.KPI and obj.values.exists():
            raise WorkflowError(
                _("This KPI already has reported values: change its target instead.")
            )
        if amendment.changes.filter(
            kind=Kind.REMOVE, target_type=target_type, target_id=obj.pk
        ).exists():
            raise WorkflowError(_("This amendment already removes it."))
        change = AmendmentChange(
            amendment=amendment,
            kind=Kind.REMOVE,
            target_type=target_type,
            target_id=obj.pk,
            before=label_of(obj) if target_type != Target.ACTION else str(obj),
            reason=reason,
        )
        save_change(change, actor=actor, code="oaps.amendment_change.created")
        require(actor, "add", change)
    return change


def amendment_change_delete(*, actor, change: AmendmentChange) -> None:
    """Take a proposed change back out of the amendment."""
    with transaction.atomic():
        _editable(actor, change.amendment)
        change = AmendmentChange.objects.select_for_update().get(pk=change.pk)
        require(actor, "delete", change)
        events.record(
            actor=actor,
            code="oaps.amendment_change.deleted",
            obj=change,
            changes=events.changes_of_deleted(change),
        )
        change._history_user = actor
        change.delete()


# --- applying an approved amendment --------------------------------------------------------------


def _apply(actor, amendment: PlanAmendment, change: AmendmentChange) -> None:
    model = MODELS[change.target_type]
    code = APPLIED_CODES[(change.kind, change.target_type)]
    details = {"amendment": amendment.number, "reason": change.reason}

    def record(obj: Model, changes: Mapping[str, list]) -> None:
        events.record(
            actor=actor, code=code, obj=obj, changes=changes, comment=change.reason, details=details
        )

    if change.kind == Kind.CHANGE:
        obj = model._default_manager.select_for_update().get(pk=change.target_id)
        field = model._meta.get_field(change.field)
        if field.many_to_many:
            manager = getattr(obj, change.field)
            before = sorted(manager.values_list("pk", flat=True))
            manager.set(change.value)
            save_change(obj, actor=actor, code=code, fields=[], event=False)
            record(obj, {change.field: [before, sorted(change.value)]})
            return
        _stored, _shown, python = _parse(model, change.field, change.value)
        setattr(obj, field.name, python)
        changes = events.changes_of(obj, [field.name])
        save_change(obj, actor=actor, code=code, fields=[field.name], event=False)
        record(obj, changes)
        return
    if change.kind == Kind.ADD:
        plain, many = {}, {}
        for name, raw in (change.value or {}).items():
            python = _parse(model, name, raw)[2]
            (many if model._meta.get_field(name).many_to_many else plain)[name] = python
        plan = amendment.plan
        if model is Kpi:
            obj = Kpi(action_id=change.parent_id, **plain)
        elif model is OperationalAction:
            obj = OperationalAction(plan=plan, position=plan.actions.count() + 1, **plain)
        else:
            obj = PlanGoal(plan=plan, **plain)
        changes = events.changes_of(obj)
        save_change(obj, actor=actor, code=code, event=False)
        for name, objects in many.items():
            getattr(obj, name).set(objects)
            changes[name] = [[], sorted(o.pk for o in objects)]
        record(obj, changes)
        change.target_id = obj.pk
        save_change(change, actor=actor, code="", fields=["target_id"], event=False, clean=False)
        return
    obj = model._default_manager.select_for_update().get(pk=change.target_id)
    if model is OperationalAction:
        obj.status = OperationalAction.Status.CANCELLED
        changes = events.changes_of(obj, ["status"])
        save_change(obj, actor=actor, code=code, fields=["status"], event=False)
        record(obj, changes)
        return
    if model is Kpi and obj.values.exists():
        raise WorkflowError(_("A KPI to remove has reported values meanwhile: change its target."))
    record(obj, events.changes_of_deleted(obj))
    obj._history_user = actor
    obj.delete()
