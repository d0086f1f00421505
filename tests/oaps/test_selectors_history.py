"""The reads of ``oaps.selectors.history``: the history panels of plans and actions, from the
audit log. Each shows the events the user may read and names only the objects they may see."""

from __future__ import annotations

import pytest

from actors.models import Role
from oaps import selectors, services
from oaps.models import OperationalAction
from tests.factories import (
    OperationalActionFactory,
    OrganisationFactory,
    ReportingPeriodFactory,
    UserFactory,
)
from tests.writes import holder_of

pytestmark = pytest.mark.django_db


def test_the_action_history_shows_a_participant_the_changes_of_the_action_and_its_parts():
    participant = holder_of(Role.PARTICIPANT)
    action = participant.role_assignments.get().action
    admin = holder_of(Role.ADMINISTRATOR)
    services.action_update(actor=admin, action=action, data={"title": "Renamed"}, version=None)
    services.kpi_save(
        actor=admin, action=action, kpi=None, data={"name": "Arrests", "unit": "n", "target": 5}
    )
    entries = selectors.action_history(participant, action)
    assert [entry.event for entry in entries] == ["oaps.kpi.created", "oaps.action.changed"]
    change = entries[1].changes[0]
    assert (change.new, entries[1].user) == ("Renamed", admin)


def test_the_history_hides_the_events_of_parts_the_user_may_not_see():
    participant = holder_of(Role.PARTICIPANT)
    action = participant.role_assignments.get().action
    neighbour = OperationalActionFactory(plan=action.plan)
    admin = holder_of(Role.ADMINISTRATOR)
    services.action_update(actor=admin, action=neighbour, data={"title": "Seen"}, version=None)
    services.progress_report_save(  # a report of an action the participant is not in
        actor=admin,
        action=neighbour,
        period=ReportingPeriodFactory(plan=action.plan),
        data={"narrative": "Hidden"},
    )
    assert [e.event for e in selectors.action_history(participant, neighbour)] == [
        "oaps.action.changed"
    ]
    assert [e.event for e in selectors.action_history(admin, neighbour)] == [
        "oaps.report.drafted",
        "oaps.action.changed",
    ]


def test_the_plan_history_shows_the_plans_own_events_newest_first():
    driver = holder_of(Role.DRIVER)
    plan = driver.role_assignments.get().plan
    services.plan_update(actor=driver, plan=plan, data={"title": "First"}, version=None)
    services.plan_update(actor=driver, plan=plan, data={"title": "Second"}, version=None)
    entries = selectors.plan_history(driver, plan)
    assert [(e.event, e.changes[0].new) for e in entries] == [
        ("oaps.plan.changed", "Second"),
        ("oaps.plan.changed", "First"),
    ]


def test_related_objects_are_named_only_for_a_user_who_may_see_them():
    organisation = OrganisationFactory()
    wanted = {type(organisation): {organisation.pk}}
    labels = selectors.related_labels(holder_of(Role.SECRETARIAT), wanted)
    assert labels == {(type(organisation), organisation.pk): str(organisation)}
    nobody = UserFactory()  # holds no role: sees no organisation
    assert selectors.related_labels(nobody, wanted) == {}


def test_a_recorded_value_is_shown_by_its_label_and_an_unknown_object_by_its_number():
    model = OperationalAction
    assert selectors.display_value(model, "status", "planned", {}) == "Planned"
    assert selectors.display_value(model, "leader", 12345, {}) == "#12345"


def test_an_objects_history_is_cut_at_the_limit_keeping_the_newest():
    driver = holder_of(Role.DRIVER)
    plan = driver.role_assignments.get().plan
    for title in ("One", "Two", "Three"):
        services.plan_update(actor=driver, plan=plan, data={"title": title}, version=None)
    entries = selectors.object_history(driver, plan, limit=2)
    assert [entry.changes[0].new for entry in entries] == ["Three", "Two"]
