"""Writes and steps of COSI's assessments.

The secretariat opens an assessment with its review window (which creates its items), may move
the window or change the summary while it is open, and records COSI's adoption with its
conclusions and recommendations: the adoption stores each item's evidence as compiled that day.
While the assessment is open, the secretariat writes its overall rating per item, Europol and
the plan's drivers write their findings and rating, and during the window each COSI delegate
gives (and may change) their delegation's comment on each item.

Each function takes the acting user, checks the right through the gate before the state (a
state that those who may see the assessment can see anyway), and records one Event. Once the
assessment is adopted, every write is refused (``WorkflowError``, HTTP 409).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import formats
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from assessments import workflows  # noqa: F401  (declares the steps run by transition)
from assessments.evidence import compile_evidence
from assessments.models import Assessment, AssessmentItem, DelegationComment
from empact import clock, events
from empact.access import may, require_writable
from empact.services import (
    WorkflowError,
    delete_change,
    object_update,
    require,
    save_change,
)
from empact.workflow import transition
from oaps.models import OperationalActionPlan, PlanGoal
from priorities.models import HorizontalGoal
from reviews.services import delegation_country

OPENED = "assessments.assessment.opened"

Plan = OperationalActionPlan
# The plans an assessment rates: those COSI approved, being implemented or closed since.
ASSESSED_PLANS = (Plan.Status.APPROVED, Plan.Status.CLOSED)
EUROPOL_FIELDS = ("europol_rating", "europol_findings")
DRIVERS_FIELDS = ("drivers_rating", "drivers_findings")


def _refuse_if_adopted(assessment: Assessment) -> None:
    if assessment.status == Assessment.Status.ADOPTED:
        raise WorkflowError(_("This assessment was adopted: it can no longer change."))


def _check_window(opens_on: datetime.date | None, closes_on: datetime.date | None) -> None:
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": _("The review window cannot close before it opens.")})


def _require_seen(actor, obj: Model) -> None:
    """Whoever may not even see the object learns nothing of its state."""
    require(actor, "view", obj)


# --- assessments -------------------------------------------------------------------------------


def assessment_open(*, actor, data: Mapping[str, Any]) -> Assessment:
    """The secretariat opens a mid-term or final assessment of a cycle with its review window.
    The opening creates one item per plan of the cycle that COSI approved (being implemented,
    or closed since), one per CHSG of the cycle's MASP and one per goal of those plans."""
    require_writable(actor, Assessment, data)
    opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
    _check_window(opens_on, closes_on)
    if closes_on is not None and closes_on < clock.today():
        raise ValidationError({"closes_on": _("The review window cannot close in the past.")})
    with transaction.atomic():
        assessment = Assessment(**data, status=Assessment.Status.OPEN, opened_by=actor)
        changes = events.changes_of(assessment)
        save_change(assessment, actor=actor, code=OPENED, event=False)
        require(actor, "add", assessment)
        cycle = assessment.cycle_id
        plans = Plan.objects.filter(priority__cycle_id=cycle, status__in=ASSESSED_PLANS)
        goals = PlanGoal.objects.filter(plan__in=plans)
        chsgs = HorizontalGoal.objects.filter(masp__cycle_id=cycle)
        items = [AssessmentItem(assessment=assessment, plan_id=pk) for pk in _ids(plans)]
        items += [
            AssessmentItem(assessment=assessment, horizontal_goal_id=pk) for pk in _ids(chsgs)
        ]
        items += [AssessmentItem(assessment=assessment, plan_goal_id=pk) for pk in _ids(goals)]
        # one line per plan, CHSG and goal: the constraints hold by construction
        items = bulk_create_with_history(
            items, AssessmentItem, default_user=actor, default_change_reason=OPENED
        )
        changes["items"] = [[], sorted(item.pk for item in items)]
        events.record(actor=actor, code=OPENED, obj=assessment, changes=changes)
    return assessment


def _ids(queryset) -> list[int]:
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def assessment_update(
    *, actor, assessment: Assessment, data: Mapping[str, Any], version: str | None = None
) -> Assessment:
    """Move an open assessment's review window or change its summary."""
    _require_seen(actor, assessment)
    _refuse_if_adopted(assessment)
    _check_window(
        data.get("opens_on", assessment.opens_on), data.get("closes_on", assessment.closes_on)
    )
    return object_update(
        actor=actor,
        obj=assessment,
        data=data,
        version=version,
        code="assessments.assessment.changed",
    )


