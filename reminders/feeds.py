"""The calendar addresses shown on the profile page and in ``GET /api/v1/me/``."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from reminders import selectors, services


def feed_url(feed, request=None) -> str:
    path = reverse("calendar-feed", args=[feed.token])
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


def own_feed_url(user, request) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return feed_url(services.feed_for(user), request)


def profile_feeds(user, request) -> list[dict]:
    """The user's own feed, and one per country they are NEC of today."""
    feeds = [services.feed_for(user)]
    feeds += [services.feed_for(user, country) for country in selectors.country_feeds_of(user)]
    return [{"country": feed.country, "url": feed_url(feed, request)} for feed in feeds]
