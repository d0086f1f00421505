"""Benchmark of the busiest pages and endpoints on realistic volume; prints a table of figures.

Run through ``make benchmark`` (PostgreSQL with the demo and synthetic scale data) or, against
the database configured in the environment, ``.venv/bin/python scripts/benchmark.py``.

Each request goes through the whole Django stack in this process (middleware, access gate,
queries, templates, serialisers) with the test client, so the figures are server time without
the network. For each page: the median and 95th percentile over ``--repeat`` requests after two
warm-up requests, the number of SQL queries and the size of the answer.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "empact.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from actors.grants import sync_user_grants  # noqa: E402
from actors.models import Country, Role, RoleAssignment, User  # noqa: E402
from cycles.models import Cycle  # noqa: E402
from empact import clock  # noqa: E402
from oaps.models import OperationalAction, OperationalActionPlan, Participation  # noqa: E402

BENCH_DOMAIN = "benchmark.empact.example.eu"


@dataclass
class Figure:
    who: str
    what: str
    median_ms: float
    p95_ms: float
    queries: int
    kilobytes: float


def bench_user(label: str, role: str, **scope: object) -> User:
    """A user holding one role, created once; its guardian rows derived as in production."""
    user, _ = User.objects.get_or_create(
        email=f"{label}@{BENCH_DOMAIN}", defaults={"first_name": label, "last_name": "Benchmark"}
    )
    if not RoleAssignment.objects.filter(user=user, role=role, **scope).exists():
        RoleAssignment.objects.create(
            user=user, role=role, starts_on=clock.today(), reason="benchmark", **scope
        )
    sync_user_grants(user)
    return user


def measure(client: Client, url: str, repeat: int) -> tuple[list[float], int, int]:
    timings: list[float] = []
    queries = size = 0
    for run in range(repeat + 2):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        if run >= 2:  # the first two warm the caches
            timings.append(elapsed * 1000)
        queries, size = len(captured), len(body)
    return timings, queries, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="measured requests per page")
    args = parser.parse_args()

    plan = (
        OperationalActionPlan.objects.annotate(n=Count("actions"))
        .order_by("-n", "pk")
        .select_related("priority__cycle")
        .first()
    )
    if plan is None:
        raise SystemExit("No plans: run `manage.py load_demo` and `generate_scale_data` first.")
    cycle: Cycle = plan.priority.cycle
    action = plan.actions.annotate(n=Count("progress_reports")).order_by("-n", "pk").first()
    country = Country.objects.get(
        pk=Participation.objects.filter(country__isnull=False)
        .values("country")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("country", flat=True)[0]
    )
    europol = bench_user("europol", Role.EUROPOL)
    driver = bench_user("driver", Role.DRIVER, plan=plan)
    nec = bench_user("nec", Role.NEC, country=country)

    totals = {
        "actions": OperationalAction.objects.count(),
        "plans": OperationalActionPlan.objects.count(),
        "participations": Participation.objects.count(),
    }
    print(
        f"Data: {totals['plans']} plans, {totals['actions']} actions, "
        f"{totals['participations']} participations; database {connection.vendor}."
    )
    print(f"Largest plan {plan.code} ({plan.n} actions); country {country.code}.\n")

    pages = [
        (driver, "driver", "home (my work)", reverse("home")),
        (europol, "europol", "cycle", reverse("cycle-detail", args=[cycle.pk])),
        (driver, "driver", "plan page", reverse("plan-detail", args=[plan.pk])),
        (driver, "driver", "action page", reverse("action-detail", args=[action.pk])),
        (nec, "nec", "country page, cycle running", reverse("country-detail", args=[country.pk])),
        (
            nec,
            "nec",
            "country page, scale cycle",
            reverse("country-detail", args=[country.pk]) + f"?cycle={cycle.pk}",
        ),
        (europol, "europol", "search 'cocaine'", reverse("search") + "?q=cocaine"),
        (europol, "europol", "API actions, 100", "/api/v1/actions/?page_size=100"),
        (
            europol,
            "europol",
            "API actions, 100, expand",
            "/api/v1/actions/?page_size=100&expand=plan,leader,horizontal_goal",
        ),
        (europol, "europol", "API results, 500", "/api/v1/results/?page_size=500"),
        (nec, "nec", "API actions of country, 100", f"/api/v1/actions/?country={country.pk}"),
        (
            europol,
            "europol",
            f"CSV export of plan {plan.code}",
            f"/api/v1/actions/export.csv?plan={plan.pk}",
        ),
    ]
    figures = []
    for user, who, what, url in pages:
        client = Client()
        client.force_login(user)
        timings, queries, size = measure(client, url, args.repeat)
        figures.append(
            Figure(
                who,
                what,
                statistics.median(timings),
                statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0],
                queries,
                size / 1024,
            )
        )

    print(f"{'user':8} {'page':42} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KiB':>8}")
    for f in figures:
        print(
            f"{f.who:8} {f.what[:42]:42} {f.median_ms:10.1f} {f.p95_ms:8.1f} {f.queries:8d} "
            f"{f.kilobytes:8.1f}"
        )


if __name__ == "__main__":
    main()
