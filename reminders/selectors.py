"""The reads of the reminders app, always for one user."""

from __future__ import annotations

from django.db.models import QuerySet

from reminders.models import CalendarFeed, Notification


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def feed_by_token(token: str) -> CalendarFeed | None:
    """The feed whose token this is, of an active account (a renewed token finds nothing)."""
    if not token or len(token) > 64:
        return None
    return (
        CalendarFeed.objects.filter(token=token, user__is_active=True)
        .select_related("user", "country")
        .first()
    )


def country_feeds_of(user) -> list:
    """The countries whose feed the user may have: the ones they are NEC of today."""
    from actors.models import Country
    from empact import clock
    from reminders.kinds import holders

    countries = Country.objects.filter(role_assignments__user=user, role_assignments__role="nec")
    return [c for c in countries.distinct() if user in holders(clock.today(), ["nec"], country=c)]
