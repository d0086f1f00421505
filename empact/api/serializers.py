"""Base serializer of the API: related objects as ``{"id", "display"}``, ``?expand=``, ``?fields=``.

Every model serializer derives from :class:`ApiModelSerializer`. It registers itself as *the*
serializer of its model, so a relation to that model can be expanded (``?expand=plan``) into the
full representation, and so :func:`query_plan` can choose the ``select_related`` and
``prefetch_related`` a page needs from the fields actually returned: the number of queries of a
list does not depend on the number of rows. ``display`` strings are ``str(obj)``; each serializer
lists in ``Meta.display_related`` the relations its model's ``__str__`` reads, so they come from
the same joins.

Related objects go through the gate: one the user may not see reads ``{"id": 3, "display":
null}``, also when expanded, and an object's own ``display`` is null when it would name such an
object (one of its ``display_related``). :class:`RelatedVisibility` answers this for a whole
response at once: the objects a page refers to are gathered first, then one query per related
model whose view rule is not "everything" for the user checks their ids.

Field rights come from the access matrix (``fields`` of each type, see
``empact.access.fields``): a field it does not list is read-only for everyone; on a write, a
listed field the user may not write on this object in its state is read-only for them, and
sending it with a new value is refused with 403 naming the field.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Prefetch
from django.db.models.manager import BaseManager
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type, build_object_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers

from empact.access import type_for_model, visible_q, writable_fields
from empact.access.fields import refusal_message
from empact.access.gate import EVERYTHING

_BY_MODEL: dict[str, type[ApiModelSerializer]] = {}


def serializer_for(model: type[Model]) -> type[ApiModelSerializer] | None:
    return _BY_MODEL.get(model._meta.label_lower)


def _request_user(context: dict):
    request = context.get("request")
    return getattr(request, "user", None)


class RelatedVisibility:
    """Which of the objects a response refers to the user may see (the gate's ``view``).

    ``load`` checks many objects with one query per model (none for a model the user sees
    entirely); ``visible`` answers from what was loaded, loading a single object if needed.
    """

    def __init__(self, user) -> None:
        self.user = user
        self._checked: dict[type[Model], set] = defaultdict(set)
        self._visible: dict[type[Model], set] = defaultdict(set)

    def load(self, objects: Iterable[Model]) -> None:
        pending: dict[type[Model], set] = defaultdict(set)
        for obj in objects:
            model = type(obj)
            if obj.pk not in self._checked[model]:
                pending[model].add(obj.pk)
        for model, pks in pending.items():
            condition = visible_q(self.user, model, "view")
            if condition is EVERYTHING:
                seen = pks
            else:
                seen = set(
                    model._default_manager.filter(condition, pk__in=pks).values_list(
                        "pk", flat=True
                    )
                )
            self._checked[model] |= pks
            self._visible[model] |= seen

    def visible(self, obj: Model) -> bool:
        model = type(obj)
        if obj.pk not in self._checked[model]:
            self.load([obj])
        return obj.pk in self._visible[model]


def _visibility(context: dict) -> RelatedVisibility:
    if "related_visibility" not in context:
        context["related_visibility"] = RelatedVisibility(_request_user(context))
    return context["related_visibility"]


def _attribute(field: serializers.Field, instance: Model) -> Any:
    try:
        value = field.get_attribute(instance)
    except (AttributeError, KeyError, ObjectDoesNotExist, serializers.SkipField):
        return None
    return value.all() if isinstance(value, BaseManager) else value


def _objects_along(obj: Model, path: str) -> list[Model]:
    current = [obj]
    for name in path.split("__"):
        current = [value for item in current if (value := getattr(item, name, None)) is not None]
    return current


def _display_objects(serializer: ApiModelSerializer, obj: Model) -> list[Model]:
    """The related objects the object's own ``display`` (its ``__str__``) reads."""
    return [
        item for path in serializer.meta("display_related") for item in _objects_along(obj, path)
    ]


def referenced_objects(serializer: ApiModelSerializer, instances: list[Model]) -> list[Model]:
    """Every related object the representation of these instances shows, at any depth (from
    the joins and prefetches of :func:`query_plan`: no query)."""
    found: list[Model] = []
    fields = serializer.fields
    if "display" in fields:
        for obj in instances:
            found.extend(_display_objects(serializer, obj))
    for field in fields.values():
        if field.write_only or field.source == "*":
            continue
        if isinstance(field, serializers.ManyRelatedField | RelatedObjectField):
            for obj in instances:
                value = _attribute(field, obj)
                if isinstance(value, Model):
                    found.append(value)
                elif value is not None:
                    found.extend(value)
        elif isinstance(field, serializers.ListSerializer | ApiModelSerializer):
            nested = field.child if isinstance(field, serializers.ListSerializer) else field
            reached: list[Model] = []
            for obj in instances:
                value = _attribute(field, obj)
                if isinstance(value, Model):
                    reached.append(value)
                elif value is not None:
                    reached.extend(value)
            if getattr(nested, "_expanded_relation", False):
                found.extend(reached)
            found.extend(referenced_objects(nested, reached))
    return found


class ApiListSerializer(serializers.ListSerializer):
    """A page of objects: checks every related object of the page at once before rendering."""

    def to_representation(self, data):
        items = list(data.all() if isinstance(data, BaseManager) else data)
        if self.parent is None:
            _visibility(self.context).load(referenced_objects(self.child, items))
        return super().to_representation(items)


class RelatedObjectField(serializers.RelatedField):
    """Reads as ``{"id": 3, "display": "OAP COC 2024-2025"}``; written as the id (or that object).

    Only objects the user may see are accepted: any other id is "not found", as in the URLs.
    """

    default_error_messages = {
        "does_not_exist": _("There is no object with id {pk_value} that you may see."),
        "incorrect_type": _("Send the id (an integer), or an object with an 'id'."),
    }

    def use_pk_only_optimization(self) -> bool:
        return False

    def get_queryset(self):
        model = self.queryset.model
        return model._default_manager.visible_to(_request_user(self.context), "view")

    def to_representation(self, value):
        shown = _visibility(self.context).visible(value)
        return {"id": value.pk, "display": str(value) if shown else None}

    def run_validation(self, data=serializers.empty):
        if data == "":  # DRF would read it as null; JSON says null for "no object"
            self.fail("incorrect_type")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if isinstance(data, dict):
            data = data.get("id")
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type")
        try:
            pk = int(data)
        except ValueError:
            self.fail("incorrect_type")
        if not -(2**63) < pk < 2**63:
            self.fail("does_not_exist", pk_value=pk)
        obj = self.get_queryset().filter(pk=pk).first()
        if obj is None:
            self.fail("does_not_exist", pk_value=pk)
        return obj


class RelatedObjectFieldSchema(OpenApiSerializerFieldExtension):
    target_class = RelatedObjectField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {**build_basic_type(OpenApiTypes.INT), "description": "The id."}
        return build_object_type(
            properties={
                "id": build_basic_type(OpenApiTypes.INT),
                "display": {
                    **build_basic_type(OpenApiTypes.STR),
                    "readOnly": True,
                    "nullable": True,
                    "description": "Null for an object you may not see.",
                },
            },
            required=["id", "display"],
        )


def _csv_param(context: dict, name: str) -> list[str] | None:
    request = context.get("request")
    if request is None or not hasattr(request, "query_params"):
        return None
    if getattr(context.get("view"), "swagger_fake_view", False):
        return None
    raw = request.query_params.get(name)
    if raw is None:
        return None
    names = [part.strip() for part in raw.split(",") if part.strip()]
    return names or None  # an empty parameter asks for nothing special


class ApiModelSerializer(serializers.ModelSerializer):
    """Base of every serializer of the API (see the module docstring)."""

    serializer_related_field = RelatedObjectField
    display = serializers.SerializerMethodField(
        help_text=_(
            "A short human-readable label; null when it would name an object you may not see."
        )
    )

    class Meta:
        model: type[Model]
        fields: list[str]
        display_related: tuple[str, ...] = ()
        expandable: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        meta = getattr(cls, "Meta", None)
        model = getattr(meta, "model", None)
        if meta is not None and not hasattr(meta, "list_serializer_class"):
            meta.list_serializer_class = ApiListSerializer
        if model is not None and not getattr(meta, "abstract_registration", False):
            _BY_MODEL.setdefault(model._meta.label_lower, cls)

    def __init__(self, *args, root_options: bool = True, expanded: bool = False, **kwargs):
        self._root_options = root_options
        self._expanded_relation = expanded  # the full body of a related object (``?expand=``)
        super().__init__(*args, **kwargs)

    def to_representation(self, instance):
        visibility = _visibility(self.context)
        if self.parent is None:
            visibility.load(referenced_objects(self, [instance]))
        if self._expanded_relation and not visibility.visible(instance):
            return {"id": instance.pk, "display": None}
        return super().to_representation(instance)

    def get_display(self, obj) -> str | None:
        visibility = _visibility(self.context)
        if not all(visibility.visible(item) for item in _display_objects(self, obj)):
            return None
        return str(obj)

    # --- field selection and rights -------------------------------------------------------------

    @classmethod
    def meta(cls, name: str, default: Any = ()) -> Any:
        return getattr(cls.Meta, name, default)

    def get_validators(self):
        # Uniqueness and constraints are checked by ``full_clean()`` in the write path, once.
        return []

    def get_fields(self):
        fields = self._model_fields()
        if self._root_options:
            wanted = _csv_param(self.context, "fields")
            if wanted is not None:
                unknown = sorted(set(wanted) - set(fields))
                if unknown:
                    raise serializers.ValidationError(
                        {
                            "fields": [
                                _("Unknown fields: %(names)s.") % {"names": ", ".join(unknown)}
                            ]
                        }
                    )
                fields = {name: field for name, field in fields.items() if name in wanted}
            for name in _csv_param(self.context, "expand") or []:
                if name not in self.meta("expandable"):
                    raise serializers.ValidationError(
                        {
                            "expand": [
                                _("%(name)s cannot be expanded; choose from: %(names)s.")
                                % {"name": name, "names": ", ".join(self.meta("expandable"))}
                            ]
                        }
                    )
                if name in fields:
                    fields[name] = self._expanded(name, fields[name])
        self._apply_field_rights(fields)
        return fields

    def _model_fields(self) -> dict[str, serializers.Field]:
        """``ModelSerializer``'s fields of this class, built once (the model's introspection and
        the field arguments cost more than a small page's query) and then copied for each
        serializer, as DRF copies declared fields: a field is copied by creating it anew with
        the arguments it was created with. They depend on the class alone; the request's field
        selection and the user's field rights apply to the copies."""
        template = _MODEL_FIELDS.get(type(self))
        if template is None:
            template = _MODEL_FIELDS[type(self)] = super().get_fields()
        return copy.deepcopy(template)

    def _expanded(self, name: str, field) -> serializers.Field:
        many = isinstance(field, serializers.ManyRelatedField)
        nested = serializer_for(related_model(self.Meta.model, field.source or name))
        return nested(
            many=many,
            read_only=True,
            source=field.source if field.source != name else None,
            allow_null=getattr(field, "allow_null", False) if not many else False,
            root_options=False,
            expanded=True,
            context=self.context,
        )

    def _apply_field_rights(self, fields: dict) -> None:
        """Field rights from the access matrix: a field it does not list is read-only for
        everyone (the schema says so too); on a write, a listed field the user may not write on
        this object in its state is read-only for them, and sending it with another value than
        the stored one is refused (403) rather than silently ignored."""
        model = self.Meta.model
        listed = type_for_model(model).fields
        outputs = {"id", "display", *_STAMPS}
        for name, field in fields.items():
            if name not in listed:
                field.read_only = True
        self._guarded: set[str] = set()
        request = self.context.get("request")
        if request is None or request.method in ("GET", "HEAD", "OPTIONS"):
            return
        if getattr(self.context.get("view"), "swagger_fake_view", False):
            return  # the schema documents every listed field, whoever asks for it
        instance = self.instance if isinstance(self.instance, Model) else None
        writable = writable_fields(request.user, model, instance)
        for name, field in fields.items():
            if name in listed and name not in writable:
                field.read_only = True
        self._guarded = {
            name for name in fields if name not in writable and name not in outputs
        } & set(fields)

    def to_internal_value(self, data):
        self.fields  # noqa: B018 - builds the fields and with them the field rights
        if isinstance(data, Mapping) and getattr(self, "_guarded", None):
            refused = [
                name for name in self._guarded if name in data and self._changes(name, data[name])
            ]
            if refused:
                raise PermissionDenied(refusal_message(self.Meta.model, refused))
        not_text = self._not_text(data)
        if not not_text:
            return super().to_internal_value(data)
        try:  # the other fields are still checked, so one answer names every invalid field
            super().to_internal_value({k: v for k, v in data.items() if k not in not_text})
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, Mapping):
                raise serializers.ValidationError({**exc.detail, **not_text}) from None
        raise serializers.ValidationError(not_text)

    def _not_text(self, data: Any) -> dict[str, list[str]]:
        """Values of the wrong JSON type, which DRF would convert: a number for a text field
        (``"name": -1e7`` stored as "-10000000.0"), or a decimal written other than in plain
        digits ("1e5", " 5"; the schema's pattern). Refused, naming the field."""
        if not isinstance(data, Mapping):
            return {}
        errors: dict[str, list[str]] = {}
        for name, field in self.fields.items():
            value = data.get(name) if not field.read_only else None
            if value is None:
                continue
            if isinstance(field, serializers.CharField) and not isinstance(value, str):
                errors[name] = [str(_("Send text (a JSON string)."))]
            elif (
                isinstance(field, serializers.DecimalField)
                and isinstance(value, str)
                and not _PLAIN_DECIMAL.fullmatch(value)
            ):
                errors[name] = [str(_("Write the number in digits with a point, e.g. 12.50."))]
        return errors

    def _changes(self, name: str, sent: Any) -> bool:
        """Whether sending ``sent`` for a field the user may not write would change it (a client
        that sends back what it read is not refused)."""
        field = self.fields[name]
        if self.instance is None or not isinstance(self.instance, Model):
            model_field = _model_field(self.Meta.model, field.source or name)
            default = model_field.get_default() if model_field is not None else None
            return _plain(sent) not in (None, "", [], _plain(default))
        try:
            attribute = field.get_attribute(self.instance)
            # a nullable field holding nothing: DRF's representation would convert the None
            current = None if attribute is None else field.to_representation(attribute)
        except (AttributeError, KeyError, ObjectDoesNotExist):
            current = None
        return _plain(sent) != _plain(current)

    @classmethod
    def actions_for(cls, validated_data: dict, default: str) -> set[str]:
        """The matrix actions a write of these fields needs: ``add`` for a creation, else the
        action granting each field sent."""
        if default == "add":
            return {"add"}
        listed = type_for_model(cls.Meta.model).fields
        # nothing sent: the view already checked the user may write some field of the object
        return {listed[name] for name in validated_data if name in listed}


