"""The country page of the NECs and COSI delegates, and the NEC's confirmation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oaps.models import Participation
from tests.factories import OperationalActionFactory, ParticipationFactory
from tests.pages import missing_from

pytestmark = pytest.mark.django_db


def _page(client, country, cycle=""):
    """The page with every cycle (``cycle=""``), one cycle (its pk) or the default (None)."""
    query = {} if cycle is None else {"cycle": cycle}
    response = client.get(reverse("country-detail", args=[country.pk]), query)
    assert response.status_code == 200
    return response


def _shown(response) -> dict:
    return {group.plan: group.actions for group in response.context["plans"]}


def test_the_nec_sees_every_action_the_country_leads_or_joins_grouped_by_plan(world, client_for):
    response = _page(client_for(world.users["nec"]), world.be)

    shown = _shown(response)
    assert shown == {world.p1: [world.a1], world.p2: [world.a3]}


def test_by_default_the_page_shows_the_cycle_running_today(world, client_for):
    response = _page(client_for(world.users["nec"]), world.be, cycle=None)

    assert response.context["cycle_form"]["cycle"].value() == str(world.cycle_b.pk)
    assert all(plan.priority.cycle == world.cycle_b for plan in _shown(response))
    assert world.p1 not in _shown(response)


def test_the_nec_chooses_another_cycle(world, client_for):
    response = _page(client_for(world.users["nec"]), world.be, cycle=world.cycle_a.pk)

    assert _shown(response) == {world.p1: [world.a1], world.p2: [world.a3]}
    assert f'<option value="{world.cycle_a.pk}" selected>' in response.content.decode()


def test_an_unknown_cycle_is_an_error_next_to_the_field(world, client_for):
    response = _page(client_for(world.users["nec"]), world.be, cycle="9999999")

    assert response.context["cycle_form"].errors["cycle"]
    assert "Select a valid choice" in response.content.decode()


def test_the_country_page_shows_the_national_contact(world, client_for):
    Participation.objects.filter(pk=world.part_a3_be.pk).update(
        contact_name="Inspector Claes", contact_email="claes@police.example.be"
    )
    html = _page(client_for(world.users["nec"]), world.be).content.decode()
    assert "Inspector Claes" in html
    assert 'href="mailto:claes@police.example.be"' in html


def test_pending_participations_have_confirm_and_decline_buttons_for_the_nec(world, client_for):
    pending = Participation.objects.create(action=world.a2, country=world.be)

    html = _page(client_for(world.users["nec"]), world.be).content.decode()

    assert reverse("participation-confirm", args=[pending.pk]) in html
    assert reverse("participation-decline", args=[pending.pk]) in html
    assert reverse("participation-confirm", args=[world.part_a3_be.pk]) not in html


def test_others_see_the_country_page_without_buttons(world, client_for):
    pending = Participation.objects.create(action=world.a2, country=world.be)
    html = _page(client_for(world.users["secretariat"]), world.be).content.decode()
    assert world.a2.title in html
    assert reverse("participation-confirm", args=[pending.pk]) not in html


def test_the_page_lists_only_actions_the_user_may_see(world, client_for):
    # NL leads a2 (cycle a) and a4 (cycle b), and takes part in a1; the driver of p1 only
    # works in cycle a.
    shown = _shown(_page(client_for(world.users["driver"]), world.nl))
    assert shown == {world.p1: [world.a1, world.a2]}
    shown = _shown(_page(client_for(world.users["secretariat"]), world.nl))
    assert set(shown) == {world.p1, world.p3}


def test_the_nec_confirms_a_participation(world, client_for):
    pending = Participation.objects.create(action=world.a2, country=world.be)

    response = client_for(world.users["nec"]).post(
        reverse("participation-confirm", args=[pending.pk])
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("country-detail", args=[world.be.pk])
    pending.refresh_from_db()
    assert pending.confirmation == "confirmed"
    assert pending.confirmed_by == world.users["nec"]


def test_the_nec_declines_a_participation_and_returns_where_they_were(world, client_for):
    pending = Participation.objects.create(action=world.a2, organisation=world.org_be)

    response = client_for(world.users["nec"]).post(
        reverse("participation-decline", args=[pending.pk]), {"next": reverse("home")}
    )

    assert response["Location"] == reverse("home")
    pending.refresh_from_db()
    assert pending.confirmation == "declined"


def test_a_nec_may_not_confirm_for_another_country(world, client_for):
    response = client_for(world.users["nec"]).post(
        reverse("participation-confirm", args=[world.part_a1_nl.pk])
    )
    assert response.status_code == 403
    world.part_a1_nl.refresh_from_db()
    assert world.part_a1_nl.confirmation == "pending"


def test_confirming_is_a_post(world, client_for):
    response = client_for(world.users["nec"]).get(
        reverse("participation-confirm", args=[world.part_a3_be.pk])
    )
    assert response.status_code == 405


def test_the_country_page_runs_a_constant_number_of_queries(world, client_for):
    client = client_for(world.users["nec"])
    client.get(reverse("country-detail", args=[world.be.pk]))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _page(client, world.be)
        return len(queries)

    few = count()
    added = []
    for plan in (world.p1, world.p2, world.p3):
        for index in range(3):
            action = OperationalActionFactory(plan=plan, code=f"OA 8.{index}")
            ParticipationFactory(action=action, country=world.be, contact_name="Contact")
            action.co_leaders.add(world.org_be)
            added.append(f"OA 8.{index} {action.title}")
    assert count() == few
    assert not missing_from(_page(client, world.be).content.decode(), added)


def test_the_country_page_shows_the_countrys_reporting_compliance(world, client_for):
    """Issue 13: the reports due so far of the actions the country leads or joins."""
    from oaps.models import ProgressReport

    ProgressReport.objects.filter(pk=world.r3.pk).update(days_late=5)
    response = _page(client_for(world.users["nec"]), world.be)
    compliance = response.context["compliance"]
    assert any(row.action == world.a3 and row.status == "late" for row in compliance.rows)
    page = response.content.decode()
    assert "Reporting compliance" in page and "Not handed in" in page
