#!/usr/bin/env python3
"""`make screenshots`: PNGs of the main pages, from the demo data, for README.md.

Loads the demo data into a throwaway SQLite database (var/screenshots.sqlite3), starts the
development server on a free port, signs in as demo users through the login page and writes
the screenshots to docs/screenshots/. The browser is Debian's Chromium, set up as in the
browser tests (tests/browser/chromium.py); nothing is downloaded.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE = ROOT / "var" / "screenshots.sqlite3"
OUTPUT = ROOT / "docs" / "screenshots"
PASSWORD = "empact-demo-2026"  # noqa: S105 - the documented password of the demo accounts
WIDTH, MAX_HEIGHT = 1280, 2200
ENV = {
    **os.environ,
    "DEBUG": "1",
    "DATABASE_URL": f"sqlite:///{DATABASE}",
    "SECURE_HTTPS": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SETTINGS_MODULE": "empact.settings",
}


@dataclass(frozen=True)
class Shot:
    name: str  # file name without .png
    email: str  # the demo user who looks at the page
    path: str


def manage(*args: str) -> None:
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def shots() -> list[Shot]:
    """The pages to capture, looked up in the demo data."""
    os.environ.update(ENV)
    import django

    django.setup()
    from django.urls import reverse

    from actors.models import Country, Role, RoleAssignment
    from demo.users import email_address
    from oaps.models import OperationalAction, ProgressReport, ReportingPeriod

    driver = email_address("Javier", "Morales")
    action = OperationalAction.objects.get(plan__code="OAP DRUGS 2026-2027", code="OA 1.1")
    writers = RoleAssignment.objects.filter(
        role__in=[Role.ACTION_LEADER, Role.CO_ACTION_LEADER], user__is_active=True
    ).select_related("user")
    open_report = (
        ProgressReport.objects.filter(
            status__in=["draft", "returned"],
            action__in=writers.values("action"),
        )
        .exclude(narrative="")
        .order_by("-period__start", "pk")
        .first()
    )
    if open_report is not None:
        writer = writers.filter(action=open_report.action_id).first().user.email
        report_path = reverse("report-edit", args=[open_report.pk])
    else:
        period = ReportingPeriod.objects.filter(plan=action.plan).order_by("-start").first()
        writer = driver
        report_path = f"{reverse('action-report', args=[action.pk])}?period={period.pk}"
    belgium = Country.objects.get(code="BE")
    return [
        Shot("home", driver, reverse("home")),
        Shot("plan", driver, reverse("plan-detail", args=[action.plan_id])),
        Shot("action", driver, reverse("action-detail", args=[action.pk])),
        Shot("report-form", writer, report_path),
        Shot(
            "country",
            email_address("Sarah", "Peeters"),
            reverse("country-detail", args=[belgium.pk]),
        ),
        Shot("people", email_address("Nikos", "Papadopoulos"), reverse("user-list")),
    ]


def capture(base_url: str, pages: list[Shot]) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.chromium import launch

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for shot in pages:
            context = browser.new_context(
                locale="en-GB", viewport={"width": WIDTH, "height": 900}, device_scale_factor=1
            )
            page = context.new_page()
            page.goto(f"{base_url}/accounts/login/?next={shot.path}")
            page.locator("input[name=username]").fill(shot.email)
            page.locator("input[name=password]").fill(PASSWORD)
            page.locator("form.empact-form button[type=submit]").click()
            page.wait_for_url(f"{base_url}{shot.path}")
            page.wait_for_load_state("networkidle")
            height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
            target = OUTPUT / f"{shot.name}.png"
            page.screenshot(
                path=str(target),
                full_page=True,
                clip={"x": 0, "y": 0, "width": WIDTH, "height": height},
            )
            print(f"  {target.relative_to(ROOT)}  ({shot.email}, {shot.path})")
            context.close()
        browser.close()


def main() -> None:
    DATABASE.parent.mkdir(exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    print("==> Demo data in a throwaway database:", DATABASE.relative_to(ROOT))
    manage("migrate", "--noinput", "-v", "0")
    manage("load_demo", "--demo-database")
    pages = shots()
    port = free_port()
    print(f"==> Development server on 127.0.0.1:{port}")
    server = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_for(f"{base_url}/health/")
        print("==> Screenshots in", OUTPUT.relative_to(ROOT))
        capture(base_url, pages)
    finally:
        server.terminate()
        server.wait(timeout=10)
        DATABASE.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