_MODEL_FIELDS: dict[type[ApiModelSerializer], dict[str, serializers.Field]] = {}
_STAMPS = ("created_at", "updated_at")
_PLAIN_DECIMAL = re.compile(r"-?[0-9]*(\.[0-9]*)?")


def _model_field(model: type[Model], name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _plain(value: Any) -> Any:
    """A value reduced to compare what a client sent with what it would read."""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, Mapping):
        return _plain(value.get("id"))
    if isinstance(value, list | tuple | set):
        return sorted((_plain(item) for item in value), key=repr)  # any mix of items sorts
    if value is None:
        return None
    return str(value)


@dataclass(frozen=True)
class QueryPlan:
    """The ``select_related`` paths and prefetches that serialize a serializer's fields without
    any further query. It depends only on the serializer class and on the fields asked for
    (``?fields=``, ``?expand=``): the field rights of a user make fields read-only, never drop
    them. Kept as plain data, so one plan serves every request; :meth:`apply` makes new
    ``Prefetch`` objects each time (Django writes into a prefetch's queryset as it runs)."""

    select: tuple[str, ...]
    # (path, model, nested plan): a many-valued relation shown as ``{"id", "display"}`` (its
    # model's display joins, ``nested`` None) or as nested objects (the nested serializer's plan)
    prefetch: tuple[tuple[str, type[Model], QueryPlan | None], ...]

    def prefetches(self) -> list[Prefetch]:
        found = []
        for path, model, nested in self.prefetch:
            if nested is None:
                queryset = _display_queryset(model)
            else:
                queryset = nested.apply(model._default_manager.all())
            found.append(Prefetch(path, queryset=queryset))
        return found

    def apply(self, queryset):
        return queryset.select_related(*self.select).prefetch_related(*self.prefetches())


