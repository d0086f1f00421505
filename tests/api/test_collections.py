"""What integrators pull: filters, ?fields= and ?expand=, pagination, the CSV exports, /me/."""

import csv
import io

import pytest

from oaps.models import OperationalAction, Participation

pytestmark = pytest.mark.django_db


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_related_objects_are_an_id_and_a_display_string(world, api):
    row = api("driver").get(f"/api/v1/actions/{world.a1.pk}/").json()
    assert row["plan"] == {"id": world.p1.pk, "display": "p1"}
    assert row["leader"] == {"id": world.org_be.pk, "display": "Police BE (BE)"}


def test_expand_inlines_the_chosen_relations_and_fields_limits_the_answer(world, api):
    response = api("driver").get(
        f"/api/v1/actions/?plan={world.p1.pk}&expand=plan,leader&fields=id,code,plan,leader"
    )
    rows = response.json()["results"]
    assert {tuple(sorted(row)) for row in rows} == {("code", "id", "leader", "plan")}
    assert rows[0]["plan"]["code"] == "p1" and rows[0]["plan"]["driver"]["id"] == world.org_be.pk
    assert rows[0]["leader"]["kind"] == "national_authority"


def test_all_actions_of_a_plan(world, api):
    response = api("europol").get(f"/api/v1/actions/?plan={world.p1.pk}")
    assert _ids(response) == {world.a1.pk, world.a2.pk}


def test_actions_by_country_cover_leading_co_leading_and_taking_part(world, api):
    client = api("europol")
    world.a4.co_leaders.add(world.org_de)
    # DE leads a3, co-leads a4, its police takes part in a1 and DE itself in a2
    expected = {world.a1.pk, world.a2.pk, world.a3.pk, world.a4.pk}
    assert _ids(client.get("/api/v1/actions/?country=DE")) == expected
    assert _ids(client.get(f"/api/v1/actions/?country={world.de.pk}")) == expected
    # BE leads a1 and takes part in a3
    assert _ids(client.get("/api/v1/actions/?country=be")) == {world.a1.pk, world.a3.pk}


def test_actions_by_status_leader_goal_and_change_time(world, api):
    client = api("europol")
    OperationalAction.objects.filter(pk=world.a2.pk).update(status="ongoing")
    assert _ids(client.get("/api/v1/actions/?status=ongoing")) == {world.a2.pk}
    assert _ids(client.get(f"/api/v1/actions/?leader={world.org_nl.pk}")) == {
        world.a2.pk,
        world.a4.pk,
    }
    assert _ids(client.get(f"/api/v1/actions/?horizontal_goal={world.chsg_b.pk}")) == {world.a4.pk}
    stamp = OperationalAction.objects.get(pk=world.a3.pk).updated_at.isoformat()
    changed = client.get("/api/v1/actions/", {"updated_after": stamp})
    assert world.a3.pk in _ids(changed)


def test_results_by_year_type_country_and_priority(world, api):
    client = api("europol")
    everything = {
        world.res_a1.pk,
        world.res_a2.pk,
        world.res_a3.pk,
        world.res_a4.pk,
        world.res_jad.pk,
    }
    assert _ids(client.get("/api/v1/results/?year=2024")) == everything
    assert _ids(client.get("/api/v1/results/?year=2023")) == set()
    assert _ids(client.get("/api/v1/results/?result_type=arrests")) == everything
    assert _ids(client.get(f"/api/v1/results/?priority={world.priority_b.pk}")) == {world.res_a4.pk}
    # the joint action day belongs to the priority through its action a3
    assert _ids(client.get(f"/api/v1/results/?priority={world.priority_a.pk}")) == everything - {
        world.res_a4.pk
    }
    type(world.res_a1).objects.filter(pk=world.res_a1.pk).update(country=world.be)
    assert _ids(client.get("/api/v1/results/?country=BE")) == {world.res_a1.pk}


def test_participations_by_country_include_the_countrys_organisations(world, api):
    response = api("europol").get("/api/v1/participations/?country=DE")
    assert _ids(response) == set(
        Participation.objects.filter(country=world.de).values_list("pk", flat=True)
    ) | {world.part_a1_de_police.pk}


def test_search_and_ordering(world, api):
    client = api("europol")
    assert _ids(client.get("/api/v1/plans/?search=p3")) == {world.p3.pk}
    codes = [row["code"] for row in client.get("/api/v1/plans/?ordering=-code").json()["results"]]
    assert codes == ["p3", "p2", "p1"]


def test_pages_of_at_most_500_with_count_and_links(world, api):
    client = api("administrator")
    first = client.get("/api/v1/users/?page_size=5").json()
    assert first["count"] == 13 and len(first["results"]) == 5
    assert "page=2" in first["next"] and first["previous"] is None
    assert len(client.get("/api/v1/users/?page_size=100000").json()["results"]) == 13
    assert client.get("/api/v1/users/?page=99").status_code == 404


def _csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_action_export_has_the_filters_and_the_rights_of_the_list(world, api):
    client = api("action_leader")
    listed = _ids(client.get("/api/v1/actions/?country=BE&page_size=500"))
    rows = _csv(client.get("/api/v1/actions/export.csv?country=BE"))
    assert {int(row["id"]) for row in rows} == listed
    assert {row["plan"] for row in rows} <= {"p1", "p2"}


def test_the_result_export_streams_every_visible_result_of_the_year(world, api):
    client = api("nec")
    listed = _ids(client.get("/api/v1/results/?year=2024&page_size=500"))
    rows = _csv(client.get("/api/v1/results/export.csv?year=2024"))
    assert {int(row["id"]) for row in rows} == listed
    assert rows[0].keys() >= {"result_type", "quantity", "period_start", "is_published"}


def test_me_shows_the_user_and_the_roles_held_today(world, api):
    body = api("nec").get("/api/v1/me/").json()
    assert body["email"] == "nec@example.eu" and body["roles"] == ["nec"]
