"""Browser tests: a real headless Chromium against pytest-django's live server.

``visitor(user)`` opens a browser context signed in as ``user`` (anonymous for ``None``); its
``open`` and ``check`` wait for the page they name, run axe-core on it and fail the test on any
WCAG 2.1 AA violation; ``checked`` records each audit's URL name and language.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import resolve
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


class Audit(NamedTuple):
    """One axe-core run: the URL name of the page (``request.resolver_match.view_name``), the
    language it was shown in (``<html lang>``) and its address."""

    url_name: str
    language: str
    url: str


# Until htmx has swapped and settled, axe would see a page between two states.
HTMX_SETTLED = (
    "() => document.readyState === 'complete' && !document.querySelector("
    "'.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
)


@dataclass
class Visitor:
    """One browser tab, signed in or anonymous."""

    page: Page
    base_url: str
    checked: list[Audit] = field(default_factory=list)

    def open(
        self,
        path: str,
        *,
        lands_on: str | re.Pattern[str] | None = None,
        ready: str | None = None,
    ) -> Response:
        """Go to ``path`` and audit the page; ``lands_on`` is the path a redirect leads to."""
        response = self.page.goto(self.base_url + path)
        self.check(lands_on or urlsplit(path).path, ready=ready)
        return response

    def check(self, where: str | re.Pattern[str], *, ready: str | None = None) -> None:
        """Wait until the tab shows the page at path ``where`` (a path, or a pattern the whole
        path matches), loaded and with htmx settled (and, for a page built by its scripts, until
        the ``ready`` selector is visible); then run axe-core on it and fail on any violation.
        ``where`` is required so that an audit after a click that navigates can never run on
        the page the click left."""

        def arrived(url: str) -> bool:
            path = urlsplit(url).path
            return path == where if isinstance(where, str) else bool(where.fullmatch(path))

        self.page.wait_for_url(arrived, wait_until="load")
        self.page.wait_for_function(HTMX_SETTLED)
        if ready:
            self.page.locator(ready).first.wait_for(state="visible")
        url = self.page.url
        language = self.page.evaluate("document.documentElement.lang")
        violations = axe_violations(self.page)
        self.checked.append(Audit(resolve(urlsplit(url).path).view_name, language, url))
        if violations:
            print(f"axe-core violations on {url}:", *violations, sep="\n  ")
            pytest.fail(f"{len(violations)} accessibility violations on {url}")

    def switch_language(self, code: str) -> None:
        """Choose a language in the site header's switcher, as a visitor does."""
        switcher = self.page.locator("form.empact-language-switcher")
        where = urlsplit(self.page.url).path
        switcher.get_by_role("combobox").select_option(code)
        with self.page.expect_navigation():
            switcher.get_by_role("button").click()
        self.page.wait_for_url(lambda url: urlsplit(url).path == where)
        lang = self.page.evaluate("document.documentElement.lang")
        assert lang == code, f"the page is in {lang!r} after choosing {code!r}"


@pytest.fixture
def visitor(browser, live_server):
    contexts: list[BrowserContext] = []

    def sign_in(user) -> Visitor:
        """A tab signed in as ``user``; ``None`` for an anonymous visitor."""
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        if user is not None:
            client = Client()
            client.force_login(user)
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
