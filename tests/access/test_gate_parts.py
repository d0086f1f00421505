"""The gate builds its grant and cycle subqueries once per user object (``gate._part``): the SQL
is kept, never the rows, so a grant given or taken between two questions is seen."""

from __future__ import annotations

import pytest

from actors.grants import sync_user_grants
from actors.models import Role, RoleAssignment
from oaps.models import OperationalAction
from tests.access.world import TODAY

pytestmark = pytest.mark.django_db


def test_a_plan_given_to_a_driver_shows_in_the_next_question_on_the_same_user_object(world):
    driver = world.users["driver"]
    before = set(OperationalAction.objects.visible_to(driver, "view").values_list("pk", flat=True))
    hidden = OperationalAction.objects.exclude(pk__in=before).order_by("pk").first()
    assert hidden is not None  # an action of a plan the driver does not drive
    RoleAssignment.objects.create(
        user=driver, role=Role.DRIVER, plan=hidden.plan, starts_on=TODAY, reason="test"
    )
    sync_user_grants(driver)
    after = set(OperationalAction.objects.visible_to(driver, "view").values_list("pk", flat=True))
    assert hidden.pk in after
    RoleAssignment.objects.filter(user=driver, plan=hidden.plan).delete()
    sync_user_grants(driver)
    again = set(OperationalAction.objects.visible_to(driver, "view").values_list("pk", flat=True))
    assert again == before


def test_the_subqueries_are_built_once_for_every_model_a_request_asks_about(world):
    from empact.access import gate

    driver = world.users["driver"]
    first = gate._granted_ids(driver, Role.DRIVER, TODAY)
    assert gate._granted_ids(driver, Role.DRIVER, TODAY) is first
    gate.forget_roles(driver)
    assert gate._granted_ids(driver, Role.DRIVER, TODAY) is not first
