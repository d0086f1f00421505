"""Writes on funding requests: the submission and the decision are workflow steps.

Each follows the recipe of ``empact.services``: one transaction, the row locked, the actor's
right checked through the gate, the state checked, ``full_clean()``, a history row with the actor
and a dotted event code.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from empact import clock
from empact.access import require_writable
from empact.services import WorkflowError, require, save_change, split_many
from funding.models import FundingRequest

Status = FundingRequest.Status


def funding_request_create(*, actor, data: dict) -> FundingRequest:
    """A new draft request for an action, requested by the actor."""
    require_writable(actor, FundingRequest, data)
    plain, many = split_many(FundingRequest, data)
    with transaction.atomic():
        request = FundingRequest(**plain, requested_by=actor)
        save_change(request, actor=actor, code="funding.request.created", many=many)
        require(actor, "add", request)
    return request


def funding_request_submit(*, actor, request: FundingRequest) -> FundingRequest:
    """Submit a draft request for a decision."""
    with transaction.atomic():
        request = FundingRequest.objects.select_for_update().get(pk=request.pk)
        require(actor, "submit", request)
        if request.status != Status.DRAFT:
            raise WorkflowError(_("Only a draft request can be submitted."))
        request.status = Status.SUBMITTED
        save_change(request, actor=actor, code="funding.request.submitted", fields=["status"])
    return request


def funding_request_decide(
    *,
    actor,
    request: FundingRequest,
    decision: str,
    granted: Decimal | None = None,
    granted_above_requested: bool = False,
    decision_date: datetime.date | None = None,
) -> FundingRequest:
    """Record the decision on a submitted request (or revise an earlier decision): granted with
    its amount, or rejected."""
    if decision not in FundingRequest.DECIDED:
        raise WorkflowError(_("A decision grants or rejects the request."))
    with transaction.atomic():
        request = FundingRequest.objects.select_for_update().get(pk=request.pk)
        require(actor, "decide", request)
        if request.status not in (Status.SUBMITTED, *FundingRequest.DECIDED):
            raise WorkflowError(_("Only a submitted request can be decided."))
        request.status = decision
        request.granted = granted if decision == Status.GRANTED else None
        request.granted_above_requested = (
            granted_above_requested if decision == Status.GRANTED else False
        )
        request.decision_date = decision_date or clock.today()
        save_change(
            request,
            actor=actor,
            code=f"funding.request.{decision}",
            fields=["status", "granted", "granted_above_requested", "decision_date"],
        )
    return request
