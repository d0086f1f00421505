"""Field rights, generated from the access matrix: every writable API field x every role.

For each collection, each field of its serializer and each role, the test PATCHes a real new
value of that one field to an object the role may write it on (the stored value must then be
the new one) and to an object the role may see but not write it on (403, nothing changes).
Fields the matrix does not list, or lists as set on creation only, are refused for everyone.
"""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import Model

from empact.access import MATRIX, type_for_model
from empact.access.matrix import CREATE_ONLY
from empact.api.views import etag_of
from funding.models import FundingCall, FundingSource
from oaps.models import ResultType
from priorities.models import HorizontalGoal
from tests.access.oracle import allowed
from tests.access.world import TODAY
from tests.api.conftest import MATRIX_COLLECTIONS, client_for

pytestmark = pytest.mark.django_db

BY_PREFIX = {prefix: viewset for prefix, viewset, _ in MATRIX_COLLECTIONS}
PATCHABLE = sorted(p for p, v in BY_PREFIX.items() if "patch" in v.http_method_names)
OUTPUTS = {"id", "display", "created_at", "updated_at"}

# (type, state) pairs where no role can write a granted field, because of the object's state
# rather than its rights (none today: say here why if one is ever added).
IMPOSSIBLE: set[tuple[str, str]] = set()

# Granted fields for which the test world offers no valid new value, and why.
NOT_GENERATED: dict[str, set[str]] = {
    "plans": {"first_year"},  # the world's plans already start with their cycle's first year
}


def _serializer(prefix: str):
    return BY_PREFIX[prefix].serializer_class


def _model(prefix: str) -> type[Model]:
    return _serializer(prefix).Meta.model


def _model_fields(prefix: str) -> list[str]:
    """The serializer's fields that hold a model field (what a client could try to write)."""
    model = _model(prefix)
    names = []
    for name in _serializer(prefix).Meta.fields:
        if name in OUTPUTS:
            continue
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:  # a computed field: nothing to write
            if name != "kpi_values":
                continue
        names.append(name)
    return names


def _other(model: type[Model], current_pks: set, world) -> Model | None:
    return model._default_manager.exclude(pk__in=current_pks).order_by("pk").first()


# Values that keep the object valid where a generic change would break a rule of the model.
def _special(prefix: str, name: str, obj, world):
    if prefix == "plans" and name == "first_year":
        return obj.first_year, "same"  # the plan's years must stay inside its cycle
    if prefix == "plans" and name == "last_year":  # at most two years, not before the first
        return (obj.last_year - 1, None) if obj.last_year > obj.first_year else (None, "same")
    other_half = "horizontal_goal" if name == "plan" else "plan"
    if (
        prefix == "assessment-items"
        and name in ("plan", "horizontal_goal")
        and getattr(obj, f"{other_half}_id")
    ):
        return None, "same"  # an item rates one plan or one CHSG, never both
    if prefix == "recommendations" and name == "addressed_in":
        later = (
            type(obj.evaluation.cycle)
            .objects.filter(first_year__gt=obj.evaluation.cycle.first_year)
            .exclude(pk=obj.addressed_in_id)
        )
        return (later.first().pk, None) if later.exists() else (None, "same")
    if prefix == "threat-assessments" and name == "kind":  # one of each kind per cycle
        free = set(type(obj).Kind.values) - set(
            obj.cycle.threat_assessments.values_list("kind", flat=True)
        )
        return (sorted(free)[0], None) if free else (None, "same")
    if prefix == "cycles" and name == "current_step":
        return obj.current_step % 4 + 1, None
    if prefix == "actions" and name == "horizontal_goal":  # another CHSG of the same MASP
        other, _ = HorizontalGoal.objects.get_or_create(
            masp=obj.horizontal_goal.masp, number=99, defaults={"title": "Another CHSG"}
        )
        return other.pk, None
    if prefix == "funding-requests" and name == "source":  # a call belongs to its source
        other, _ = FundingSource.objects.get_or_create(name="Another source", kind="other")
        return (None, "same") if obj.call_id else (other.pk, None)
    if prefix == "funding-requests" and name == "call":
        calls = FundingCall.objects.filter(source=obj.source_id).exclude(pk=obj.call_id)
        return (calls.first().pk, None) if calls.exists() else (None, "same")
    if prefix == "results" and name == "result_type":
        other, _ = ResultType.objects.get_or_create(
            code="seizures", defaults={"name": "Seizures", "unit": "kg"}
        )
        return (other.pk, None) if other.pk != obj.result_type_id else (None, "same")
    if prefix == "organisations" and name == "kind":  # a national authority needs more fields
        kinds = [k for k, _ in type(obj).Kind.choices if k not in (obj.kind, "national_authority")]
        return (None, "same") if obj.discipline else (kinds[0], None)
    if prefix == "amendment-changes" and name == "value":  # the world's proposal of a KPI target
        return "25.00", None
    if prefix == "revisions" and name == "proposed":  # a wording other than the current one
        return {"title": f"{obj.target.title} (new wording {obj.pk})"}, None
    if prefix == "revisions" and name == "threats":  # threats of its cycle's interim report
        report = obj.cycle.threat_assessments.filter(kind="interim_report").first()
        if report is None:
            return None, "same"
        other, _ = report.threats.get_or_create(title="Another threat", defaults={"trend": "new"})
        return sorted({t.pk for t in obj.threats.all()} | {other.pk}), None
    if prefix == "actions" and name == "plan_goals":
        return [g.pk for g in obj.plan.goals.all()], None
    if prefix == "progress-reports" and name == "kpi_values":
        kpi = obj.action.kpis.order_by("pk").first()
        return [{"kpi": kpi.pk, "value": "7.00"}], None
    return None


