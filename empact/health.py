"""Health endpoints for the load balancer and docker-compose health checks."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    cache.set("health-check", "ok", 5)
    if cache.get("health-check") != "ok":
        raise RuntimeError("the cache did not return the value just written")


def _check_broker() -> None:
    from empact.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


@login_not_required
@require_GET
@never_cache
def live(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. No dependency is touched."""
    return JsonResponse({"status": "ok"})


@login_not_required
@require_GET
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: database, cache and broker answer; 503 naming what is down otherwise."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:
            logger.warning("readiness check %s failed: %s", name, exc)
            results[name] = {"status": "down", "error": str(exc)[:200] if settings.DEBUG else ""}
        else:
            results[name] = {"status": "ok"}
    healthy = all(r["status"] == "ok" for r in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )
