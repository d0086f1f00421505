"""Headless Chromium for the browser tests and ``make screenshots``.

Always Debian's Chromium (``/usr/bin/chromium``, installed by ``make test`` when missing): the
tests never download a browser. Every page a test visits is checked with axe-core against
WCAG 2.1 A and AA.
"""

from __future__ import annotations

import os

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright

CHROMIUM = os.environ.get("EMPACT_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def axe_violations(page: Page) -> list[str]:
    """The WCAG 2.1 AA violations axe-core finds on the page, one readable line each."""
    results = Axe().run(page, options=AXE_OPTIONS)
    lines = []
    for violation in results.response["violations"]:
        targets = "; ".join(
            " ".join(node["target"]) for node in violation["nodes"][:5] if node.get("target")
        )
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines
