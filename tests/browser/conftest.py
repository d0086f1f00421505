"""Browser tests: a real headless Chromium against pytest-django's live server.

``visitor(user)`` opens a browser context signed in as ``user``; its ``open`` and ``check``
run axe-core on each page and fail the test on any WCAG 2.1 AA violation.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, Response, sync_playwright

from empact import clock
from tests.browser.chromium import CHROMIUM, axe_violations, launch
from tests.browser.data import TODAY


@pytest.fixture(scope="package")
def browser(django_db_setup) -> Browser:
    """One Chromium for the browser tests, closed after them: Playwright's event loop and the
    async-safety switch below must not outlive this package."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    # Playwright's sync API keeps an asyncio loop in this thread, which Django takes for an
    # async context; the test code and the live server stay synchronous.
    allow_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            yield browser
            browser.close()
    finally:
        if allow_async_unsafe is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allow_async_unsafe


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Freeze the application's clock (the live server runs in this process)."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """The live server serves static files from the source folders, under their plain names."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@dataclass
class Visitor:
    """One signed-in browser tab."""

    page: Page
    base_url: str
    checked: list[str] = field(default_factory=list)

    def open(self, path: str) -> Response:
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def check(self) -> None:
        """Run axe-core on the page as it is now; fail on any violation."""
        self.page.wait_for_load_state("load")
        violations = axe_violations(self.page)
        self.checked.append(self.page.url)
        if violations:
            print(f"axe-core violations on {self.page.url}:", *violations, sep="\n  ")
            pytest.fail(f"{len(violations)} accessibility violations on {self.page.url}")


@pytest.fixture
def visitor(browser, live_server):
    contexts: list[BrowserContext] = []

    def sign_in(user) -> Visitor:
        client = Client()
        client.force_login(user)
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return Visitor(context.new_page(), live_server.url)

    yield sign_in
    for context in contexts:
        context.close()
