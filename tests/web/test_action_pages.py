"""The action page (definition, participants, KPIs, reports, results, funding, history) and the
action form (KPIs and participants inline, rows added by htmx or plainly, concurrent edits)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from empact.services import version_of
from oaps import services
from oaps.models import Kpi, OperationalAction, Participation

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def driver(world, client_for):
    return client_for(world.users["driver"])


def fresh(obj):
    """The object as stored now (the world's objects are shared by the module's tests)."""
    return type(obj).objects.get(pk=obj.pk)


def detail(client, action):
    return client.get(reverse("action-detail", args=[action.pk]))


def field_data(form) -> dict:
    """What a browser posts for a rendered form, as it shows it."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(field.field.widget, forms.CheckboxInput):
            if value:
                data[field.html_name] = "on"
            continue
        if getattr(field.field.widget, "allow_multiple_selected", False):
            data[field.html_name] = [str(v) for v in value or []]
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        else:
            data[field.html_name] = "" if value is None else str(value)
    return data


def posted(response, **changes) -> dict:
    """The whole action form of a response, as posted, with some values changed."""
    context = response.context
    data = field_data(context["form"])
    for formset in (context["kpi_formset"], context["participant_formset"]):
        data.update(field_data(formset.management_form))
        for form in formset:
            data.update(field_data(form))
    if context["remove_form"] is not None:
        data.update(field_data(context["remove_form"]))
    data.update(changes)
    return data


# --- the action page ---------------------------------------------------------------------------


def test_the_driver_sees_everything_about_an_action_of_their_plan(world, driver):
    response = detail(driver, world.a1)

    assert response.status_code == 200
    page = response.content.decode()
    assert f"{world.a1.code} a1" in page
    assert "Netherlands" in page and "Police DE (DE)" in page  # the participants
    assert "Awaiting NEC confirmation" in page
    assert "Cases" in page  # the KPI
    assert [r.pk for r in response.context["page"].reports] == [world.r1.pk]
    assert [r.pk for r in response.context["page"].results] == [world.res_a1.pk]
    assert "Travel" in page and "10,000.00" in page  # the funding request
    assert reverse("action-edit", args=[world.a1.pk]) in page
    assert reverse("action-cancel", args=[world.a1.pk]) in page


def test_reports_results_and_funding_stay_hidden_from_a_participant_of_another_action(
    world, client_for
):
    response = detail(client_for(world.users["participant"]), world.a1)

    assert response.status_code == 200
    page_data = response.context["page"]
    assert page_data.reports == []
    assert page_data.results == []
    assert page_data.parts["funding_requests"] == []
    assert [k.value for k in page_data.kpis] == [None]
    page = response.content.decode()
    assert "No progress reports that you may see." in page
    assert reverse("action-edit", args=[world.a1.pk]) not in page


def test_the_nec_sees_the_reports_of_an_action_their_country_leads(world, client_for):
    response = detail(client_for(world.users["nec"]), world.a1)

    assert [r.pk for r in response.context["page"].reports] == [world.r1.pk]
    assert response.context["page"].kpis[0].value == Decimal("3")


def test_the_history_shows_who_changed_what_with_the_event_codes(world, driver):
    driver_user = world.users["driver"]
    services.action_update(
        actor=driver_user, action=world.a1, data={"title": "Sharper title"}, version=None
    )
    services.kpi_save(
        actor=driver_user,
        action=world.a1,
        kpi=world.a1_kpi,
        data={"target": Decimal("12")},
        version=None,
    )
    services.participation_add(actor=driver_user, action=world.a1, data={"country": world.be})

    response = detail(driver, world.a1)

    history = response.context["history"]
    events = [entry.event for entry in history]
    assert events[:3] == ["oaps.participation.added", "oaps.kpi.changed", "oaps.action.changed"]
    title_change = history[2]
    assert title_change.user == driver_user
    assert [(c.label, c.old, c.new) for c in title_change.changes] == [
        ("title", "a1", "Sharper title")
    ]
    assert [(c.label, c.old, c.new) for c in history[1].changes] == [("target", "10.00", "12")]
    assert history[1].subject.startswith("KPI ")
    assert history[2].description == "An operational action changed."
    page = response.content.decode()
    assert "<del>a1</del>" in page and "<ins>Sharper title</ins>" in page
    assert "oaps.action.changed" in page and "An operational action changed." in page


def test_the_history_names_the_organisations_of_changed_co_leaders(world, driver):
    services.action_update(
        actor=world.users["driver"],
        action=world.a1,
        data={"co_leaders": [world.org_de]},
        version=None,
    )

    history = detail(driver, world.a1).context["history"]

    assert [(c.label, c.old, c.new) for c in history[0].changes] == [
        ("co-leaders", "", "Police DE (DE)")
    ]


# --- the action form ---------------------------------------------------------------------------


