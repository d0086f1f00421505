"""The site menu, the plan and country lists, and setting a cycle up in the browser: each shown
only to whoever may open it, the lists with a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cycles.models import Cycle, Milestone
from tests.factories import TimetableEntryFactory, UserFactory

pytestmark = pytest.mark.django_db


def menu(client) -> list[str]:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return [label for label, _url in response.context["main_nav"]]


def test_the_menu_offers_each_role_only_the_pages_it_may_open(world, client_for):
    assert menu(client_for(world.users["secretariat"])) == [
        "My work",
        "Cycles",
        "Documents",
        "Plans",
        "Countries",
        "People",
        "API reference",
    ]
    assert menu(client_for(UserFactory())) == ["My work", "API reference"]  # no role yet


def test_the_menu_marks_the_page_being_shown(world, client_for):
    response = client_for(world.users["driver"]).get(reverse("plan-list"))

    html = response.content.decode()
    link = f'href="{reverse("plan-list")}" class="ecl-link ecl-link--standalone empact-menu__link'
    assert f'{link} empact-menu__link--current" aria-current="page">Plans</a>' in html


def test_a_visitor_not_signed_in_gets_no_menu(client):
    response = client.get(reverse("login"))

    assert b"empact-menu" not in response.content


def test_the_plan_list_shows_the_visible_plans_filtered_by_cycle_and_status(world, client_for):
    client = client_for(world.users["secretariat"])

    every = client.get(reverse("plan-list")).context["page"].object_list
    drafts = client.get(reverse("plan-list"), {"status": "draft"}).context["page"].object_list
    other_cycle = client.get(reverse("plan-list"), {"cycle": world.cycle_b.pk})

    assert {p.code for p in every} >= {world.p1.code, world.p2.code}
    assert world.p1 in drafts and world.p2 not in drafts
    assert world.p1 not in other_cycle.context["page"].object_list


def test_the_plan_list_shows_nothing_to_a_user_without_a_role(world, client_for):
    response = client_for(UserFactory()).get(reverse("plan-list"))

    assert list(response.context["page"].object_list) == []


def test_the_plan_and_country_lists_take_a_fixed_number_of_queries(world, client_for):
    client = client_for(world.users["secretariat"])
    for name in ("plan-list", "country-list"):
        client.get(reverse(name))  # sessions and roles warmed up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name))
        assert response.status_code == 200
        assert len(queries) <= 12, [q["sql"] for q in queries]


def test_the_country_list_links_each_country_to_its_page(world, client_for):
    response = client_for(world.users["nec"]).get(reverse("country-list"))

    assert reverse("country-detail", args=[world.be.pk]).encode() in response.content


def test_the_secretariat_sets_a_cycle_up_and_gets_the_milestones_of_the_timetable(
    world, client_for
):
    TimetableEntryFactory(title_pattern="Council adopts the priorities {year}-{year+3}")

    response = client_for(world.users["secretariat"]).post(
        reverse("cycle-create"), {"first_year": "2030", "name": ""}
    )

    cycle = Cycle.objects.get(first_year=2030)
    assert response.status_code == 302
    assert response["Location"] == reverse("cycle-setup", args=[cycle.pk])
    assert cycle.name == "EMPACT 2030-2033"
    titles = set(Milestone.objects.filter(cycle=cycle).values_list("title", flat=True))
    assert "Council adopts the priorities 2030-2033" in titles


@pytest.mark.parametrize("role", ["cosi_delegate", "driver", "europol"])
def test_only_the_secretariat_and_administrators_may_set_a_cycle_up(world, client_for, role):
    client = client_for(world.users[role])

    assert client.get(reverse("cycle-create")).status_code == 403
    assert client.post(reverse("cycle-create"), {"first_year": "2031"}).status_code == 403
    assert not Cycle.objects.filter(first_year=2031).exists()


def test_a_cycle_year_taken_is_refused_next_to_the_field_and_the_input_stays(world, client_for):
    response = client_for(world.users["secretariat"]).post(
        reverse("cycle-create"), {"first_year": "2026", "name": "Again"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["first_year"] == [
        "Cycle with this First year already exists."
    ]
    assert 'value="Again"' in response.content.decode()
    assert Cycle.objects.filter(first_year=2026).count() == 1
