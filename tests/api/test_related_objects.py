"""Related objects go through the gate: generated for every collection, role and relation.

A related object the user may see reads ``{"id", "display": "..."}`` (or its full body with
``?expand=``); one they may not see reads ``{"id", "display": null}``, expanded or not. An
object's own ``display`` is built from the related objects in ``Meta.display_related``; it is
null when the user may not see one of them.
"""

from __future__ import annotations

import pytest
from django.db.models import Model
from rest_framework import serializers

from actors.models import Role, RoleAssignment
from empact.access import type_for_model
from empact.api.serializers import RelatedObjectField, related_model, serializer_for
from oaps.models import OperationalResult, Participation, ProgressReport
from tests.access.oracle import allowed
from tests.access.world import TODAY
from tests.api.conftest import MATRIX_COLLECTIONS, client_for

pytestmark = pytest.mark.django_db

BY_PREFIX = {prefix: viewset for prefix, viewset, _ in MATRIX_COLLECTIONS}


@pytest.fixture
def links_to_hidden_objects(world):
    """References to people most roles may not see, and a role in Belgium held by a Dutchman."""
    users = world.users
    RoleAssignment.objects.filter(pk=world.ra_action_leader.pk).update(
        assigned_by=users["secretariat"]
    )
    RoleAssignment.objects.filter(pk=world.ra_participant.pk).update(assigned_by=users["driver"])
    ProgressReport.objects.filter(pk=world.r1.pk).update(submitted_by=users["co_action_leader"])
    Participation.objects.filter(pk=world.part_a3_be.pk).update(confirmed_by=users["nec"])
    OperationalResult.objects.filter(pk=world.res_a2.pk).update(reported_by=users["europol"])
    RoleAssignment.objects.create(
        user=world.outsider_nl, role=Role.COSI_DELEGATE, country=world.be, starts_on=TODAY
    )


def _relations(serializer_class) -> dict[str, tuple[str, type]]:
    """name -> ("one" | "many", model) or ("nested", serializer class) of every relation shown."""
    found = {}
    model = serializer_class.Meta.model
    for name, field in serializer_class().fields.items():
        if isinstance(field, serializers.ManyRelatedField):
            found[name] = ("many", related_model(model, field.source))
        elif isinstance(field, RelatedObjectField):
            found[name] = ("one", related_model(model, field.source))
        elif isinstance(field, serializers.ListSerializer):
            found[name] = ("nested", type(field.child))
    return found


def _objects_along(obj: Model, path: str) -> list[Model]:
    current = [obj]
    for name in path.split("__"):
        current = [getattr(item, name) for item in current if getattr(item, name) is not None]
    return current


class Checker:
    def __init__(self, user):
        self.user = user
        self.memory: dict[tuple, bool] = {}
        self.problems: list[str] = []

    def visible(self, obj: Model) -> bool:
        key = (obj._meta.label_lower, obj.pk)
        if key not in self.memory:
            type_key = type_for_model(type(obj)).key
            self.memory[key] = allowed(self.user, type_key, "view", obj, TODAY)
        return self.memory[key]

    def row(self, row: dict, serializer_class, where: str) -> None:
        model = serializer_class.Meta.model
        if "display" in row:
            obj = model._default_manager.get(pk=row["id"])
            related = [
                item
                for path in serializer_class.meta("display_related")
                for item in _objects_along(obj, path)
            ]
            should_show = all(self.visible(item) for item in related)
            if (row["display"] is not None) != should_show:
                self.problems.append(f"{where} display {row['display']!r}")
        for name, (kind, related_model_) in _relations(serializer_class).items():
            value = row.get(name)
            if value is None:
                continue
            if kind == "nested":
                for item in value:
                    self.row(item, related_model_, f"{where}.{name}")
                continue
            for item in value if kind == "many" else [value]:
                self.link(item, related_model_, f"{where}.{name}")

    def link(self, item: dict, model: type[Model], where: str) -> None:
        obj = model._default_manager.get(pk=item["id"])
        shown = item.get("display") is not None or len(item) > 2
        if shown != self.visible(obj):
            self.problems.append(f"{where} -> {obj!r}: shown={shown}, {item}")
        if len(item) > 2:
            self.row(item, serializer_for(model), f"{where}[{obj.pk}]")


@pytest.mark.parametrize("prefix", sorted(BY_PREFIX))
def test_related_objects_show_only_what_the_user_may_see(world, links_to_hidden_objects, prefix):
    serializer_class = BY_PREFIX[prefix].serializer_class
    expandable = serializer_class.meta("expandable")
    urls = [f"/api/v1/{prefix}/?page_size=500"]
    if expandable:
        urls.append(f"{urls[0]}&expand={','.join(expandable)}")
    problems = []
    for role, user in world.users.items():
        checker = Checker(user)
        client = client_for(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url, response.content)
            for row in response.json()["results"]:
                checker.row(row, serializer_class, f"{role} {url} #{row['id']}")
            first = response.json()["results"][:1]
            if first:  # the detail answers the same way
                detail = client.get(url.replace("/?", f"/{first[0]['id']}/?"))
                assert detail.json() == first[0], (role, url)
        problems += checker.problems
    assert not problems, "\n".join(problems)


def test_an_action_leader_does_not_see_who_assigned_their_role(world, links_to_hidden_objects):
    leader = world.users["action_leader"]
    response = client_for(leader).get(f"/api/v1/role-assignments/{world.ra_action_leader.pk}/")
    assert response.json()["assigned_by"] == {
        "id": world.users["secretariat"].pk,
        "display": None,
    }
    assert "Secretariat" not in response.content.decode()


def test_a_nec_does_not_see_a_foreign_user_holding_a_role_in_their_country(
    world, links_to_hidden_objects
):
    client = client_for(world.users["nec"])
    response = client.get("/api/v1/role-assignments/?page_size=500&expand=user")
    rows = [r for r in response.json()["results"] if r["user"]["id"] == world.outsider_nl.pk]
    assert rows, "the NEC sees the role in their country"
    assert rows[0]["user"] == {"id": world.outsider_nl.pk, "display": None}
    assert rows[0]["display"] is None
    assert "Outsider" not in response.content.decode()
    assert "outsider.nl@example.eu" not in response.content.decode()


def test_a_visible_related_object_is_shown_and_expanded(world):
    client = client_for(world.users["driver"])
    response = client.get(f"/api/v1/role-assignments/{world.ra_action_leader.pk}/?expand=user")
    body = response.json()
    assert body["user"]["email"] == world.users["action_leader"].email
    assert body["display"]
