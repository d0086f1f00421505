"""The Content-Security-Policy breaks no page: ECL, htmx, Swagger UI and the Django admin all run
with no inline script or style, and the browser reports no violation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import data
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any script of the page (Playwright injects it, outside the page's policy).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`);
});
"""


def _watch(tab) -> list[str]:
    """Violations the page reports, and the browser's console lines about the policy."""
    seen: list[str] = []
    tab.page.add_init_script(RECORD_VIOLATIONS)
    tab.page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def _violations(tab, seen: list[str]) -> list[str]:
    return [*seen, *tab.page.evaluate("window.__violations || []")]


def test_the_main_pages_and_htmx_run_under_the_policy(visitor):
    world = data.build()
    tab = visitor(world.leader)
    seen = _watch(tab)
    problems = []

    for path in (reverse("home"), reverse("plan-detail", args=[world.plan.pk])):
        response = tab.open(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        problems += _violations(tab, seen)

    report = f"{reverse('action-report', args=[world.action.pk])}?period={world.period.pk}"
    tab.open(report)
    tab.page.get_by_role("button", name="Add a result row").click()  # an htmx request and swap
    expect(tab.page.locator("select[name='results-1-result_type']")).to_be_attached()
    problems += _violations(tab, seen)
    assert not problems, "\n".join(problems)


def test_the_api_reference_runs_under_the_policy(visitor):
    world = data.build()
    tab = visitor(world.driver)
    seen = _watch(tab)
    # Swagger UI is third-party markup: no axe run here (see test_api_reference.py).
    tab.page.goto(tab.base_url + reverse("api:docs"))
    expect(tab.page.get_by_text("EMPACT cycle manager API").first).to_be_visible(timeout=30_000)
    submit = tab.page.locator("#operations-plans-plans_submit_create")
    for _ in range(30):  # Swagger UI renders only the tags near the viewport (no deep links)
        if submit.count():
            break
        tab.page.mouse.wheel(0, 1000)
        tab.page.wait_for_timeout(200)
    submit.locator(".opblock-summary-control").click()
    expect(submit.locator("[data-path='/api/v1/plans/{id}/submit/']")).to_be_visible()
    assert not _violations(tab, seen)


def test_the_admin_runs_under_the_policy(visitor):
    data.build()
    admin = UserFactory(email="root@example.eu", is_staff=True, is_superuser=True)
    tab = visitor(admin)
    seen = _watch(tab)
    problems = []
    for name in ("admin:index", "admin:oaps_operationalaction_changelist"):
        tab.page.goto(tab.base_url + reverse(name))
        problems += _violations(tab, seen)
    tab.page.get_by_role("link", name="OA 1.1", exact=False).first.click()
    expect(tab.page.locator("#operationalaction_form")).to_be_visible()
    problems += _violations(tab, seen)
    assert not problems, "\n".join(problems)
