"""The reads of ``oaps.selectors.concurrency``: what somebody else changed since a user loaded a
record, against what the user entered."""

from __future__ import annotations

import pytest

from actors.models import Role
from empact.services import version_of
from oaps import selectors, services
from oaps.models import OperationalActionPlan
from tests.factories import OperationalActionPlanFactory, OrganisationFactory, UserFactory
from tests.writes import holder_of

pytestmark = pytest.mark.django_db


def _plan_changed_by_somebody_else():
    driver = holder_of(Role.DRIVER)
    plan = driver.role_assignments.get().plan
    loaded = version_of(plan)
    admin = holder_of(Role.ADMINISTRATOR)
    services.plan_update(actor=admin, plan=plan, data={"title": "Theirs"}, version=None)
    return driver, admin, OperationalActionPlan.objects.get(pk=plan.pk), loaded


def test_the_conflict_lists_the_fields_the_other_person_changed_against_the_users_values():
    driver, admin, current, loaded = _plan_changed_by_somebody_else()
    conflict = selectors.conflict_for(
        driver, current, loaded, {"title": "Mine", "first_year": current.first_year}, "Plan"
    )
    assert conflict.rows == [["title", "Theirs", "Mine"]]
    assert conflict.by == admin


def test_without_the_loaded_version_every_differing_field_is_listed():
    driver, _admin, current, _loaded = _plan_changed_by_somebody_else()
    conflict = selectors.conflict_for(driver, current, None, {"title": "Mine"}, "Plan")
    assert [row[0] for row in conflict.rows] == ["title"]


def test_an_object_the_user_may_not_see_is_shown_by_its_number():
    plan = OperationalActionPlanFactory()
    hidden = OrganisationFactory()
    nobody = UserFactory()  # holds no role: sees no organisation
    conflict = selectors.conflict_for(nobody, plan, None, {"driver": hidden}, "Plan")
    assert conflict.rows[0][2] == f"#{hidden.pk}"
