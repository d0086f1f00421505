"""The account pages of this issue in a real browser, each checked with axe-core (WCAG 2.1 AA):
changing one's e-mail address, with a wrong password first."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_opens_the_email_change_page_from_the_profile_and_sees_a_wrong_password_refused(
    visitor,
):
    world = data.build()
    tab = visitor(world.leader)
    page = tab.page
    page.goto(tab.base_url + reverse("profile"))
    tab.check(reverse("profile"))
    page.get_by_role("link", name="Change my e-mail address").click()
    tab.check(reverse("profile-email"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change your e-mail address")
    page.get_by_label("New e-mail address").fill("javier.new@example.eu")
    page.get_by_label("Current password").fill("not-my-password")
    page.get_by_role("button", name="Change the e-mail address").click()
    expect(page.get_by_text("This is not your current password.", exact=True)).to_be_visible()
    tab.check(reverse("profile-email"))
