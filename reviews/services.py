"""Writes and steps of COSI's review rounds: the secretariat opens and closes a round, each
delegation gives (and may change, while the round is open) its position on each plan.

Each function takes the acting user, checks the right through the gate before the state (so
whoever may not act learns nothing of the round), and records one Event.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from actors.models import Country, Role, RoleAssignment
from empact import clock
from empact.access import may, require_writable
from empact.access.gate import active_assignment_q
from empact.services import (
    WorkflowError,
    object_delete,
    object_update,
    require,
    save_change,
)
from empact.workflow import transition
from oaps.models import OperationalActionPlan
from reviews import workflows  # noqa: F401  (declares the steps run by transition)
from reviews.models import Position, ReviewRound

Plan = OperationalActionPlan


# --- rounds ------------------------------------------------------------------------------------


def review_round_create(*, actor, data: Mapping[str, Any]) -> ReviewRound:
    """The secretariat opens a round over submitted plans of one cycle, closing on a date."""
    require_writable(actor, ReviewRound, data)
    plans = list(data.get("plans") or [])
    closes_on = data.get("closes_on")
    if not plans:
        raise ValidationError({"plans": _("Choose at least one submitted plan.")})
    plans = list(Plan.objects.filter(pk__in=[getattr(p, "pk", p) for p in plans]))
    not_submitted = [p.code for p in plans if p.status != Plan.Status.SUBMITTED]
    if not_submitted:
        raise ValidationError(
            {
                "plans": _("Only submitted plans can be reviewed: %(codes)s is not submitted.")
                % {"codes": ", ".join(sorted(not_submitted))}
            }
        )
    cycles = {
        p.priority.cycle_id
        for p in Plan.objects.filter(pk__in=[p.pk for p in plans]).select_related("priority")
    }
    if len(cycles) > 1:
        raise ValidationError({"plans": _("Put plans of one cycle in a round.")})
    if closes_on is not None and closes_on < clock.today():
        raise ValidationError({"closes_on": _("The closing date cannot be in the past.")})
    title = (data.get("title") or "").strip() or _("COSI review of %(codes)s") % {
        "codes": ", ".join(sorted(p.code for p in plans))
    }
    with transaction.atomic():
        review_round = ReviewRound(
            cycle_id=cycles.pop(), title=title[:200], closes_on=closes_on, opened_by=actor
        )
        save_change(review_round, actor=actor, code="reviews.round.opened", many={"plans": plans})
        require(actor, "add", review_round)
    return review_round


def review_round_update(
    *, actor, review_round: ReviewRound, data: Mapping[str, Any], version: str | None = None
) -> ReviewRound:
    """Change an open round's title or closing date (moving it later reopens nothing closed: a
    round whose closing day has passed is over, and a new closing day cannot be in the past)."""
    if not review_round.is_open:
        raise WorkflowError(_("This review round is closed: open a new one."))
    closes_on = data.get("closes_on")
    if closes_on is not None and closes_on < clock.today():
        raise ValidationError({"closes_on": _("The closing date cannot be in the past.")})
    return object_update(
        actor=actor, obj=review_round, data=data, version=version, code="reviews.round.changed"
    )


def review_round_close(*, actor, review_round: ReviewRound) -> ReviewRound:
    """The secretariat closes the round before (or after) its closing date."""
    return transition(actor, review_round, "close")


def review_round_delete(*, actor, review_round: ReviewRound) -> None:
    object_delete(actor=actor, obj=review_round, code="reviews.round.deleted")


# --- positions ---------------------------------------------------------------------------------


def delegation_country(actor) -> Country | None:
    """The country the user speaks for in COSI: their COSI delegate role's country (else the
    country of their account)."""
    assignment = (
        RoleAssignment.objects.filter(
            active_assignment_q(), user=actor, role=Role.COSI_DELEGATE, country__isnull=False
        )
        .select_related("country")
        .order_by("starts_on", "pk")
        .first()
    )
    if assignment is not None:
        return assignment.country
    return getattr(actor, "country", None)


def _closed_message(review_round: ReviewRound) -> str:
    if review_round.status == ReviewRound.Status.CLOSED:
        return _("This review round is closed: positions can no longer be given or changed.")
    return _(
        "This review round closed on %(day)s: positions can no longer be given or changed."
    ) % {"day": formats.date_format(review_round.closes_on, "DATE_FORMAT")}


def position_give(
    *, actor, review_round: ReviewRound, plan: Plan, position: str, comment: str = ""
) -> Position:
    """A COSI delegate records their delegation's position on a plan of the round, or changes
    it while the round is open (one position per country, plan and round)."""
    require(actor, "give_position", review_round)
    require(actor, "give_position", plan)
    country = delegation_country(actor)
    if country is None:
        raise PermissionDenied(_("You do not speak for a country in COSI."))
    with transaction.atomic():
        review_round = ReviewRound.objects.select_for_update().get(pk=review_round.pk)
        if not review_round.plans.filter(pk=plan.pk).exists():
            raise ValidationError({"plan": _("This plan is not part of the review round.")})
        existing = (
            Position.objects.select_for_update()
            .filter(round=review_round, plan=plan, country=country)
            .first()
        )
        action = "change" if existing else "add"
        if existing is not None:
            require(actor, "change", existing)
        elif not may(actor, "position", "add"):  # the saved row is checked again below
            raise PermissionDenied(_("You are not allowed to do this."))
        if not review_round.is_open:
            raise WorkflowError(_closed_message(review_round))
        comment = (comment or "").strip()
        if existing is None:
            given = Position(
                round=review_round,
                plan=plan,
                country=country,
                position=position,
                comment=comment,
                given_by=actor,
                given_at=clock.now(),
            )
            save_change(given, actor=actor, code="reviews.position.given")
            require(actor, action, given)
            return given
        existing.position, existing.comment = position, comment
        existing.given_by, existing.given_at = actor, clock.now()
        return save_change(
            existing,
            actor=actor,
            code="reviews.position.changed",
            fields=["position", "comment", "given_by", "given_at"],
        )