def query_plan(serializer: serializers.Serializer, prefix: str = "") -> QueryPlan:
    """The :class:`QueryPlan` of the fields of this serializer (built here, see :func:`plan_for`
    to reuse it)."""
    select: list[str] = []
    prefetch: list[tuple[str, type[Model], QueryPlan | None]] = []
    meta = getattr(serializer, "Meta", None)
    for path in getattr(meta, "display_related", ()):
        if "display" in serializer.fields:
            select.append(prefix + path)
    for field in serializer.fields.values():
        if field.source == "*" or field.write_only:
            continue
        source = field.source.replace(".", "__")
        if isinstance(field, serializers.ManyRelatedField):
            prefetch.append((prefix + source, related_model(meta.model, field.source), None))
        elif isinstance(field, RelatedObjectField):
            model = related_model(meta.model, field.source)
            select.append(prefix + source)
            select.extend(f"{prefix}{source}__{path}" for path in _display_related(model))
        elif isinstance(field, serializers.ListSerializer):
            child = field.child
            prefetch.append((prefix + source, child.Meta.model, query_plan(child)))
        elif isinstance(field, ApiModelSerializer):
            select.append(prefix + source)
            nested = query_plan(field, f"{prefix}{source}__")
            select.extend(nested.select)
            prefetch.extend(nested.prefetch)
    return QueryPlan(tuple(select), tuple(prefetch))


