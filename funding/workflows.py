"""The workflow steps of funding requests: submitted from a draft, then granted or rejected (a
decision can be revised by deciding again)."""

from django.utils.translation import gettext_lazy as _

from empact.workflow import Transition, declare
from funding.models import FundingRequest

Status = FundingRequest.Status
DECIDABLE = (Status.SUBMITTED, *FundingRequest.DECIDED)
NOT_DECIDABLE = _("Only a submitted request can be decided.")

declare(
    FundingRequest,
    [
        Transition(
            "submit",
            (Status.DRAFT,),
            Status.SUBMITTED,
            "submit",
            "funding.request.submitted",
            _("Only a draft request can be submitted."),
        ),
        Transition(
            "grant", DECIDABLE, Status.GRANTED, "decide", "funding.request.granted", NOT_DECIDABLE
        ),
        Transition(
            "reject",
            DECIDABLE,
            Status.REJECTED,
            "decide",
            "funding.request.rejected",
            NOT_DECIDABLE,
        ),
    ],
)
