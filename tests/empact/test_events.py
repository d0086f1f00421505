"""The audit log's rules: only declared codes, each for its own model; rows never change; the
generated docs/events.md lists the registry as it is; the admin only reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from empact import events
from empact.event_doc import render_markdown
from empact.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return factories.OperationalActionPlanFactory()


def test_record_refuses_a_code_nobody_declared(plan):
    with pytest.raises(LookupError, match="declare it"):
        events.record(actor=None, code="oaps.plan.vanished", obj=plan)
    assert not Event.objects.exists()


def test_record_refuses_a_code_declared_for_another_model(plan):
    with pytest.raises(ValueError, match=r"oaps\.kpi"):
        events.record(actor=None, code="oaps.kpi.changed", obj=plan)
    assert not Event.objects.exists()


def test_an_event_records_its_plan_cycle_actor_and_changes(plan):
    actor = factories.UserFactory()
    event = events.record(
        actor=actor, code="oaps.plan.changed", obj=plan, changes={"title": ["a", "b"]}
    )
    assert (event.plan_id, event.cycle_id) == (plan.pk, plan.priority.cycle_id)
    assert (event.actor, event.actor_label) == (actor, str(actor))
    assert event.changes == {"title": ["a", "b"]}


def test_an_event_cannot_be_changed_or_deleted_through_the_model(plan):
    event = events.record(actor=None, code="oaps.plan.changed", obj=plan)
    event.code = "oaps.plan.approved"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        Event.objects.filter(pk=event.pk).update(code="oaps.plan.approved")
    with pytest.raises(TypeError):
        Event.objects.filter(pk=event.pk).delete()


def test_the_database_refuses_to_change_or_delete_an_event(plan):
    event = events.record(actor=None, code="oaps.plan.changed", obj=plan)
    assert Event._meta.db_table == "empact_event"
    for statement in (
        "UPDATE empact_event SET code = 'oaps.plan.approved' WHERE id = %s",
        "DELETE FROM empact_event WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    assert Event.objects.get(pk=event.pk).code == "oaps.plan.changed"


def test_docs_events_md_is_generated_from_the_current_registry():
    written = (Path(settings.BASE_DIR) / "docs" / "events.md").read_text()
    assert written == render_markdown(), "run `python manage.py events_doc`"
    for kind in events.event_types():
        assert f"`{kind.code}`" in written


def test_every_code_is_declared_for_a_model_that_exists():
    from django.apps import apps

    for kind in events.event_types():
        assert apps.get_model(kind.model) is not None, kind.code


def test_the_admin_lists_events_newest_first_and_offers_no_add_change_or_delete(client, plan):
    administrator = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(administrator)
    older = events.record(actor=None, code="oaps.plan.changed", obj=plan)
    newer = events.record(actor=administrator, code="oaps.plan.submitted", obj=plan)

    page = client.get(reverse("admin:empact_event_changelist"))
    assert page.status_code == 200
    shown = list(page.context["cl"].result_list)
    assert shown.index(newer) < shown.index(older)
    assert client.get(reverse("admin:empact_event_add")).status_code == 403
    detail = client.get(reverse("admin:empact_event_change", args=[older.pk]))
    assert detail.status_code == 200 and b'name="_save"' not in detail.content
    assert client.post(reverse("admin:empact_event_delete", args=[older.pk])).status_code == 403
    filtered = client.get(reverse("admin:empact_event_changelist") + "?code=oaps.plan.submitted")
    assert list(filtered.context["cl"].result_list) == [newer]
    searched = client.get(reverse("admin:empact_event_changelist") + f"?q={plan.code}")
    assert set(searched.context["cl"].result_list) == {older, newer}


def test_an_admin_creation_and_deletion_each_record_one_event_by_the_administrator(client):
    from actors.models import Country

    administrator = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(administrator)

    response = client.post(
        reverse("admin:actors_country_add"),
        {"code": "FR", "name": "France", "kind": "eu_member_state"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    country = Country.objects.get(code="FR")
    created = Event.objects.get()
    assert (created.code, created.actor, created.object_id) == (
        "actors.country.created",
        administrator,
        country.pk,
    )
    assert created.changes["name"] == [None, "France"]

    client.post(reverse("admin:actors_country_delete", args=[country.pk]), {"post": "yes"})
    assert not Country.objects.filter(pk=country.pk).exists()
    deleted = Event.objects.exclude(pk=created.pk).get()
    assert (deleted.code, deleted.actor) == ("actors.country.deleted", administrator)
