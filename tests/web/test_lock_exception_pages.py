"""The lock exceptions page and the report page of a closed period: who may grant an exception,
the errors of a bad one (input kept), the list with its revoke button, and what the report page
says and lets each person do once the period is closed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from actors.grants import sync_user_grants
from actors.models import Role
from oaps.models import LockException, ProgressReport, ReportingPeriod
from tests.access.world import TODAY
from tests.factories import RoleAssignmentFactory
from tests.web.test_report_pages import form_data, fresh

pytestmark = pytest.mark.django_db

LOCKED_ON = datetime.date(2024, 8, 31)


def page_url(world) -> str:
    return f"{reverse('lock-exception-create', args=[world.a1.pk])}?period={world.p1_period.pk}"


@pytest.fixture
def closed(world, freeze_clock):
    """Plan p1's first period closed on 31 August 2024; the clock on the world's day."""
    freeze_clock(TODAY)
    ReportingPeriod.objects.filter(pk=world.p1_period.pk).update(lock_date=LOCKED_ON)
    world.p1_period.refresh_from_db()
    return world.p1_period


def grant(client, world, **changes):
    data = {
        "user": str(world.users["action_leader"].pk),
        "until": (TODAY + datetime.timedelta(days=10)).isoformat(),
        "reason": "The national figures came late",
        **changes,
    }
    return client.post(page_url(world), data)


@pytest.mark.parametrize("role", ["driver", "secretariat", "administrator"])
def test_the_driver_the_secretariat_and_the_administrator_open_the_page(world, client_for, role):
    response = client_for(world.users[role]).get(page_url(world))
    assert response.status_code == 200
    assert "form" in response.context


@pytest.mark.parametrize(
    "role", ["action_leader", "co_action_leader", "participant", "nec", "co_driver", "europol"]
)
def test_other_roles_may_not_grant_a_lock_exception(world, client_for, role):
    client = client_for(world.users[role])
    assert client.get(page_url(world)).status_code in (403, 404)
    before = LockException.objects.count()
    assert grant(client, world).status_code in (403, 404)
    assert LockException.objects.count() == before


def test_the_page_offers_only_the_people_who_write_the_actions_report(world, client_for):
    form = client_for(world.users["driver"]).get(page_url(world)).context["form"]
    offered = set(form.fields["user"].queryset)
    assert offered == {world.users["action_leader"]}
    response = grant(client_for(world.users["driver"]), world, user=str(world.outsider_nl.pk))
    assert "user" in response.context["form"].errors


def test_a_day_in_the_past_is_refused_and_the_input_is_kept(world, client_for, closed):
    response = grant(client_for(world.users["driver"]), world, until="2026-11-01")
    assert response.status_code == 200
    assert response.context["form"].errors["until"] == [
        "The exception must last until today or later."
    ]
    page = response.content.decode()
    assert "The national figures came late" in page
    assert 'value="2026-11-01"' in page
    assert not LockException.objects.filter(user=world.users["action_leader"]).exists()


def test_an_empty_reason_is_refused_and_the_input_is_kept(world, client_for, closed):
    response = grant(client_for(world.users["driver"]), world, reason="   ")
    assert response.context["form"].errors["reason"] == ["Say why the exception is granted."]
    assert 'value="2026-12-07"' in response.content.decode()
    assert not LockException.objects.filter(user=world.users["action_leader"]).exists()


def test_a_granted_exception_is_listed_with_who_granted_it_and_can_be_revoked(
    world, client_for, closed
):
    driver = client_for(world.users["driver"])
    response = grant(driver, world)
    assert response.status_code == 302
    exception = LockException.objects.get(user=world.users["action_leader"])
    assert (exception.granted_by, exception.until) == (
        world.users["driver"],
        datetime.date(2026, 12, 7),
    )
    page = driver.get(page_url(world))
    listed = [row for row, _may_delete in page.context["exceptions"]]
    assert exception in listed and world.lock_a1 in listed
    assert reverse("lock-exception-delete", args=[exception.pk]) in page.content.decode()

    revoked = driver.post(reverse("lock-exception-delete", args=[exception.pk]))
    assert revoked.status_code == 302 and revoked["Location"] == page_url(world)
    assert not LockException.objects.filter(pk=exception.pk).exists()


def test_a_leader_may_not_revoke_an_exception(world, client_for):
    response = client_for(world.users["action_leader"]).post(
        reverse("lock-exception-delete", args=[world.lock_a1.pk])
    )
    assert response.status_code == 403
    assert LockException.objects.filter(pk=world.lock_a1.pk).exists()


def test_the_leader_of_a_closed_period_is_told_to_ask_the_driver(world, client_for, closed):
    response = client_for(world.users["action_leader"]).get(
        reverse("report-edit", args=[world.r1.pk])
    )
    page = response.content.decode()
    assert "The period is closed since 31/08/2024. Ask the driver for a lock exception." in page
    assert "editor" not in response.context, "a closed report is shown, not offered for editing"
    assert page_url(world) not in page


def test_the_driver_sees_a_link_to_grant_a_lock_exception(world, client_for, closed):
    page = client_for(world.users["driver"]).get(reverse("report-edit", args=[world.r1.pk]))
    assert "Grant a lock exception" in page.content.decode()
    assert page_url(world) in page.content.decode()


def test_the_granted_person_edits_the_report_after_the_lock_date_until_its_day_and_nobody_else(
    world, client_for, closed, freeze_clock
):
    leader, colleague = world.users["action_leader"], world.colleague_be
    RoleAssignmentFactory(
        user=colleague, role=Role.CO_ACTION_LEADER, action=world.a1, starts_on=TODAY
    )
    sync_user_grants(colleague, TODAY)
    url = reverse("report-edit", args=[world.r1.pk])
    as_leader, as_colleague = client_for(leader), client_for(colleague)

    refused = as_leader.post(url, form_data(world.r1, narrative="Too late"))
    assert refused.status_code == 409
    assert fresh(world.r1).narrative != "Too late"

    assert grant(client_for(world.users["driver"]), world).status_code == 302
    saved = as_leader.post(url, form_data(world.r1, narrative="Late, with leave"))
    assert saved.status_code == 302
    assert fresh(world.r1).narrative == "Late, with leave"
    editor = as_leader.get(url)
    assert "editor" in editor.context
    assert "lets you write this report until" in editor.content.decode()

    other = as_colleague.post(url, form_data(world.r1, narrative="Not mine to write"))
    assert other.status_code == 409
    assert fresh(world.r1).narrative == "Late, with leave"

    freeze_clock(TODAY + datetime.timedelta(days=11))  # the day after the exception's last day
    ended = as_leader.post(url, form_data(world.r1, narrative="After the exception"))
    assert ended.status_code == 409
    assert fresh(world.r1).status == ProgressReport.Status.DRAFT
    assert fresh(world.r1).narrative == "Late, with leave"
