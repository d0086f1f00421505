"""The reads of the lock exceptions page: who may be let in (the people who write the action's
report) and the exceptions already granted for one action's report of one period."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from actors.models import RoleAssignment, User
from oaps.models import LockException, OperationalAction, ReportingPeriod

REPORT_WRITERS = ("action_leader", "co_action_leader")


def report_writers(action: OperationalAction, today: datetime.date) -> QuerySet[User]:
    """The active users who hold the action's leader or co-leader role today: the only people a
    lock exception is useful to, since only they may write the report."""
    holding = RoleAssignment.objects.filter(
        role__in=REPORT_WRITERS, action=action, starts_on__lte=today
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    return (
        User.objects.filter(is_active=True, pk__in=holding.values("user_id"))
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def lock_exceptions_of(
    user, action: OperationalAction, period: ReportingPeriod
) -> QuerySet[LockException]:
    """The exceptions the user may see for this action's report of this period, latest first."""
    return (
        LockException.objects.visible_to(user, "view")
        .filter(action=action, period=period)
        .select_related("user", "granted_by")
        .order_by("-until", "-pk")
    )
