"""Generated from the access matrix: every editing form x every role x every object.

A form page a role may open offers, enabled, exactly the fields the matrix lets that role write
on that object in its state (by the independent oracle); every other field of the form is
disabled, so what a browser posts for it is ignored.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from empact.access import type_for_model
from empact.access.matrix import CREATE_ONLY
from tests.access.oracle import allowed
from tests.access.world import TODAY

pytestmark = pytest.mark.django_db

# (URL name, the world's objects it edits, the context name of its form)
FORM_PAGES = [
    ("plan-edit", ("p1", "p2", "p3"), "form"),
    ("action-edit", ("a1", "a2", "a3", "a4"), "form"),
    ("plan-goal-edit", ("p1_goal", "p2_goal", "p3_goal"), "form"),
    ("evaluation-edit", ("evaluation_a", "evaluation_b"), "form"),
    ("recommendation-edit", ("recommendation_a", "recommendation_b"), "form"),
]


def _expected(user, form, obj) -> set[str]:
    object_type = type_for_model(type(obj))
    expected = set()
    for name in form.fields:
        grant = object_type.fields.get(name)
        if grant is None or grant == CREATE_ONLY:
            continue
        if allowed(user, object_type.key, grant, obj, TODAY):
            expected.add(name)
    return expected


def _model_fields(form) -> set[str]:
    model_names = {f.name for f in form._meta.model._meta.get_fields()}
    return {name for name in form.fields if name in model_names}


@pytest.mark.parametrize(("url_name", "keys", "context_name"), FORM_PAGES)
def test_each_form_offers_exactly_the_fields_the_matrix_lets_the_role_write(
    world, client_for, url_name, keys, context_name
):
    mismatches, opened = [], 0
    for role, user in world.users.items():
        client = client_for(user)
        for key in keys:
            obj = world.objects[key]
            response = client.get(reverse(url_name, args=[obj.pk]))
            if response.status_code != 200:
                continue
            opened += 1
            form = response.context[context_name]
            enabled = {n for n in _model_fields(form) if not form.fields[n].disabled}
            expected = _expected(user, form, obj) & _model_fields(form)
            if enabled != expected:
                mismatches.append(f"{role} {key}: enabled {sorted(enabled)} != {sorted(expected)}")
    assert opened, "no role could open the form: the test would prove nothing"
    assert not mismatches, "\n".join(mismatches)


def test_a_new_user_form_offers_the_fields_the_matrix_grants_on_creation(world, client_for):
    response = client_for(world.users["nec"]).get(reverse("user-create"))
    assert response.status_code == 200
    form = response.context["form"]
    listed = type_for_model(form._meta.model).fields
    assert {n for n, f in form.fields.items() if not f.disabled} <= set(listed)


# --- each form's write records exactly one Event -------------------------------------------------

# The code of the one Event a save of each form page records.
FORM_CODES = {
    "plan-edit": "oaps.plan.changed",
    "action-edit": "oaps.action.changed",
    "plan-goal-edit": "oaps.plan_goal.changed",
    "evaluation-edit": "cycles.evaluation.changed",
    "recommendation-edit": "cycles.recommendation.changed",
}


def _posted(context) -> dict:
    """What a browser posts for the page's form and formsets, as it shows them (unchanged)."""
    from django.forms import BaseFormSet

    from tests.web.test_action_pages import field_data

    data = field_data(context["form"])
    formsets = {}
    for layer in context:  # a ContextList: one context per template rendered
        for item in layer.dicts if hasattr(layer, "dicts") else [layer]:
            formsets.update({k: v for k, v in item.items() if isinstance(v, BaseFormSet)})
    for formset in formsets.values():
        data.update(field_data(formset.management_form))
        for form in formset.forms:
            data.update(field_data(form))
    return data


@pytest.mark.parametrize(("url_name", "keys", "context_name"), FORM_PAGES)
def test_each_form_save_records_exactly_one_event_and_a_refused_one_none(
    world, client_for, url_name, keys, context_name
):
    from django.db import transaction

    from empact.models import Event

    mismatches, saved = [], 0
    for role, user in world.users.items():
        client = client_for(user)
        for key in keys:
            obj = world.objects[key]
            url = reverse(url_name, args=[obj.pk])
            page = client.get(url)
            data = _posted(page.context) if page.status_code == 200 else {"title": "Overwritten"}
            with transaction.atomic():
                last = Event.objects.order_by("-id").values_list("id", flat=True).first() or 0
                response = client.post(url, data)
                recorded = [e.code for e in Event.objects.filter(id__gt=last)]
                transaction.set_rollback(True)
            if page.status_code != 200 or response.status_code >= 400:
                if recorded:
                    mismatches.append(f"{role} {key}: refused, yet recorded {recorded}")
            elif response.status_code == 302:
                saved += 1
                if recorded != [FORM_CODES[url_name]]:
                    mismatches.append(f"{role} {key}: recorded {recorded}")
    assert saved, "no role could save the form: the test would prove nothing"
    assert not mismatches, "\n".join(mismatches)
