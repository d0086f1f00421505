"""The interactive API reference works in a browser with the site's own assets only."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_shows_the_workflow_steps_without_loading_anything_from_outside(visitor):
    world = data.build()
    tab = visitor(world.driver)
    page = tab.page
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(tab.base_url) else outside.append(request.url)
        ),
    )

    # test_every_page audits the page with axe-core. No deep links (they would nest links in
    # the operations' buttons): the reader scrolls to the operation and opens it. Swagger UI
    # renders only the tags near the viewport.
    page.goto(tab.base_url + "/api/v1/docs/")

    expect(page.get_by_text("EMPACT cycle manager API").first).to_be_visible()
    submit = page.locator("#operations-plans-plans_submit_create")
    for _ in range(30):
        if submit.count():
            break
        page.mouse.wheel(0, 1000)
        page.wait_for_timeout(200)
    submit.locator(".opblock-summary-control").click()
    expect(submit.locator("[data-path='/api/v1/plans/{id}/submit/']")).to_be_visible()
    expect(submit.get_by_text("409", exact=True)).to_be_visible()
    assert outside == []
