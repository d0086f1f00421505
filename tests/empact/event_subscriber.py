"""A subscriber the test worker loads (``celery worker --include``): it writes every event it is
handed to the cache (Redis, shared with the test process), so a test sees what was announced."""

from django.core.cache import cache

from empact.events import subscribe


def cache_key(event_id: int) -> str:
    return f"test-announced-event-{event_id}"


@subscribe
def remember(event) -> None:
    cache.set(cache_key(event.pk), event.code, timeout=600)