def new_value(prefix: str, name: str, obj, world):
    """A real new value of the field (as sent in JSON), or None when none can be made."""
    special = _special(prefix, name, obj, world)
    if special is not None:
        value, note = special
        return None if note == "same" else value
    field = obj._meta.get_field(name)
    current = getattr(obj, field.attname if not field.many_to_many else name)
    if field.many_to_many:
        pks = set(current.values_list("pk", flat=True))
        other = _other(field.related_model, pks, world)
        return sorted(pks | {other.pk}) if other else sorted(pks)[1:]
    if field.is_relation:
        other = _other(field.related_model, {current} if current else set(), world)
        return other.pk if other else None
    if field.choices:
        values = [value for value, _ in field.flatchoices if value != current]
        return values[0] if values else None
    if isinstance(field, models.EmailField):
        return f"changed.{obj.pk}@example.eu"
    if isinstance(field, models.URLField):
        return "https://example.eu/changed"
    if isinstance(field, models.CharField | models.TextField) and name == "code":
        text = f"{current}9" if current[-1:].isdigit() else f"{current}X"
        return text[-field.max_length :] if field.max_length else text
    if isinstance(field, models.CharField | models.TextField):
        text = f"{current or ''}~"
        return text[-field.max_length :] if field.max_length else text
    if isinstance(field, models.BooleanField):
        return not current
    if isinstance(field, models.DecimalField):
        return str((current or Decimal(0)) + 1)
    if isinstance(field, models.IntegerField):
        return (current or 0) + 1
    if isinstance(field, models.DateField):
        base = current or TODAY
        starts = any(word in name for word in ("start", "opens", "first"))
        return (
            base - datetime.timedelta(days=1) if starts else base + datetime.timedelta(days=1)
        ).isoformat()
    return None


def stored(prefix: str, name: str, obj):
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    if name == "kpi_values":
        return [
            {"kpi": v.kpi_id, "value": f"{v.value:.2f}"} for v in fresh.kpi_values.order_by("kpi")
        ]
    field = fresh._meta.get_field(name)
    if field.many_to_many:
        return sorted(getattr(fresh, name).values_list("pk", flat=True))
    value = getattr(fresh, field.attname)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _same(prefix: str, name: str, sent, value) -> bool:
    if name == "kpi_values":
        return any(row == sent[0] for row in value)
    if isinstance(sent, list):
        return sorted(sent) == value
    if isinstance(value, str) and isinstance(sent, str) and name in ("granted", "spent"):
        return Decimal(value) == Decimal(sent)
    if isinstance(sent, str) and isinstance(value, str):
        try:
            return Decimal(value) == Decimal(sent)
        except ArithmeticError:  # not numbers: compare as text
            return value == sent
    return sent == value


def _grant(prefix: str, name: str) -> str | None:
    return type_for_model(_model(prefix)).fields.get(name)


@pytest.fixture(scope="module")
def ask(world):
    memory: dict[tuple, bool] = {}

    def oracle(user, type_key: str, action: str, obj: Model) -> bool:
        key = (user.pk, type_key, action, obj._meta.label_lower, obj.pk)
        if key not in memory:
            memory[key] = allowed(user, type_key, action, obj, TODAY)
        return memory[key]

    return oracle


def _patch_rolled_back(client, prefix: str, obj, name: str, value):
    """PATCH one field inside a savepoint; answers the response and the value stored after."""
    with transaction.atomic():
        response = client.patch(
            f"/api/v1/{prefix}/{obj.pk}/",
            {name: value},
            format="json",
            HTTP_IF_MATCH=etag_of(type(obj)._default_manager.get(pk=obj.pk)),
        )
        after = stored(prefix, name, obj)
        transaction.set_rollback(True)
    return response, after


