"""How funding's models relate to the scopes of the access matrix."""

from django.db.models import Q

from empact.access.paths import AccessPaths, register
from funding.models import FundingCall, FundingRequest, FundingSource

register(FundingSource, AccessPaths())
register(FundingCall, AccessPaths())
register(
    FundingRequest,
    AccessPaths(
        cycle=("action__plan__priority__cycle",),
        plan=("action__plan",),
        action=("action",),
        states={
            "draft": (
                Q(status=FundingRequest.Status.DRAFT),
                lambda r: r.status == FundingRequest.Status.DRAFT,
            ),
            "granted": (
                Q(status=FundingRequest.Status.GRANTED),
                lambda r: r.status == FundingRequest.Status.GRANTED,
            ),
        },
    ),
)
