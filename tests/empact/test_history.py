"""Every business model keeps its history, with who changed what."""

from __future__ import annotations

import inspect

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path
from factory.django import DjangoModelFactory
from guardian.models import BaseObjectPermission
from simple_history.manager import HistoryManager
from simple_history.middleware import HistoryRequestMiddleware

from cycles.models import Cycle
from oaps.models import OperationalActionPlan
from tests import factories
from tests.domain_apps import BUSINESS_APPS
from tests.factories import CycleFactory, OperationalActionPlanFactory, UserFactory


def _business_models() -> list[type[models.Model]]:
    """The models of the five apps, without the ones derived from others.

    Left out: the historical models simple_history adds, and guardian's object permission rows,
    which services derive from role assignments (whose history is kept).
    """
    return [
        model
        for label in BUSINESS_APPS
        for model in apps.get_app_config(label).get_models()
        if not hasattr(model, "instance_type") and not issubclass(model, BaseObjectPermission)
    ]


def _factories_by_model() -> dict[type[models.Model], type[DjangoModelFactory]]:
    return {
        factory._meta.model: factory
        for _, factory in inspect.getmembers(factories, inspect.isclass)
        if issubclass(factory, DjangoModelFactory) and factory._meta.model is not None
    }


BUSINESS_MODELS = _business_models()


def _name(model: type[models.Model]) -> str:
    return model._meta.label


def change_cycle_step(request: HttpRequest, pk: int) -> HttpResponse:
    """A stand-in for any view that changes a business object."""
    cycle = Cycle.objects.get(pk=pk)
    cycle.current_step = Cycle.Step.EVALUATION
    cycle.save()
    return HttpResponse(status=204)


urlpatterns = [path("cycles/<int:pk>/step/", change_cycle_step)]


def test_the_five_apps_have_business_models():
    assert len(BUSINESS_MODELS) >= 31


@pytest.mark.parametrize("model", BUSINESS_MODELS, ids=_name)
def test_every_business_model_has_a_history_manager(model):
    assert isinstance(model.history, HistoryManager)
    assert model.history.model.instance_type is model


@pytest.mark.parametrize("model", BUSINESS_MODELS, ids=_name)
@pytest.mark.django_db
def test_every_business_model_has_a_factory_whose_object_records_its_creation(model):
    factory = _factories_by_model().get(model)
    assert factory is not None, f"tests/factories.py has no factory for {_name(model)}"
    obj = factory()
    record = obj.history.get()
    assert (record.history_type, record.instance.pk) == ("+", obj.pk)


@pytest.mark.django_db
def test_a_change_saved_with_an_acting_user_records_that_user_and_the_new_values():
    coordinator = UserFactory()
    plan = OperationalActionPlanFactory(title="OAP Cocaine 2024-2025")

    plan.title = "OAP Cocaine and crack 2024-2025"
    plan.status = OperationalActionPlan.Status.SUBMITTED
    plan._history_user = coordinator
    plan.save()

    created, changed = plan.history.order_by("history_date")
    assert changed.history_type == "~"
    assert changed.history_user == coordinator
    assert (changed.title, changed.status) == ("OAP Cocaine and crack 2024-2025", "submitted")
    assert created.title == "OAP Cocaine 2024-2025"
    delta = changed.diff_against(created)
    assert {"title", "status"} <= set(delta.changed_fields)
    title_change = next(change for change in delta.changes if change.field == "title")
    assert (title_change.old, title_change.new) == (
        "OAP Cocaine 2024-2025",
        "OAP Cocaine and crack 2024-2025",
    )


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_change_made_through_a_request_records_the_logged_in_user():
    secretariat = UserFactory()
    cycle = CycleFactory(current_step=Cycle.Step.IMPLEMENTATION)
    client = Client()
    client.force_login(secretariat)

    response = client.post(f"/cycles/{cycle.pk}/step/")

    assert response.status_code == 204
    changed, created = cycle.history.order_by("-history_date")[:2]
    assert changed.history_user == secretariat
    assert changed.current_step == Cycle.Step.EVALUATION
    delta = changed.diff_against(created)
    assert "current_step" in delta.changed_fields
    assert [(c.old, c.new) for c in delta.changes if c.field == "current_step"] == [(3, 4)]


@pytest.mark.django_db
def test_the_history_middleware_records_no_user_for_an_anonymous_request():
    cycle = CycleFactory()
    request = RequestFactory().post(f"/cycles/{cycle.pk}/step/")
    request.user = AnonymousUser()

    HistoryRequestMiddleware(lambda request: change_cycle_step(request, pk=cycle.pk))(request)

    changed = cycle.history.latest("history_date")
    assert (changed.history_type, changed.history_user) == ("~", None)


@pytest.mark.django_db
def test_the_history_middleware_forgets_the_request_once_answered():
    secretariat = UserFactory()
    cycle = CycleFactory()
    request = RequestFactory().post(f"/cycles/{cycle.pk}/step/")
    request.user = secretariat
    HistoryRequestMiddleware(lambda request: change_cycle_step(request, pk=cycle.pk))(request)

    cycle.current_step = Cycle.Step.POLICY_DEVELOPMENT
    cycle.save()

    after_request, during_request = cycle.history.order_by("-history_date")[:2]
    assert during_request.history_user == secretariat
    assert after_request.history_user is None