def test_the_driver_creates_an_action_with_a_kpi_and_a_participant(world, driver):
    url = reverse("action-create", args=[world.p1.pk])
    form_page = driver.get(url)
    assert form_page.status_code == 200

    data = posted(
        form_page,
        code="OA 9.1",
        title="New action",
        horizontal_goal=str(world.chsg_a.pk),
        leader="Police BE (BE)",
        start_date="2024-03-01",
        end_date="2024-09-30",
        status="planned",
        **{
            "kpis-TOTAL_FORMS": "1",
            "kpis-0-name": "Arrests",
            "kpis-0-unit": "number",
            "kpis-0-baseline": "0",
            "kpis-0-target": "20",
            "kpis-0-direction": "increase",
            "participants-TOTAL_FORMS": "1",
            "participants-0-country": str(world.de.pk),
            "participants-0-role": "participant",
        },
    )
    response = driver.post(url, data)

    assert response.status_code == 302
    action = OperationalAction.objects.get(plan=world.p1, code="OA 9.1")
    assert response["Location"] == reverse("action-detail", args=[action.pk])
    assert action.leader == world.org_be
    assert [(k.name, k.target) for k in action.kpis.all()] == [("Arrests", Decimal("20"))]
    assert [p.country for p in action.participations.all()] == [world.de]
    assert action.history.first().history_change_reason == "oaps.action.created"


def test_the_chsg_and_plan_goal_choices_are_those_of_the_plan(world, driver):
    form = driver.get(reverse("action-create", args=[world.p1.pk])).context["form"]

    assert list(form.fields["horizontal_goal"].queryset) == [world.chsg_a]
    assert list(form.fields["plan_goals"].queryset) == [world.p1_goal]


