"""The next cycle's page: for the secretariat, with the CHSGs to carry over ticked, the open
recommendations listed, refused when the next cycle exists; and a new plan from an earlier one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actors.grants import sync_user_grants
from actors.models import Role
from cycles.models import Cycle
from oaps.models import OperationalActionPlan
from tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db


def drives_in_cycle_b(user, plan) -> None:
    """The user also drives a plan of cycle B, so that they see its priorities."""
    RoleAssignmentFactory(user=user, role=Role.DRIVER, plan=plan)
    sync_user_grants(user)


def test_the_secretariat_sees_the_step_on_the_cycle_page(world, client_for):
    response = client_for(world.users["secretariat"]).get(
        reverse("cycle-detail", args=[world.cycle_b.pk])
    )

    assert reverse("cycle-next", args=[world.cycle_b.pk]) in response.content.decode()


def test_the_next_cycle_page_ticks_every_chsg_and_lists_the_open_recommendations(world, client_for):
    response = client_for(world.users["secretariat"]).get(
        reverse("cycle-next", args=[world.cycle_b.pk])
    )

    assert response.status_code == 200
    assert list(response.context["form"].fields["goals"].initial) == [world.chsg_b]
    assert "2030 to 2033" in response.content.decode()
    assert list(response.context["open_recommendations"]) == [world.recommendation_b]


def test_starting_the_next_cycle_leads_to_its_page(world, client_for):
    response = client_for(world.users["secretariat"]).post(
        reverse("cycle-next", args=[world.cycle_b.pk]), {"goals": [world.chsg_b.pk]}
    )

    new = Cycle.objects.get(first_year=2030)
    assert response.status_code == 302
    assert response["Location"] == reverse("cycle-detail", args=[new.pk])
    assert new.masp.horizontal_goals.count() == 1


def test_the_page_says_when_the_next_cycle_exists_already(world, client_for):
    response = client_for(world.users["secretariat"]).get(
        reverse("cycle-next", args=[world.cycle_a.pk])
    )

    assert "The next cycle exists already" in response.content.decode()


@pytest.mark.parametrize("role", ["commission", "cosi_delegate", "driver"])
def test_other_roles_cannot_start_the_next_cycle(world, client_for, role):
    response = client_for(world.users[role]).get(reverse("cycle-next", args=[world.cycle_b.pk]))

    assert response.status_code in (403, 404)  # 404: a cycle the driver does not work in


def test_a_driver_starts_a_new_plan_from_their_plan(world, client_for):
    drives_in_cycle_b(world.users["driver"], world.p3)
    # priority B as the same priority as A in the later cycle: the line of the driver's plan
    type(world.priority_b).objects.filter(pk=world.priority_b.pk).update(code=world.priority_a.code)
    client = client_for(world.users["driver"])
    plan_page = client.get(reverse("plan-detail", args=[world.p1.pk])).content.decode()
    assert reverse("plan-copy-from", args=[world.p1.pk]) in plan_page

    response = client.post(
        reverse("plan-copy-from", args=[world.p1.pk]), {"priority": world.priority_b.pk}
    )

    new = OperationalActionPlan.objects.get(priority=world.priority_b, title=world.p1.title)
    assert response.status_code == 302
    assert new.status == "draft" and new.goals.count() == 1


def test_the_driver_of_another_plan_cannot_copy_this_one(world, client_for):
    response = client_for(world.users["driver"]).get(reverse("plan-copy-from", args=[world.p2.pk]))

    assert response.status_code == 403
