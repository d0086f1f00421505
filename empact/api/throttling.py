"""Request rates per user and per token, counted in the cache (Redis in production).

Two windows: a burst (``100/min``) and a sustained rate (``2000/hour``), both set in
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``. A request over a rate answers 429 with
``Retry-After``. Each token has its own budget, separate from its owner's browser session.
"""

from rest_framework.throttling import SimpleRateThrottle


class _PerUserOrToken(SimpleRateThrottle):
    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        if token is not None and getattr(token, "pk", None) is not None:
            ident = f"token-{token.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class BurstRateThrottle(_PerUserOrToken):
    scope = "burst"


class SustainedRateThrottle(_PerUserOrToken):
    scope = "sustained"


class ExportRateThrottle(_PerUserOrToken):
    """CSV exports read whole tables: a lower rate of their own."""

    scope = "export"