def test_add_a_kpi_with_htmx_returns_one_new_row_and_the_new_count(world, driver):
    response = driver.get(
        reverse("action-edit", args=[world.a1.pk]),
        {"add": "kpi", "kpis-TOTAL_FORMS": "1"},
        **HTMX,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="kpis-1-name"' in page and "autofocus" in page
    assert 'name="kpis-0-name"' not in page
    assert 'id="id_kpis-TOTAL_FORMS"' in page and 'value="2"' in page
    assert 'hx-swap-oob="true"' in page
    assert "<html" not in page


def test_add_a_participant_with_htmx(world, driver):
    response = driver.get(
        reverse("action-create", args=[world.p1.pk]),
        {"add": "participant", "participants-TOTAL_FORMS": "0"},
        **HTMX,
    )

    page = response.content.decode()
    assert 'name="participants-0-country"' in page
    assert 'list="empact-organisations"' in page


def test_add_a_kpi_without_javascript_keeps_what_was_typed(world, driver):
    url = reverse("action-edit", args=[world.a1.pk])
    data = posted(driver.get(url), title="Typed but not saved", add="kpi")

    response = driver.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Typed but not saved"' in page
    assert 'name="kpis-1-name"' in page
    assert response.context["kpi_formset"].total_form_count() == 2
    assert "There is a problem" not in page
    assert fresh(world.a1).title == "a1"


def test_validation_errors_show_next_to_the_fields_and_keep_the_input(world, driver):
    url = reverse("action-edit", args=[world.a1.pk])
    data = posted(
        driver.get(url),
        title="Still here",
        leader="No such police",
        end_date="2024-01-15",
        **{"kpis-0-target": "not a number"},
    )

    response = driver.post(url, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert "leader" in form.errors
    assert response.context["kpi_formset"].forms[0].errors["target"]
    page = response.content.decode()
    assert 'id="id_leader_error"' in page
    assert 'value="No such police"' in page and 'value="Still here"' in page
    assert 'value="not a number"' in page


def test_dates_outside_the_plan_are_refused_next_to_the_field(world, driver):
    url = reverse("action-edit", args=[world.a1.pk])
    data = posted(driver.get(url), end_date=str(datetime.date(2024, 1, 15)))

    form = driver.post(url, data).context["form"]

    assert form.errors["end_date"] == ["The end date cannot be before the start date."]


def test_a_concurrent_change_to_the_action_is_shown_and_the_users_input_kept(world, driver):
    url = reverse("action-edit", args=[world.a1.pk])
    stale = posted(driver.get(url), title="Driver's title")
    services.action_update(
        actor=world.users["administrator"],
        action=world.a1,
        data={"title": "Admin's title", "methods": "Joint patrols"},
        version=None,
    )

    response = driver.post(url, stale)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Somebody else changed this action while you were editing it." in page
    (conflict,) = response.context["conflicts"]
    assert [(c.label, c.old, c.new) for c in conflict.changes] == [
        ("title", "Admin's title", "Driver's title"),
        ("methods", "Joint patrols", ""),
    ]
    assert 'value="Driver&#x27;s title"' in page
    assert fresh(world.a1).title == "Admin's title"
    version = response.context["form"]["version"].value()
    assert version == version_of(fresh(world.a1))

    merged = {**stale, "version": version, "methods": "Joint patrols"}
    assert driver.post(url, merged).status_code == 302
    action = fresh(world.a1)
    assert (action.title, action.methods) == ("Driver's title", "Joint patrols")


def test_a_concurrent_change_to_a_kpi_saves_nothing_and_shows_the_kpi(world, driver):
    url = reverse("action-edit", args=[world.a1.pk])
    stale = posted(driver.get(url), title="Not saved", **{"kpis-0-target": "15"})
    services.kpi_save(
        actor=world.users["administrator"],
        action=world.a1,
        kpi=world.a1_kpi,
        data={"target": Decimal("11")},
        version=None,
    )

    response = driver.post(url, stale)

    assert response.status_code == 200
    (conflict,) = response.context["conflicts"]
    assert conflict.subject == "the KPI Cases"
    assert [(c.label, c.old, c.new) for c in conflict.changes] == [
        ("target", Decimal("11.00"), Decimal("15"))
    ]
    assert (fresh(world.a1).title, fresh(world.a1_kpi).target) == ("a1", Decimal("11.00"))
    kpi_form = response.context["kpi_formset"].forms[0]
    assert kpi_form["version"].value() == version_of(fresh(world.a1_kpi))
    assert kpi_form["target"].value() == "15"


def test_a_kpi_is_deleted_and_a_participant_removed(world, driver):
    url = reverse("action-edit", args=[world.a1.pk])
    data = posted(
        driver.get(url),
        **{"kpis-0-DELETE": "on", "remove-participations": [str(world.part_a1_nl.pk)]},
    )

    response = driver.post(url, data)

    assert response.status_code == 302
    assert not Kpi.objects.filter(pk=world.a1_kpi.pk).exists()
    assert list(Participation.objects.filter(action=world.a1)) == [world.part_a1_de_police]
    removed = Participation.history.filter(id=world.part_a1_nl.pk).first()
    assert removed.history_change_reason == "oaps.participation.removed"


def test_a_participant_that_already_takes_part_is_refused_with_the_input_kept(world, driver):
    url = reverse("action-edit", args=[world.a1.pk])
    data = posted(
        driver.get(url),
        title="Not saved either",
        **{
            "participants-TOTAL_FORMS": "1",
            "participants-0-country": str(world.nl.pk),
            "participants-0-role": "observer",
        },
    )

    response = driver.post(url, data)

    assert response.status_code == 200
    assert "This country already takes part in the action." in response.content.decode()
    assert fresh(world.a1).title == "a1"


def test_the_action_leader_edits_their_action_and_adds_a_co_leader(world, client_for):
    leader = client_for(world.users["action_leader"])
    url = reverse("action-edit", args=[world.a1.pk])

    response = leader.post(url, posted(leader.get(url), add_co_leader="Police NL (NL)"))

    assert response.status_code == 302
    assert list(world.a1.co_leaders.all()) == [world.org_nl]


def test_an_action_is_cancelled_and_its_history_kept(world, driver):
    response = driver.post(
        reverse("action-cancel", args=[world.a1.pk]),
        {"next": reverse("plan-edit", args=[world.p1.pk])},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("plan-edit", args=[world.p1.pk])
    assert fresh(world.a1).status == "cancelled"
    assert world.a1.history.first().history_change_reason == "oaps.action.cancelled"


def test_cancelling_does_not_follow_a_next_link_to_another_site(world, driver):
    response = driver.post(
        reverse("action-cancel", args=[world.a1.pk]), {"next": "https://evil.example.com/"}
    )

    assert response["Location"] == reverse("action-detail", args=[world.a1.pk])


def test_the_action_form_of_an_approved_plan_is_not_allowed(world, client_for):
    response = client_for(world.users["co_driver"]).get(reverse("action-edit", args=[world.a3.pk]))

    assert response.status_code == 403


def test_every_post_form_of_the_action_pages_carries_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["driver"])
    for url in (
        reverse("action-detail", args=[world.a1.pk]),
        reverse("action-edit", args=[world.a1.pk]),
    ):
        forms = re.findall(r'<form method="post".*?</form>', client.get(url).content.decode(), re.S)
        assert forms, url
        for form in forms:
            assert "csrfmiddlewaretoken" in form, url


def test_the_action_history_reads_the_audit_log_at_a_constant_query_count(world, driver):
    """One event or fifty (of the action and its KPIs): the same queries, every entry shown."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    driver_user = world.users["driver"]

    def change(n: int, start: int) -> None:
        for i in range(start, start + n):
            services.kpi_save(
                actor=driver_user,
                action=world.a1,
                kpi=world.a1_kpi,
                data={"target": Decimal(100 + i)},
                version=None,
            )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert detail(driver, world.a1).status_code == 200
        return len(queries)

    change(1, 0)
    detail(driver, world.a1)  # warm up
    one = count()
    change(49, 1)
    many = count()
    response = detail(driver, world.a1)

    assert many == one
    history = response.context["history"]
    assert len(history) == 50
    assert history[0].changes[0].new == "149"
    page = response.content.decode()
    assert all(f"<ins>{100 + i}</ins>" in page for i in range(1, 50))
