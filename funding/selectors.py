"""Reads on funding for the plan and action pages, always for a user.

oaps shows them on its pages without importing funding: ``funding/apps.py`` registers them with
``oaps.page_parts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from funding.models import FundingRequest
from oaps.models import OperationalAction, OperationalActionPlan

Plan = OperationalActionPlan


@dataclass
class FundingLine:
    source: str
    requests: int
    requested: Decimal
    granted: Decimal
    spent: Decimal
    is_total: bool = False


@dataclass
class FundingSummary:
    lines: list[FundingLine] = field(default_factory=list)

    @property
    def total(self) -> FundingLine:
        return FundingLine(
            source=str(_("Total")),
            requests=sum(line.requests for line in self.lines),
            requested=sum((line.requested for line in self.lines), Decimal(0)),
            granted=sum((line.granted for line in self.lines), Decimal(0)),
            spent=sum((line.spent for line in self.lines), Decimal(0)),
            is_total=True,
        )

    @property
    def rows(self) -> list[FundingLine]:
        """The lines and their total (nothing when there is no line)."""
        return [*self.lines, self.total] if self.lines else []


def plan_funding_summary(user, plan: Plan) -> FundingSummary:
    """Requested, granted and spent totals by source, over the requests the user may see.

    Withdrawn requests do not count.
    """
    rows = (
        FundingRequest.objects.visible_to(user, "view")
        .filter(action__plan=plan)
        .exclude(status=FundingRequest.Status.WITHDRAWN)
        .values("source__name")
        .annotate(
            requests=Count("pk"),
            requested=Sum("requested"),
            granted=Sum("granted"),
            spent=Sum("spent"),
        )
        .order_by("source__name")
    )
    return FundingSummary(
        [
            FundingLine(
                source=row["source__name"],
                requests=row["requests"],
                requested=row["requested"] or Decimal(0),
                granted=row["granted"] or Decimal(0),
                spent=row["spent"] or Decimal(0),
            )
            for row in rows
        ]
    )


def action_funding_requests(user, action: OperationalAction) -> list[FundingRequest]:
    """The action's funding requests the user may see, oldest first."""
    return list(
        FundingRequest.objects.visible_to(user, "view")
        .filter(action=action)
        .select_related("source", "call")
        .order_by("created_at", "pk")
    )
