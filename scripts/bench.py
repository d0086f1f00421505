"""`make bench`: EMPACT at one and ten times its size, against the floor, under load; one table.

Run by ``scripts/bench.sh``, which starts PostgreSQL and Redis, loads the data and calls the
sub-commands of this script in turn:

- ``measure --phase 1x|10x``: in-process figures (django test Client, the whole stack without the
  network): every API list collection of the router, 50 a page, for a global role (Europol) and
  two object-scoped roles (a NEC, a driver), with its floor — the list's own page query and its
  COUNT, captured as the view runs them and replayed on a bare cursor, plus ``json.dumps`` of the
  fetched rows — and the main pages (median, p95, query count, size);
- ``sessions``: signed-in sessions of several roles and the objects each may write, for locust;
- ``export``: the CSV of all results, in this process alone (time, peak memory);
- ``report``: the one table with PASS/FAIL per target, printed and written to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "empact.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver, reverse  # noqa: E402

from actors.grants import sync_user_grants  # noqa: E402
from actors.models import Country, Role, RoleAssignment, User  # noqa: E402
from empact import clock  # noqa: E402
from oaps.models import (  # noqa: E402
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    ProgressReport,
)

BENCH_DOMAIN = "benchmark.empact.example.eu"
TARGET_FLOOR = 5.0
TARGET_GROWTH = 1.3
TARGET_P95_PAGE = 200.0
TARGET_P95_DETAIL = 100.0
TARGET_RPS = 62.0
TARGET_EXPORT_MB = 150.0


# -- the people and objects measured -----------------------------------------------------------


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


def subjects() -> dict:
    """The biggest plan, its busiest action and report, the busiest country, and three users."""
    plan = (
        OperationalActionPlan.objects.annotate(n=Count("actions"))
        .order_by("-n", "pk")
        .select_related("priority__cycle")
        .first()
    )
    if plan is None:
        raise SystemExit("No plans: run `manage.py load_demo` and `generate_scale_data` first.")
    action = plan.actions.annotate(n=Count("progress_reports")).order_by("-n", "pk").first()
    report = ProgressReport.objects.filter(action=action).order_by("pk").first()
    country = Country.objects.get(
        pk=Participation.objects.filter(country__isnull=False)
        .values("country")
        .annotate(n=Count("pk"))
        .order_by("-n", "country")
        .values_list("country", flat=True)[0]
    )
    return {
        "plan": plan,
        "cycle": plan.priority.cycle,
        "action": action,
        "report": report,
        "country": country,
        "europol": bench_user("europol", Role.EUROPOL),
        "nec": bench_user("nec", Role.NEC, country=country),
        "driver": bench_user("driver", Role.DRIVER, plan=plan),
    }


def list_urls() -> list[tuple[str, str]]:
    """(name, path) of every list collection of the API router (those without arguments)."""
    found: list[tuple[str, str]] = []

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner.strip(":"))
            elif (
                isinstance(pattern, URLPattern)
                and namespace == "api"
                and (pattern.name or "").endswith("-list")
            ):
                try:
                    found.append((pattern.name[: -len("-list")], reverse(f"api:{pattern.name}")))
                except Exception:  # noqa: S112 - a list needing arguments: not walked
                    continue

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


# -- measuring in process ----------------------------------------------------------------------


def timed_get(client: Client, url: str) -> tuple[float, int, int, int]:
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, response.status_code, len(captured), len(body)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def measure_page(client: Client, url: str, repeat: int) -> dict:
    timings = []
    status = queries = size = 0
    for run in range(repeat + 2):
        elapsed, status, queries, size = timed_get(client, url)
        if status != 200:
            return {"status": status, "median": None, "p95": None, "queries": queries, "kb": 0}
        if run >= 2:  # the first two warm the caches
            timings.append(elapsed)
    return {
        "status": status,
        "median": statistics.median(timings),
        "p95": p95(timings),
        "queries": queries,
        "kb": size / 1024,
    }


def list_queries(client: Client, url: str) -> list[str]:
    """The SQL of the list's COUNT and of its page query, as the view runs them."""
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    count = next((sql for sql in selects if sql.startswith("SELECT COUNT(")), None)
    page = next((sql for sql in selects if "LIMIT 50" in sql), None)
    chosen = [sql for sql in (count, page) if sql]
    if not chosen:  # no pagination: the two slowest selects
        timed = sorted(
            (q for q in captured.captured_queries if q["sql"].startswith("SELECT")),
            key=lambda q: float(q["time"]),
            reverse=True,
        )
        chosen = [q["sql"] for q in timed[:2]]
    return chosen