@pytest.mark.parametrize("prefix", PATCHABLE)
def test_each_field_is_written_by_exactly_the_roles_the_matrix_grants_it_to(world, ask, prefix):
    model, type_key = _model(prefix), type_for_model(_model(prefix)).key
    objects = list(model._default_manager.order_by("pk"))
    mismatches, written = [], set()
    for name in _model_fields(prefix):
        grant = _grant(prefix, name)
        for role, user in world.users.items():
            client = client_for(user)
            visible = [o for o in objects if ask(user, type_key, "view", o)]
            may = [
                o
                for o in visible
                if grant not in (None, CREATE_ONLY) and ask(user, type_key, grant, o)
            ]
            may_not = [o for o in visible if o not in may]
            for candidates, expected in ((may, True), (may_not, False)):
                # the first object on which a real new value of the field can be made
                tried = ((o, new_value(prefix, name, o, world)) for o in candidates)
                for target, value in tried:
                    if value is None:
                        continue
                    before = stored(prefix, name, target)
                    response, after = _patch_rolled_back(client, prefix, target, name, value)
                    if expected:
                        ok = response.status_code == 200 and _same(prefix, name, value, after)
                        if ok:
                            written.add(name)
                    else:
                        ok = response.status_code == 403 and after == before
                    if not ok:
                        mismatches.append(
                            f"{role} {name}={value!r} on {target!r}: {response.status_code} "
                            f"(may write: {expected}) stored {after!r} "
                            f"{response.content[:160]!r}"
                        )
                    break
    assert not mismatches, "\n".join(mismatches)
    granted = {n for n in _model_fields(prefix) if _grant(prefix, n) not in (None, CREATE_ONLY)}
    assert granted - NOT_GENERATED.get(prefix, set()) <= written, (
        f"granted but never really written by any role: {granted - written}"
    )


# --- the matrix and the code agree -------------------------------------------------------------


def test_every_field_the_matrix_grants_exists_on_its_model():
    missing = []
    for key, object_type in MATRIX.types.items():
        model = object_type.model
        names = {f.name for f in model._meta.get_fields()} | {"kpi_values", "results"}
        missing += [f"{key}.{name}" for name in object_type.fields if name not in names]
    assert not missing


def test_every_field_an_api_serializer_offers_for_writing_is_granted_by_the_matrix():
    """A serializer field that is neither an output nor declared read-only must be in the
    matrix: a field added to a serializer without a grant fails here (it would be read-only)."""
    missing = []
    for prefix, viewset, _ in MATRIX_COLLECTIONS:
        serializer = viewset.serializer_class
        declared_read_only = set(getattr(serializer.Meta, "read_only_fields", ()))
        listed = type_for_model(serializer.Meta.model).fields
        for name in serializer.Meta.fields:
            if name in OUTPUTS or name in declared_read_only or name in listed:
                continue
            if name in ("status", "decision_comment", "confirmation", "confirmed_by"):
                continue  # workflow fields: read-only by design, changed by their steps
            field = serializer().fields[name]
            if field.read_only:
                continue
            missing.append(f"{prefix}.{name}")
    assert not missing, f"writable in the API but not granted by the matrix: {missing}"


def _model_forms():
    for module_name in ("oaps.forms", "oaps.report_forms", "actors.forms", "cycles.forms"):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.ModelForm):
                meta = getattr(value, "_meta", None)
                if meta and meta.model and meta.fields:
                    yield value


def test_every_field_of_an_html_form_is_granted_by_the_matrix():
    missing = []
    for form in _model_forms():
        listed = type_for_model(form._meta.model).fields
        missing += [f"{form.__name__}.{n}" for n in form._meta.fields if n not in listed]
    assert not missing, f"editable in a form but not granted by the matrix: {missing}"


def test_every_model_with_an_api_collection_is_in_the_matrix_with_field_rights():
    for prefix in BY_PREFIX:
        model = _model(prefix)
        assert apps.get_model(model._meta.label)
        assert type_for_model(model).fields or "post" not in BY_PREFIX[prefix].http_method_names


# --- the findings of the review, as an attacker tried them --------------------------------------


def _patch(client, url: str, data: dict):
    return client.patch(url, data, format="json", HTTP_IF_MATCH=client.get(url)["ETag"])


def test_a_nec_cannot_change_the_email_of_another_user_of_their_country(world):
    target = world.colleague_be
    response = _patch(
        client_for(world.users["nec"]), f"/api/v1/users/{target.pk}/", {"email": "x@evil.example"}
    )
    assert response.status_code == 403
    assert type(target).objects.get(pk=target.pk).email == target.email


