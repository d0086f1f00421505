"""``/api/v1/events/``: the audit log, read-only, each event visible with the object it is about.

The world's fixture records one event about each of its objects; the matrix (through the same
oracle as the other generated tests) says which objects each role may see, so which events.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from empact import events
from empact.access import MATRIX
from empact.models import Event
from empact.services import delete_change, save_change
from oaps.models import OperationalActionPlan
from tests.access.oracle import allowed
from tests.access.world import TODAY
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


KEYS = {spec.model_label.lower(): key for key, spec in MATRIX.types.items()}


def _listed(user, query: str = "") -> list[dict]:
    response = client_for(user).get(f"/api/v1/events/?page_size=500{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _object_of(event: Event):
    return ContentType.objects.get_for_id(event.content_type_id).get_object_for_this_type(
        pk=event.object_id
    )


def test_each_role_reads_exactly_the_events_of_the_objects_the_matrix_lets_it_see(world):
    stored = list(Event.objects.all())
    assert len(stored) > 50
    mismatches = []
    for role, user in world.users.items():
        listed = {row["id"] for row in _listed(user)}
        expected = set()
        for event in stored:
            obj = _object_of(event)
            key = KEYS.get(obj._meta.label_lower)
            if key is None:  # outside the matrix (API tokens): read in the admin only
                continue
            if allowed(user, key, "view", obj, TODAY):
                expected.add(event.pk)
        if listed != expected:
            mismatches.append(f"{role}: {len(listed ^ expected)} events differ")
    assert not mismatches, "\n".join(mismatches)


def test_an_event_outside_what_the_user_may_see_is_not_found(world):
    request = world.objects["request_a1"]
    event = Event.objects.about(request).first()
    outsider = world.users["participant"]  # takes part in another action
    assert not allowed(outsider, "funding_request", "view", request, TODAY)

    assert client_for(outsider).get(f"/api/v1/events/{event.pk}/").status_code == 404
    response = client_for(world.users["administrator"]).get(f"/api/v1/events/{event.pk}/")
    assert response.status_code == 200
    assert response.json()["object"] == {
        "type": "funding_request",
        "id": request.pk,
        "display": str(request),
    }


def test_an_event_reads_with_its_description_actor_object_plan_and_changes(world):
    administrator = world.users["administrator"]
    plan = OperationalActionPlan.objects.get(pk=world.objects["p1"].pk)
    plan.title = "A sharper title"
    save_change(plan, actor=administrator, code="oaps.plan.changed", fields=["title"])

    rows = _listed(administrator, f"&object=plan:{plan.pk}")
    row = next(row for row in rows if row["actor"])

    assert row["code"] == "oaps.plan.changed"
    assert row["description"] == "A plan's definition changed."
    assert row["actor"] == {"id": administrator.pk, "display": str(administrator)}
    assert row["object"] == {"type": "plan", "id": plan.pk, "display": str(plan)}
    assert row["parent"] is None
    assert (row["plan"], row["cycle"]) == (plan.pk, plan.priority.cycle_id)
    assert row["changes"] == {"title": ["p1", "A sharper title"]}
    assert set(row) == {
        "id",
        "at",
        "code",
        "description",
        "actor",
        "object",
        "parent",
        "plan",
        "cycle",
        "changes",
        "comment",
        "request_id",
    }


def test_the_object_filter_returns_the_events_of_the_object_and_of_its_parts(world):
    action = world.objects["a2"]
    rows = _listed(world.users["administrator"], f"&object=action:{action.pk}")

    assert rows
    for row in rows:
        about_action = row["object"] == {"type": "action", "id": action.pk, "display": str(action)}
        part_of_action = row["parent"] == {"type": "action", "id": action.pk, "display": None}
        assert about_action or part_of_action, row
    assert {row["object"]["type"] for row in rows} >= {"action", "kpi", "participation"}


def test_the_plan_code_and_since_filters_narrow_the_list(world, freeze_clock):
    administrator = world.users["administrator"]
    plan = world.objects["p1"]

    assert {row["plan"] for row in _listed(administrator, f"&plan={plan.pk}")} == {plan.pk}
    codes = {row["code"] for row in _listed(administrator, "&code=oaps.plan")}
    assert codes == {"oaps.plan.changed"}  # not oaps.plan_goal.changed: whole dotted parts
    assert {row["code"] for row in _listed(administrator, "&code=oaps")} >= {
        "oaps.plan.changed",
        "oaps.kpi.changed",
    }
    later = datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC)
    freeze_clock(later)
    events.record(actor=administrator, code="oaps.plan.changed", obj=plan)
    since = _listed(administrator, "&since=2030-01-01T00:00:00Z")
    assert [row["object"]["id"] for row in since] == [plan.pk]


@pytest.mark.parametrize(
    "query",
    ["object=action", "object=spaceship:1", "object=action:x", "since=yesterday", "plan=0"],
)
def test_a_malformed_filter_is_a_400_naming_it(world, query):
    response = client_for(world.users["administrator"]).get(f"/api/v1/events/?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["fields"]


def test_the_log_cannot_be_written_through_the_api(world):
    event = Event.objects.first()
    client = client_for(world.users["administrator"])

    assert client.post("/api/v1/events/", {}, format="json").status_code == 405
    assert client.patch(f"/api/v1/events/{event.pk}/", {}, format="json").status_code == 405
    assert client.delete(f"/api/v1/events/{event.pk}/").status_code == 405


def test_an_anonymous_visitor_gets_a_401(client):
    assert client.get("/api/v1/events/").status_code == 401


def test_the_events_of_a_deleted_object_stay_with_who_saw_the_type_by_cycle(world):
    """A KPI is visible to everyone in its cycle: its events outlive it for them. A funding
    request only to those of its action: once deleted, the gate cannot say who they were, so
    only those who see every request read its events."""
    administrator, participant = world.users["administrator"], world.users["participant"]
    kpi, request = world.objects["a2_kpi"], world.objects["request_a2"]
    kpi_pk, request_pk = kpi.pk, request.pk
    participant_saw_request = allowed(participant, "funding_request", "view", request, TODAY)
    participant_saw_kpi = allowed(participant, "kpi", "view", kpi, TODAY)
    assert participant_saw_request and participant_saw_kpi  # the world's participant is in a2

    delete_change(kpi, actor=administrator, code="oaps.kpi.deleted")
    delete_change(request, actor=administrator, code="funding.request.deleted")

    def seen(user) -> set[tuple[str, int]]:
        return {(row["object"]["type"], row["object"]["id"]) for row in _listed(user)}

    assert {("kpi", kpi_pk), ("funding_request", request_pk)} <= seen(administrator)
    assert ("kpi", kpi_pk) in seen(participant)
    assert ("funding_request", request_pk) not in seen(participant)
    codes = {
        row["code"] for row in _listed(administrator, f"&object=action:{world.objects['a2'].pk}")
    }
    assert {"oaps.kpi.deleted", "funding.request.deleted"} <= codes