def measure_floor(queries: list[str], repeat: int) -> float:
    raw = connection.connection  # the bare psycopg connection: no Django in between
    timings = []
    for run in range(repeat + 2):
        started = time.perf_counter()
        with raw.cursor() as cursor:
            for sql in queries:
                cursor.execute(sql)
                rows = cursor.fetchall()
                json.dumps(rows, default=str)
        if run >= 2:
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def command_measure(args) -> None:
    s = subjects()
    connection.ensure_connection()
    clients = {}
    for who in ("europol", "nec", "driver"):
        clients[who] = Client()
        clients[who].force_login(s[who])
    lists = []
    for name, path in list_urls():
        url = f"{path}?page_size=50"
        for who, client in clients.items():
            figure = measure_page(client, url, args.repeat)
            floor = None
            if figure["status"] == 200:
                floor = measure_floor(list_queries(client, url), args.repeat)
            lists.append({"name": name, "who": who, "url": url, **figure, "floor": floor})
            print(f"  list {name:24} {who:8} {figure['median'] or 0:8.1f} ms", flush=True)
    plan, cycle, action, report, country = (
        s[k] for k in ("plan", "cycle", "action", "report", "country")
    )
    from reviews.models import ReviewRound

    review = ReviewRound.objects.order_by("pk").first()
    pages = [
        ("driver", "home (my work)", reverse("home")),
        ("europol", f"cycle {cycle.first_year}", reverse("cycle-detail", args=[cycle.pk])),
        (
            "driver",
            f"plan page ({plan.actions.count()} actions)",
            reverse("plan-detail", args=[plan.pk]),
        ),
        ("driver", "action page", reverse("action-detail", args=[action.pk])),
        ("driver", "report editor", reverse("report-edit", args=[report.pk])),
        ("nec", "country page", reverse("country-detail", args=[country.pk])),
        (
            "nec",
            "country page, big cycle",
            reverse("country-detail", args=[country.pk]) + f"?cycle={cycle.pk}",
        ),
        ("europol", "search 'cocaine'", reverse("search") + "?q=cocaine"),
        ("europol", "review rounds", reverse("review-round-list")),
    ]
    if review is not None:
        pages.append(("europol", "review round", reverse("review-round-detail", args=[review.pk])))
    measured_pages = []
    for who, what, url in pages:
        figure = measure_page(clients[who], url, args.page_repeat)
        measured_pages.append({"name": what, "who": who, "url": url, **figure})
        print(
            f"  page {what:32} {who:8} {figure['median'] or 0:8.1f} ms {figure['status']}",
            flush=True,
        )
    data = {
        "phase": args.phase,
        "volume": volume(),
        "lists": lists,
        "pages": measured_pages,
    }
    Path(args.out).write_text(json.dumps(data, indent=1))


def volume() -> dict[str, int]:
    from cycles.models import Cycle

    return {
        "cycles": Cycle.objects.count(),
        "plans": OperationalActionPlan.objects.count(),
        "actions": OperationalAction.objects.count(),
        "participations": Participation.objects.count(),
        "reports": ProgressReport.objects.count(),
        "results": OperationalResult.objects.count(),
        "users": User.objects.count(),
        "role assignments": RoleAssignment.objects.count(),
    }


# -- sessions for the load test ----------------------------------------------------------------


def command_sessions(args) -> None:
    """Signed-in sessions (europol, NEC, driver and the demo's people who may write), with the
    URLs each reads and the report or action each may change through the API."""
    s = subjects()
    plan, action, country, cycle = s["plan"], s["action"], s["country"], s["cycle"]
    reads_pages = [
        reverse("home"),
        reverse("plan-detail", args=[plan.pk]),
        reverse("action-detail", args=[action.pk]),
        reverse("country-detail", args=[country.pk]),
        reverse("cycle-detail", args=[cycle.pk]),
        reverse("search") + "?q=cocaine",
    ]
    reads_lists = [
        "/api/v1/actions/?page_size=50",
        "/api/v1/progress-reports/?page_size=50",
        "/api/v1/results/?page_size=50",
        "/api/v1/participations/?page_size=50",
        "/api/v1/plans/?page_size=50",
    ]
    detail_ids = list(
        OperationalAction.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True)[:20]
    )
    reads_details = [f"/api/v1/actions/{pk}/" for pk in detail_ids] + [f"/api/v1/plans/{plan.pk}/"]
    people = [s["europol"], s["nec"], s["driver"]]
    writers = []
    for user in User.objects.filter(is_active=True, email__endswith="@empact.example.eu")[:200]:
        client = Client()
        client.force_login(user)
        targets = []
        for model, collection, field in (
            (ProgressReport, "progress-reports", "narrative"),
            (OperationalAction, "actions", "methods"),
        ):
            for obj in model.objects.visible_to(user, "change").order_by("pk")[:6]:
                url = f"/api/v1/{collection}/{obj.pk}/"
                got = client.get(url)
                if got.status_code != 200:
                    continue
                answer = client.patch(
                    url,
                    {field: getattr(obj, field) or "Benchmark text."},
                    content_type="application/json",
                    headers={"If-Match": got["ETag"]},
                )
                if answer.status_code == 200:
                    targets.append({"url": url, "field": field, "text": getattr(obj, field)})
        if targets:
            writers.append((user, targets))
    sessions = []
    taken: set[str] = set()
    for user, targets in writers:
        mine = [t for t in targets if t["url"] not in taken]  # no two writers on one object
        taken.update(t["url"] for t in mine)
        if mine:
            people.append(user)
            sessions.append((user, mine))
    out = []
    for user in people:
        client = Client()
        client.force_login(user)
        writes = next((t for u, t in sessions if u.pk == user.pk), [])
        mine = {
            kind: [url for url in urls if client.get(url).status_code == 200]
            for kind, urls in (
                ("pages", reads_pages),
                ("lists", reads_lists),
                ("details", reads_details),
            )
        }
        if not all(mine.values()):
            continue
        out.append(
            {
                "email": user.email,
                "sessionid": client.cookies["sessionid"].value,
                **mine,
                "writes": writes,
            }
        )
    Path(args.out).write_text(json.dumps(out, indent=1))
    print(f"  {len(out)} sessions, {sum(1 for o in out if o['writes'])} of them writing")