def test_the_secretariat_cannot_change_the_administrators_email(world):
    admin = world.users["administrator"]
    response = _patch(
        client_for(world.users["secretariat"]),
        f"/api/v1/users/{admin.pk}/",
        {"email": "x@evil.example"},
    )
    assert response.status_code == 403
    assert type(admin).objects.get(pk=admin.pk).email == admin.email


def test_an_administrator_may_correct_a_users_email(world):
    target = world.colleague_be
    with transaction.atomic():
        response = _patch(
            client_for(world.users["administrator"]),
            f"/api/v1/users/{target.pk}/",
            {"email": "colleague.be@police.example.eu"},
        )
        assert response.status_code == 200, response.content
        assert type(target).objects.get(pk=target.pk).email == "colleague.be@police.example.eu"
        transaction.set_rollback(True)


def test_a_driver_cannot_move_a_plan_to_another_priority(world):
    response = _patch(
        client_for(world.users["driver"]),
        f"/api/v1/plans/{world.p1.pk}/",
        {"priority": world.priority_b.pk},
    )
    assert response.status_code == 403
    assert "priority" in response.json()["message"]
    assert type(world.p1).objects.get(pk=world.p1.pk).priority_id == world.priority_a.pk


def test_an_action_leader_cannot_cancel_an_action_by_patching_its_status(world):
    response = _patch(
        client_for(world.users["action_leader"]),
        f"/api/v1/actions/{world.a1.pk}/",
        {"status": "cancelled"},
    )
    assert response.status_code == 403
    assert "workflow steps" in response.json()["message"]
    assert type(world.a1).objects.get(pk=world.a1.pk).status == "planned"


def test_the_country_of_a_confirmed_participation_cannot_be_changed(world):
    part = world.part_a3_be
    for role in ("administrator", "driver", "action_leader", "nec"):
        response = _patch(
            client_for(world.users[role]),
            f"/api/v1/participations/{part.pk}/",
            {"country": world.de.pk},
        )
        assert response.status_code in (403, 404), (role, response.content)
    stored_part = type(part).objects.get(pk=part.pk)
    assert (stored_part.country_id, stored_part.confirmation) == (world.be.pk, "confirmed")


def test_sending_back_an_unchanged_read_only_field_is_not_refused(world):
    client = client_for(world.users["driver"])
    url = f"/api/v1/plans/{world.p1.pk}/"
    body = client.get(url).json()
    with transaction.atomic():
        response = _patch(
            client,
            url,
            {"title": "Renamed", "status": body["status"], "priority": body["priority"]},
        )
        assert response.status_code == 200, response.content
        transaction.set_rollback(True)


def test_a_field_it_may_not_write_sent_as_a_list_of_mixed_values_is_refused_not_a_crash(world):
    result = world.res_a3  # validated: its action is set when the record is created
    response = client_for(world.users["administrator"]).patch(
        f"/api/v1/results/{result.pk}/",
        {"action": [{}, [1], "x", None]},
        format="json",
        HTTP_IF_MATCH=etag_of(result),
    )
    assert response.status_code == 403, response.content
    result.refresh_from_db()
    assert result.action_id == world.a3.pk


# --- creation: a field nobody may write is refused on creation too ------------------------------


def _unlisted_value(model, name: str):
    """A value other than the default for a field the matrix lists for nobody."""
    field = model._meta.get_field(name)
    default = field.get_default()
    if field.choices:
        return next(value for value, _ in field.flatchoices if value != default)
    if field.is_relation and not field.many_to_many:
        return field.related_model._default_manager.order_by("pk").values_list("pk", flat=True)[0]
    if isinstance(field, models.BooleanField):
        return not default
    if isinstance(field, models.DecimalField):
        return "1.00"
    if isinstance(field, models.DateTimeField):
        return "2026-01-01T10:00:00+01:00"
    if isinstance(field, models.DateField):
        return "2026-01-01"
    return None


def test_a_creation_that_sets_a_field_nobody_may_write_is_refused_and_creates_nothing(world):
    from tests.api.test_matrix import CREATE, _wire

    admin = client_for(world.users["administrator"])
    tried, mismatches = 0, []
    for prefix in sorted(CREATE):
        model = _model(prefix)
        listed = type_for_model(model).fields
        for name in _model_fields(prefix):
            if name in listed or name == "kpi_values":
                continue
            value = _unlisted_value(model, name)
            if value is None:
                continue
            with transaction.atomic():
                count = model._default_manager.count()
                payload = {**_wire(CREATE[prefix](world)), name: value}
                response = admin.post(f"/api/v1/{prefix}/", payload, format="json")
                created = model._default_manager.count() - count
                transaction.set_rollback(True)
            tried += 1
            if response.status_code != 403 or created:
                mismatches.append(f"{prefix}.{name}={value!r}: {response.status_code} +{created}")
    assert tried > 10
    assert not mismatches, "\n".join(mismatches)
