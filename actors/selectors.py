"""Reads on accounts and role assignments, always for a user."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from actors.models import RoleAssignment, User
from empact import clock
from empact.access.gate import active_assignment_q

ENDING_SOON_DAYS = 30


def role_assignments_for_profile(user: User) -> tuple[list, list]:
    """The user's own assignments: (active or upcoming, past)."""
    today = clock.today()
    assignments = list(
        RoleAssignment.objects.filter(user=user)
        .select_related("plan", "action", "action__plan", "country", "assigned_by")
        .order_by("-starts_on")
    )
    current = [a for a in assignments if a.ends_on is None or a.ends_on >= today]
    past = [a for a in assignments if a.ends_on is not None and a.ends_on < today]
    return current, past


def role_assignments_ending_soon(
    viewer: User, *, today: datetime.date | None = None, days: int = ENDING_SOON_DAYS
) -> QuerySet[RoleAssignment]:
    """Active assignments ending within ``days`` with no successor, that the viewer may see.

    The secretariat sees them all; a NEC sees those of its country's users.
    """
    today = today or clock.today()
    return (
        RoleAssignment.objects.visible_to(viewer, "view")
        .filter(
            active_assignment_q(today=today),
            ends_on__lte=today + datetime.timedelta(days=days),
            successor__isnull=True,
        )
        .exclude(user=viewer)
        .select_related("user", "user__country", "plan", "action", "action__plan", "country")
        .order_by("ends_on", "pk")
    )


def users_visible_to(viewer: User) -> QuerySet[User]:
    return (
        User.objects.visible_to(viewer, "view")
        .select_related("organisation", "organisation__country", "country")
        .order_by("last_name", "first_name", "email")
    )