def assessment_delete(*, actor, assessment: Assessment) -> None:
    """Delete an open assessment (with its items) on which no delegation has commented yet."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        _require_seen(actor, assessment)
        _refuse_if_adopted(assessment)
        require(actor, "delete", assessment)
        if DelegationComment.objects.filter(item__assessment=assessment).exists():
            raise WorkflowError(
                _("Delegations have commented on this assessment: it can no longer be deleted.")
            )
        delete_change(assessment, actor=actor, code="assessments.assessment.deleted")


def assessment_adopt(
    *,
    actor,
    assessment: Assessment,
    conclusions: str = "",
    recommendations: str = "",
    adopted_on: datetime.date | None = None,
) -> Assessment:
    """The COSI secretariat records COSI's adoption of the assessment (on a date, default
    today) with its conclusions and recommendations. The evidence of every item is compiled
    once, now, and stored: later changes to the plans never change an adopted assessment."""
    conclusions = (conclusions or "").strip()
    adopted_on = adopted_on or clock.today()

    def freeze(locked: Assessment) -> None:
        if not conclusions:
            raise ValidationError({"conclusions": _("Write COSI's conclusions.")})
        if adopted_on > clock.today():
            raise ValidationError({"adopted_on": _("The adoption date cannot be in the future.")})
        items = list(AssessmentItem.objects.select_for_update().filter(assessment=locked))
        compiled = compile_evidence(items, clock.today())
        for item in items:
            item.evidence = compiled[item.pk]
            item.updated_at = clock.later_than(item.updated_at)
        bulk_update_with_history(
            items,
            AssessmentItem,
            ["evidence", "updated_at"],
            default_user=actor,
            default_change_reason="assessments.assessment.adopted",
        )

    with transaction.atomic():
        return transition(
            actor,
            assessment,
            "adopt",
            check=freeze,
            adopted_on=adopted_on,
            adopted_by=actor,
            conclusions=conclusions,
            recommendations=(recommendations or "").strip(),
        )


# --- assessment items --------------------------------------------------------------------------


def _item_write(
    *,
    actor,
    item: AssessmentItem,
    data: Mapping[str, Any],
    allowed: tuple[str, ...] | None,
    code: str,
    version: str | None,
) -> AssessmentItem:
    _require_seen(actor, item)
    _refuse_if_adopted(item.assessment)
    if allowed is not None and set(data) - set(allowed):
        raise PermissionDenied(
            _("You may not change these fields: %(fields)s.")
            % {"fields": ", ".join(sorted(set(data) - set(allowed)))}
        )
    return object_update(actor=actor, obj=item, data=data, version=version, code=code)


def assessment_item_update(
    *,
    actor,
    assessment_item: AssessmentItem,
    data: Mapping[str, Any],
    version: str | None = None,
) -> AssessmentItem:
    """A change of an item of an open assessment: the secretariat's overall rating, findings
    and recommendations, or Europol's or the drivers' findings (each field only by whoever the
    matrix grants it to). Findings alone are recorded as the findings' own step."""
    keys = set(data)
    if keys and keys <= set(EUROPOL_FIELDS):
        code = "assessments.assessment_item.europol_findings_given"
    elif keys and keys <= set(DRIVERS_FIELDS):
        code = "assessments.assessment_item.drivers_findings_given"
    else:
        code = "assessments.assessment_item.changed"
    return _item_write(
        actor=actor, item=assessment_item, data=data, allowed=None, code=code, version=version
    )


def _findings(rating: str, findings: str, prefix: str) -> dict[str, str]:
    findings = (findings or "").strip()
    if not findings:
        raise ValidationError({f"{prefix}_findings": _("Write the findings.")})
    return {f"{prefix}_rating": rating, f"{prefix}_findings": findings}


def europol_findings_give(
    *,
    actor,
    item: AssessmentItem,
    rating: str,
    findings: str,
    version: str | None = None,
) -> AssessmentItem:
    """Europol gives (or changes) its findings and rating on an item of an open assessment."""
    return _item_write(
        actor=actor,
        item=item,
        data=_findings(rating, findings, "europol"),
        allowed=EUROPOL_FIELDS,
        code="assessments.assessment_item.europol_findings_given",
        version=version,
    )


def drivers_findings_give(
    *,
    actor,
    item: AssessmentItem,
    rating: str,
    findings: str,
    version: str | None = None,
) -> AssessmentItem:
    """A driver or co-driver of the rated plan gives (or changes) the drivers' findings and
    rating on a plan's or a plan goal's item of an open assessment."""
    return _item_write(
        actor=actor,
        item=item,
        data=_findings(rating, findings, "drivers"),
        allowed=DRIVERS_FIELDS,
        code="assessments.assessment_item.drivers_findings_given",
        version=version,
    )


# --- delegations' comments ---------------------------------------------------------------------


def _outside_window_message(assessment: Assessment, today: datetime.date) -> str:
    if assessment.status == Assessment.Status.ADOPTED:
        return _("This assessment was adopted: comments can no longer be given or changed.")
    day = {"day": formats.date_format(assessment.opens_on, "DATE_FORMAT")}
    if today < assessment.opens_on:
        return _("The review window opens on %(day)s: comments can be given from then on.") % day
    day = {"day": formats.date_format(assessment.closes_on, "DATE_FORMAT")}
    return _("The review window closed on %(day)s: comments can no longer be given or changed.") % (
        day
    )


def delegation_comment_give(*, actor, item: AssessmentItem, text: str) -> DelegationComment:
    """A COSI delegate gives their delegation's comment on an item, or changes it, during the
    review window (one comment per country per item)."""
    require(actor, "give_comment", item)
    country = delegation_country(actor)
    if country is None:
        raise PermissionDenied(_("You do not speak for a country in COSI."))
    text = (text or "").strip()
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=item.assessment_id)
        today = clock.today()
        if not assessment.window_is_open(today):
            raise WorkflowError(_outside_window_message(assessment, today))
        existing = (
            DelegationComment.objects.select_for_update().filter(item=item, country=country).first()
        )
        if existing is not None:
            require(actor, "change", existing)
        elif not may(actor, "delegation_comment", "add"):  # the saved row is checked below
            raise PermissionDenied(_("You are not allowed to do this."))
        if existing is None:
            comment = DelegationComment(
                item=item, country=country, text=text, given_by=actor, given_at=clock.now()
            )
            save_change(comment, actor=actor, code="assessments.delegation_comment.given")
            require(actor, "add", comment)
            return comment
        existing.text, existing.given_by, existing.given_at = text, actor, clock.now()
        return save_change(
            existing,
            actor=actor,
            code="assessments.delegation_comment.changed",
            fields=["text", "given_by", "given_at"],
        )
