"""Request rates: a budget per token and per signed-in user, a burst and a sustained window, 429
with ``Retry-After``, counted in one round trip to Redis (and the same with the local cache)."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings
from rest_framework.test import APIClient

from actors.api.authentication import api_token_create
from empact.api import throttling
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

START = 1_800_000_000.0  # a whole hour: the minute and the hour windows begin here


@pytest.fixture
def rates(monkeypatch):
    def set_rates(burst="1000/min", sustained="1000/hour", export="1000/hour"):
        monkeypatch.setattr(
            throttling._PerUserOrToken,
            "THROTTLE_RATES",
            {"burst": burst, "sustained": sustained, "export": export},
        )

    return set_rates


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved by hand: ``clock.at = START + 61``."""

    class Clock:
        at = START + 1

    monkeypatch.setattr(throttling._PerUserOrToken, "timer", staticmethod(lambda: Clock.at))
    return Clock


def _statuses(client, times: int, url: str = "/api/v1/cycles/") -> list[int]:
    return [client.get(url).status_code for _ in range(times)]


def test_a_token_has_its_own_budget_apart_from_its_owners_session(world, rates):
    rates(burst="2/min")
    owner = world.users["europol"]
    _, key = api_token_create(user=owner, name="Robot")
    robot = APIClient()
    robot.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    browser = client_for(owner)
    assert _statuses(robot, 3) == [200, 200, 429]
    assert _statuses(browser, 3) == [200, 200, 429]


def test_the_sustained_rate_refuses_too_when_the_burst_allows(world, rates):
    rates(burst="100/min", sustained="3/hour")
    client = client_for(world.users["europol"])
    assert _statuses(client, 4) == [200, 200, 200, 429]
    assert int(client.get("/api/v1/cycles/")["Retry-After"]) > 60  # the hour's, not a minute's


def test_retry_after_says_when_the_next_request_is_let_through(world, rates, clock):
    rates(burst="3/min")
    client = client_for(world.users["europol"])
    assert _statuses(client, 4) == [200, 200, 200, 429]
    wait = int(client.get("/api/v1/cycles/")["Retry-After"])
    # the sliding minute: the three requests still weigh in the next minute, less as it goes on
    assert 60 < wait < 120
    clock.at = START + 1 + wait - 2
    assert client.get("/api/v1/cycles/").status_code == 429
    clock.at = START + 1 + wait
    assert client.get("/api/v1/cycles/").status_code == 200


def test_a_refused_request_costs_nothing_of_the_budget(world, rates, clock):
    rates(burst="3/min")
    client = client_for(world.users["europol"])
    assert _statuses(client, 3) == [200, 200, 200]
    assert _statuses(client, 20) == [429] * 20
    clock.at = START + 60 + 50  # the full minute before weighs a sixth: 0.5 of 3
    assert _statuses(client, 3) == [200, 200, 429]


def test_exports_have_their_own_rate_on_top_of_the_others(world, rates):
    rates(export="2/hour")
    client = client_for(world.users["europol"])
    assert _statuses(client, 3, "/api/v1/results/export.csv") == [200, 200, 429]
    assert client.get("/api/v1/results/").status_code == 200


def test_the_local_memory_cache_counts_the_same(world, rates, clock):
    rates(burst="3/min")
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=locmem):
        client = client_for(world.users["europol"])
        assert _statuses(client, 5) == [200, 200, 200, 429, 429]
        assert int(client.get("/api/v1/cycles/")["Retry-After"]) > 60
        other = client_for(world.users["commission"])
        assert other.get("/api/v1/cycles/").status_code == 200
        clock.at = START + 60 + 50
        assert _statuses(client, 3) == [200, 200, 429]


def test_a_request_counts_both_windows_in_one_round_trip_to_redis(world, monkeypatch):
    if not isinstance(caches["default"], RedisCache):
        pytest.skip("the cache is not Redis")
    import redis

    calls = []
    single, pipelined = redis.Redis.execute_command, redis.client.Pipeline.execute
    monkeypatch.setattr(
        redis.Redis, "execute_command", lambda *a, **k: calls.append("command") or single(*a, **k)
    )
    monkeypatch.setattr(
        redis.client.Pipeline,
        "execute",
        lambda *a, **k: calls.append("pipeline") or pipelined(*a, **k),
    )
    assert client_for(world.users["europol"]).get("/api/v1/cycles/").status_code == 200
    assert calls == ["pipeline"]