# -- the export --------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def command_export(args) -> None:
    """In its own process: the CSV of all results for Europol, streamed and thrown away."""
    user = User.objects.get(email=f"europol@{BENCH_DOMAIN}")
    client = Client()
    client.force_login(user)
    before = rss_mb()
    started = time.perf_counter()
    response = client.get("/api/v1/results/export.csv")
    rows = size = 0
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        size += len(chunk)
        rows += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(args.out).write_text(
        json.dumps(
            {
                "status": response.status_code,
                "streaming": response.streaming,
                "seconds": elapsed,
                "rows": rows - 1,
                "mb": size / 1e6,
                "rss_before_mb": before,
                "peak_rss_mb": peak,
                "growth_mb": peak - before,
            }
        )
    )


# -- the table ---------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def machine() -> str:
    model = "?"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        ram = int(info.readline().split()[1]) / 1024 / 1024
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} CPUs ({model}), {ram:.0f} GiB RAM, PostgreSQL {pg}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def load_stats(prefix: str) -> dict[str, dict]:
    path = Path(f"{prefix}_stats.csv")
    if not path.exists():
        return {}
    with path.open() as file:
        return {row["Name"]: row for row in csv.DictReader(file)}


def ms(value) -> str:
    return "-" if value is None else f"{value:.1f}"


