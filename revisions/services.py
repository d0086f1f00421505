"""Writes and the decision steps of revisions after the interim report.

Who proposes: the COSI secretariat, for any priority or plan goal of a cycle; a plan's drivers
and co-drivers, for their own plan's goals only (a priority is the Council's, not a plan's).
A proposal changes while it is proposed; COSI's decision (recorded by the secretariat) is final.
On adoption the priority or plan goal is reworded through its own app's service, and the
revision keeps the wording before and after.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cycles.models import Cycle, Threat, ThreatAssessment
from empact import clock
from empact.services import WorkflowError, object_create, object_delete, object_update
from empact.workflow import transition
from oaps.services import plan_goal_revise
from priorities.services import priority_revise
from revisions import workflows  # noqa: F401  (declares the steps run by transition)
from revisions.models import REVISED_FIELDS, Revision


def _cycle_of(data: Mapping[str, Any]) -> Cycle | None:
    if data.get("priority") is not None:
        return data["priority"].cycle
    if data.get("plan_goal") is not None:
        return data["plan_goal"].plan.priority.cycle
    return None


def _check_threats(cycle: Cycle | None, threats: Iterable[Threat] | None) -> None:
    """A revision answers threats of its own cycle's interim report, none other."""
    if cycle is None or not threats:
        return
    strangers = [
        threat
        for threat in threats
        if threat.assessment.cycle_id != cycle.pk
        or threat.assessment.kind != ThreatAssessment.Kind.INTERIM_REPORT
    ]
    if strangers:
        raise ValidationError(
            {
                "threats": _(
                    "A revision answers threats of the interim report of its own cycle "
                    "(%(cycle)s); not: %(threats)s."
                )
                % {"cycle": cycle, "threats": ", ".join(str(t) for t in strangers)}
            }
        )


def _refuse_decided(revision: Revision) -> None:
    if revision.status != Revision.Status.PROPOSED:
        raise WorkflowError(_("COSI already decided on this revision: it can no longer change."))


def revision_propose(*, actor, data: Mapping[str, Any]) -> Revision:
    """Propose to reword a priority or a plan goal (``data``: ``priority`` or ``plan_goal``,
    ``reason``, ``proposed``, ``threats``); its cycle is the revised object's."""
    cycle = _cycle_of(data)
    if cycle is None:
        raise ValidationError(
            {"priority": _("Choose either one priority or one plan goal to revise.")}
        )
    _check_threats(cycle, data.get("threats"))
    return object_create(
        actor=actor,
        model=Revision,
        data=data,
        code="revisions.revision.proposed",
        cycle=cycle,
        proposed_by=actor,
    )


def revision_update(
    *, actor, revision: Revision, data: Mapping[str, Any], version: str | None = None
) -> Revision:
    """Change a proposal while COSI has not decided on it."""
    _refuse_decided(revision)
    _check_threats(revision.cycle, data.get("threats"))
    return object_update(
        actor=actor, obj=revision, data=data, version=version, code="revisions.revision.changed"
    )


def revision_delete(*, actor, revision: Revision) -> None:
    """Withdraw a proposal COSI has not decided on."""
    _refuse_decided(revision)
    object_delete(actor=actor, obj=revision, code="revisions.revision.deleted")


def revision_adopt(
    *, actor, revision: Revision, decided_on: datetime.date | None = None, note: str = ""
) -> Revision:
    """The secretariat records COSI's adoption: the priority or plan goal takes the proposed
    wording (its own Event), and the revision keeps the wording before and after."""
    with transaction.atomic():
        revision = Revision.objects.select_related("priority", "plan_goal").get(pk=revision.pk)
        target = revision.target
        before = {name: getattr(target, name) for name in REVISED_FIELDS}
        after = {**before, **revision.proposed}
        revision = transition(
            actor,
            revision,
            "adopt",
            decided_by=actor,
            decided_on=decided_on or clock.today(),
            decision_note=note.strip(),
            before=before,
            after=after,
        )
        changes = {name: after[name] for name in REVISED_FIELDS if after[name] != before[name]}
        if revision.priority_id:
            priority_revise(actor=actor, priority=target, data=changes)
        else:
            plan_goal_revise(actor=actor, goal=target, data=changes)
    return revision


def revision_reject(
    *, actor, revision: Revision, note: str = "", decided_on: datetime.date | None = None
) -> Revision:
    """The secretariat records COSI's rejection, with the reason: nothing else changes."""
    if not (note or "").strip():
        raise WorkflowError(_("Say why COSI rejected the revision."))
    return transition(
        actor,
        revision,
        "reject",
        decided_by=actor,
        decided_on=decided_on or clock.today(),
        decision_note=note.strip(),
    )