_PLANS: dict[tuple, QueryPlan] = {}
_PLANS_KEPT = 512  # ``?fields=`` is the client's: a bounded number of combinations is kept


def plan_for(serializer_class: type[ApiModelSerializer], context: dict) -> QueryPlan:
    """The query plan of ``serializer_class`` for this request, built once per class and field
    selection (building a serializer's fields costs about as much as a small page's query)."""
    key = (
        serializer_class,
        tuple(_csv_param(context, "fields") or ()),
        tuple(_csv_param(context, "expand") or ()),
    )
    plan = _PLANS.get(key)
    if plan is None:
        # a field selection naming an unknown field raises here (400), so it is never kept
        plan = query_plan(serializer_class(context=context))
        if len(_PLANS) >= _PLANS_KEPT:
            _PLANS.clear()
        _PLANS[key] = plan
    return plan


def related_model(model: type[Model], source: str) -> type[Model]:
    """The model a (possibly dotted) relation ``source`` of ``model`` leads to."""
    for name in source.split("."):
        model = model._meta.get_field(name).related_model
    return model


def _display_related(model: type[Model]) -> tuple[str, ...]:
    serializer = serializer_for(model)
    return serializer.meta("display_related") if serializer else ()


def _display_queryset(model: type[Model]):
    return model._default_manager.select_related(*_display_related(model))


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Why, for the record.")
    )


class RequiredCommentSerializer(serializers.Serializer):
    comment = serializers.CharField(help_text=_("What needs to change."))