def command_report(args) -> None:
    one = json.loads(Path(args.one).read_text())
    ten = json.loads(Path(args.ten).read_text())
    lines: list[str] = []
    out = lines.append
    passes = fails = 0

    def count(ok: bool) -> str:
        nonlocal passes, fails
        passes, fails = passes + ok, fails + (not ok)
        return verdict(ok)

    out(f"Machine: {machine()}.\n")
    out("| volume | " + " | ".join(one["volume"]) + " |")
    out("|---|" + "---:|" * len(one["volume"]))
    for data in (one, ten):
        out(f"| {data['phase']} | " + " | ".join(f"{v:,}" for v in data["volume"].values()) + " |")
    out("")
    out("### a/b. API lists, 50 a page: against the floor (≤5x) and growth 1x→10x (≤1.3)\n")
    out("| list | role | 1x ms | 10x ms | floor ms | x floor | | growth | | queries |")
    out("|---|---|---:|---:|---:|---:|---|---:|---|---:|")
    before = {(r["name"], r["who"]): r for r in one["lists"]}
    for row in ten["lists"]:
        base = before.get((row["name"], row["who"]), {})
        if row["median"] is None:
            out(
                f"| {row['name']} | {row['who']} | | HTTP {row['status']} | | "
                f"| {count(False)} | | | |"
            )
            continue
        ratio = row["median"] / row["floor"] if row["floor"] else None
        growth = row["median"] / base["median"] if base.get("median") else None
        out(
            f"| {row['name']} | {row['who']} | {ms(base.get('median'))} | {ms(row['median'])} "
            f"| {ms(row['floor'])} | {ms(ratio)} "
            f"| {count(ratio is not None and ratio <= TARGET_FLOOR)} "
            f"| {ms(growth)} | {count(growth is not None and growth <= TARGET_GROWTH)} "
            f"| {row['queries']} |"
        )
    out("\n### c. Pages (growth ≤1.3)\n")
    out("| page | role | 1x median | 10x median | 10x p95 | queries 1x/10x | KiB | growth | |")
    out("|---|---|---:|---:|---:|---:|---:|---:|---|")
    before = {(r["name"].split(" (")[0], r["who"]): r for r in one["pages"]}
    for row in ten["pages"]:
        base = before.get((row["name"].split(" (")[0], row["who"]), {})
        if row["median"] is None:
            out(
                f"| {row['name']} | {row['who']} | {ms(base.get('median'))} "
                f"| HTTP {row['status']} | | | | | {count(False)} |"
            )
            continue
        growth = row["median"] / base["median"] if base.get("median") else None
        out(
            f"| {row['name']} | {row['who']} | {ms(base.get('median'))} | {ms(row['median'])} "
            f"| {ms(row['p95'])} | {base.get('queries', '-')}/{row['queries']} | {row['kb']:.0f} "
            f"| {ms(growth)} | {count(growth is not None and growth <= TARGET_GROWTH)} |"
        )
    out("\n### d. Under load (gunicorn on loopback, locust in its own process)\n")
    for label, prefix in (
        ("deadline day: 50 users pausing 1-3 s", args.day),
        ("saturation: 50 users, no pause", args.saturation),
    ):
        stats = load_stats(prefix) if prefix else {}
        out(f"**{label}**\n")
        if not stats:
            out("not run\n")
            continue
        out("| kind | requests | errors | p50 ms | p95 ms | p99 ms | req/s | target | |")
        out("|---|---:|---:|---:|---:|---:|---:|---|---|")
        for kind in ("list", "page", "detail", "write", "Aggregated"):
            row = stats.get(kind)
            if not row:
                continue
            p95v = float(row["95%"])
            errors = int(row["Failure Count"])
            if prefix == args.day and kind in ("list", "page", "detail"):
                limit = TARGET_P95_DETAIL if kind == "detail" else TARGET_P95_PAGE
                target, ok = f"p95 <{limit:.0f}, no errors", p95v < limit and errors == 0
            elif prefix == args.day:
                target, ok = "no errors", errors == 0
            elif kind == "Aggregated":
                target, ok = f"≥{TARGET_RPS:.0f} req/s", float(row["Requests/s"]) >= TARGET_RPS
            else:
                target, ok = "", None
            out(
                f"| {kind} | {row['Request Count']} | {errors} | {row['50%']} | {row['95%']} "
                f"| {row['99%']} | {float(row['Requests/s']):.1f} | {target} "
                f"| {count(ok) if ok is not None else ''} |"
            )
        out("")
    out("### e. Export: CSV of all results (peak memory <150 MB)\n")
    if args.export and Path(args.export).exists():
        e = json.loads(Path(args.export).read_text())
        out(
            "| rows | MB written | seconds | streamed | RSS before MB | peak RSS MB | growth MB | |"
        )
        out("|---:|---:|---:|---|---:|---:|---:|---|")
        out(
            f"| {e['rows']:,} | {e['mb']:.1f} | {e['seconds']:.1f} | {e['streaming']} "
            f"| {e['rss_before_mb']:.0f} | {e['peak_rss_mb']:.0f} | {e['growth_mb']:.0f} "
            f"| {count(e['status'] == 200 and e['peak_rss_mb'] < TARGET_EXPORT_MB)} |"
        )
    out(f"\n{passes} targets pass, {fails} fail.")
    table = "\n".join(lines)
    print(table)
    if args.md:
        write_markdown(Path(args.md), table)


MD_HEAD = "<!-- bench:table -->"
MD_TAIL = "<!-- /bench:table -->"


def write_markdown(path: Path, table: str) -> None:
    stamp = clock.now().strftime("%Y-%m-%d %H:%M UTC")
    block = f"{MD_HEAD}\nLast run of `make bench`: {stamp}.\n\n{table}\n{MD_TAIL}"
    text = (
        path.read_text() if path.exists() else "# Benchmarks\n\n" + MD_HEAD + "\n" + MD_TAIL + "\n"
    )
    head, _, rest = text.partition(MD_HEAD)
    _, _, tail = rest.partition(MD_TAIL)
    path.write_text(head + block + tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    measure = sub.add_parser("measure")
    measure.add_argument("--phase", required=True)
    measure.add_argument("--out", required=True)
    measure.add_argument("--repeat", type=int, default=5, help="measured requests per list")
    measure.add_argument("--page-repeat", type=int, default=10, help="measured requests per page")
    sessions = sub.add_parser("sessions")
    sessions.add_argument("--out", required=True)
    export = sub.add_parser("export")
    export.add_argument("--out", required=True)
    report = sub.add_parser("report")
    for name in ("one", "ten"):
        report.add_argument(f"--{name}", required=True)
    for name in ("day", "saturation", "export", "md"):
        report.add_argument(f"--{name}")
    args = parser.parse_args()
    {
        "measure": command_measure,
        "sessions": command_sessions,
        "export": command_export,
        "report": command_report,
    }[args.command](args)


if __name__ == "__main__":
    main()
