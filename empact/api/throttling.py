"""Request rates per user and per token, counted in the cache (Redis in production).

Two windows: a burst (``100/min``) and a sustained rate (``2000/hour``), both set in
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``; exports have a rate of their own. A request over a
rate answers 429 with ``Retry-After``. Each token has its own budget, separate from its owner's
browser session.

Each window is a pair of counters, the current period's and the previous one's, and a request is
let through while ``previous * (the share of the previous period still inside the window) +
current`` stays within the rate: a sliding window, without keeping a list of times. With Redis,
every window of a request is counted in one pipelined round trip (``INCR`` and ``EXPIRE`` of the
current counter, ``GET`` of the previous one); a refused request is taken off again, so it costs
nothing of the budget. Other caches (the local-memory cache of ``make run`` without Redis) count
with ``add`` and ``incr``, which they do atomically in the process.
"""

from __future__ import annotations

import contextlib
import math
import time
import weakref
from dataclasses import dataclass

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Window:
    """One rate (``limit`` requests per ``seconds``) of one client, at the moment ``now``."""

    scope: str
    ident: str
    limit: int
    seconds: int
    now: float

    @property
    def period(self) -> int:
        return int(self.now // self.seconds)

    @property
    def elapsed(self) -> float:
        """Seconds since the current period began."""
        return self.now - self.period * self.seconds

    def key(self, period: int) -> str:
        return f"throttle:{self.scope}:{self.seconds}:{self.ident}:{period}"

    def weight(self) -> float:
        """The share of the previous period still inside the sliding window."""
        return 1 - self.elapsed / self.seconds

    def allows(self, previous: int, current: int) -> bool:
        """Whether the window holds ``current`` requests (this one included) of this period."""
        return previous * self.weight() + current <= self.limit + 1e-9  # rounding

    def wait(self, previous: int, current: int) -> float:
        """Seconds until one more request fits, ``current`` being the requests of this period
        already let through (not counting the refused one)."""
        room = self.limit - current - 1
        if room >= 0:  # in this period, once enough of the previous one has slid out
            share = room / previous if previous else 1
            return max(self.seconds * (1 - share) - self.elapsed, 1)
        # in the next period, where this one's requests weigh as the previous ones
        share = (self.limit - 1) / current if current else 1
        return max(self.seconds - self.elapsed + self.seconds * (1 - share), 1)


def parse_rate(rate: str) -> tuple[int, int]:
    """``"100/min"`` as (100, 60), as Django REST framework reads it."""
    number, period = rate.split("/")
    return int(number), PERIODS[period[0]]


_CLIENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _redis_client(cache: RedisCache):
    """The cache's Redis client, made once per cache object (Django makes a new one, on the same
    connection pool, for every operation)."""
    backend = cache._cache
    client = _CLIENTS.get(backend)
    if client is None:
        client = _CLIENTS[backend] = backend.get_client(write=True)
    return client


def count(windows: list[Window]) -> list[tuple[int, int]]:
    """Count one request in each window: (previous, current) per window, this request included
    in ``current``."""
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        pipeline = _redis_client(cache).pipeline(transaction=False)
        for window in windows:
            key = cache.make_and_validate_key(window.key(window.period))
            pipeline.incr(key)
            pipeline.expire(key, 2 * window.seconds)
            pipeline.get(cache.make_and_validate_key(window.key(window.period - 1)))
        replies = pipeline.execute()
        return [(int(replies[i + 2] or 0), int(replies[i])) for i in range(0, len(replies), 3)]
    counted = []
    for window in windows:
        key = window.key(window.period)
        cache.add(key, 0, 2 * window.seconds)
        try:
            current = cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, 2 * window.seconds)
            current = 1
        counted.append((int(cache.get(window.key(window.period - 1), 0)), current))
    return counted


def uncount(windows: list[Window]) -> None:
    """Take back a refused request from every window it was counted in."""
    cache = caches["default"]
    for window in windows:
        with contextlib.suppress(ValueError):  # expired meanwhile: nothing to take back
            cache.decr(window.key(window.period))


class _PerUserOrToken(BaseThrottle):
    """Counts the request in each of ``scopes`` (rates from ``THROTTLE_RATES``, ``None`` for no
    limit) for the token, else the signed-in user, else the address."""

    scopes: tuple[str, ...] = ()
    THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    timer = time.time

    def ident(self, request) -> str:
        token = getattr(request, "auth", None)
        if token is not None and getattr(token, "pk", None) is not None:
            return f"token-{token.pk}"
        if request.user and request.user.is_authenticated:
            return f"user-{request.user.pk}"
        return f"ip-{self.get_ident(request)}"

    def windows(self, request) -> list[Window]:
        now, ident = self.timer(), self.ident(request)
        found = []
        for scope in self.scopes:
            try:
                rate = self.THROTTLE_RATES[scope]
            except KeyError:
                raise ImproperlyConfigured(f"No throttle rate set for {scope!r}") from None
            if rate is not None:
                limit, seconds = parse_rate(rate)
                found.append(Window(scope, ident, limit, seconds, now))
        return found

    def allow_request(self, request, view) -> bool:
        windows = self.windows(request)
        if not windows:
            return True
        counted = count(windows)
        if all(w.allows(*c) for w, c in zip(windows, counted, strict=True)):
            return True
        uncount(windows)
        self._wait = max(
            w.wait(previous, current - 1)
            for w, (previous, current) in zip(windows, counted, strict=True)
            if not w.allows(previous, current)
        )
        return False

    def wait(self) -> float:
        return math.ceil(self._wait)


class ApiRateThrottle(_PerUserOrToken):
    """Every API request: the burst and the sustained rate, counted together."""

    scopes = ("burst", "sustained")


class ExportRateThrottle(_PerUserOrToken):
    """CSV exports read whole tables: a lower rate of their own."""

    scopes = ("export",)
