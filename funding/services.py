"""Writes on funding requests: the submission and the decision are workflow steps.

Each follows the recipe of ``empact.services``: one transaction, the row locked, the actor's
right checked through the gate, the state checked, ``full_clean()``, a history row with the actor
and a dotted event code.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from empact import clock
from empact.access import require_writable
from empact.services import (
    WorkflowError,
    object_create,
    object_delete,
    object_update,
    require,
    save_change,
    split_many,
)
from empact.workflow import transition
from funding import workflows  # noqa: F401  (declares the steps run by transition)
from funding.models import FundingCall, FundingRequest, FundingSource

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
    return transition(actor, request, "submit")


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
    its amount, or rejected. A grant without an amount is refused by the model's rule."""
    if decision not in FundingRequest.DECIDED:
        raise WorkflowError(_("A decision grants or rejects the request."))
    is_granted = decision == Status.GRANTED
    return transition(
        actor,
        request,
        "grant" if is_granted else "reject",
        granted=granted if is_granted else None,
        granted_above_requested=granted_above_requested if is_granted else False,
        decision_date=decision_date or clock.today(),
    )


# --- funding sources ---------------------------------------------------------------------------


def funding_source_create(*, actor, data: Mapping[str, Any]) -> FundingSource:
    return object_create(actor=actor, model=FundingSource, data=data, code="funding.source.created")


def funding_source_update(
    *, actor, funding_source: FundingSource, data: Mapping[str, Any], version: str | None = None
) -> FundingSource:
    return object_update(
        actor=actor, obj=funding_source, data=data, version=version, code="funding.source.changed"
    )


def funding_source_delete(*, actor, funding_source: FundingSource) -> None:
    object_delete(actor=actor, obj=funding_source, code="funding.source.deleted")


# --- funding calls -----------------------------------------------------------------------------


def funding_call_create(*, actor, data: Mapping[str, Any]) -> FundingCall:
    return object_create(actor=actor, model=FundingCall, data=data, code="funding.call.created")


def funding_call_update(
    *, actor, funding_call: FundingCall, data: Mapping[str, Any], version: str | None = None
) -> FundingCall:
    return object_update(
        actor=actor, obj=funding_call, data=data, version=version, code="funding.call.changed"
    )


def funding_call_delete(*, actor, funding_call: FundingCall) -> None:
    object_delete(actor=actor, obj=funding_call, code="funding.call.deleted")


# --- funding requests --------------------------------------------------------------------------


def funding_request_update(
    *, actor, funding_request: FundingRequest, data: Mapping[str, Any], version: str | None = None
) -> FundingRequest:
    return object_update(
        actor=actor, obj=funding_request, data=data, version=version, code="funding.request.changed"
    )


def funding_request_delete(*, actor, funding_request: FundingRequest) -> None:
    object_delete(actor=actor, obj=funding_request, code="funding.request.deleted")
