"""``/api/v1/events/``: the audit log, read-only, filtered by the permission gate.

An event is visible when the object it is about is (``Event.objects.visible_to``, see
``empact.events.visible_q``). Filters: ``?object=action:12`` (the events of the object and of
its parts, with the access matrix's type keys), ``?plan=``, ``?code=`` (a code, or a dotted prefix
such as ``oaps.plan``) and ``?since=``. Every value comes from the event row itself or the code
registry, so a page of events costs the same queries for 1 event as for 500.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from empact import events
from empact.access import MATRIX
from empact.api.filters import ApiFilterBackend, IdFilter, UtcDateTimeFilter
from empact.api.pagination import ApiPagination
from empact.api.views import LoginNotRequiredMixin
from empact.models import Event


def type_key(content_type_id: int | None) -> str | None:
    """The access matrix's key of the model (``action``), else its label (``actors.apitoken``)."""
    if content_type_id is None:
        return None
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    label = model._meta.label_lower
    return next(
        (key for key, spec in MATRIX.types.items() if spec.model_label.lower() == label), label
    )


class ObjectField(forms.CharField):
    """``<type>:<id>`` with a type key of the access matrix, e.g. ``action:12``."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        key, _sep, pk = value.partition(":")
        if key not in MATRIX.types or not pk.isdigit() or not 0 < int(pk) < 2**63:
            raise forms.ValidationError(
                _("Give a type and an id, e.g. action:12; types: %(types)s.")
                % {"types": ", ".join(sorted(MATRIX.types))}
            )
        return MATRIX.type(key).model(pk=int(pk))


class ObjectFilter(filters.Filter):
    field_class = ObjectField

    def filter(self, qs, value):
        return qs if value is None else qs.about(value)


class CodeFilter(filters.CharFilter):
    """A whole code, or a prefix of whole dotted parts (``oaps.plan`` is not ``oaps.plan_goal``)."""

    def filter(self, qs, value):
        if not value:
            return qs
        value = value.strip().rstrip(".")
        return qs.filter(Q(code=value) | Q(code__startswith=f"{value}."))


class EventFilterSet(filters.FilterSet):
    object = ObjectFilter(
        help_text=_(
            "The events of one object and of its parts: its type key and id, e.g. action:12."
        )
    )
    plan = IdFilter(field_name="plan_id", help_text=_("The events of one plan (its id)."))
    code = CodeFilter(
        max_length=80,
        help_text=_("An event code, or the start of one, e.g. oaps.plan or oaps.plan.submitted."),
    )
    since = UtcDateTimeFilter(
        field_name="at",
        lookup_expr="gte",
        help_text=_("Only events at or after this time (ISO 8601)."),
    )

    class Meta:
        model = Event
        fields: list[str] = []

    def is_valid(self):
        valid = super().is_valid()
        for name in self.filters:
            if name in self.form.fields and self.data.get(name) == "":
                self.form.add_error(name, _("Give a value, or leave the parameter out."))
                valid = False
        return valid


class EventActorSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    display = serializers.CharField(help_text=_("The actor's name when the event was recorded."))


class EventObjectSerializer(serializers.Serializer):
    type = serializers.CharField(allow_null=True)
    id = serializers.IntegerField()
    display = serializers.CharField(allow_null=True)


class EventSerializer(serializers.ModelSerializer):
    """One event; names and labels as recorded (the log keeps what was true at the time)."""

    description = serializers.SerializerMethodField(
        help_text=_("What the event code means, in the user's language.")
    )
    actor = serializers.SerializerMethodField()
    object = serializers.SerializerMethodField()
    parent = serializers.SerializerMethodField()
    plan = serializers.IntegerField(source="plan_id", allow_null=True, read_only=True)
    cycle = serializers.IntegerField(source="cycle_id", allow_null=True, read_only=True)
    changes = serializers.SerializerMethodField(
        help_text=_("The fields changed: {field: [before, after]}.")
    )
    comment = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "at",
            "code",
            "description",
            "actor",
            "object",
            "parent",
            "plan",
            "cycle",
            "changes",
            "comment",
            "request_id",
        ]
        read_only_fields = fields

    def get_description(self, event: Event) -> str:
        try:
            return str(events.event_type(event.code).description)
        except LookupError:  # a code dropped from the registry since
            return ""

    @extend_schema_field(EventActorSerializer(allow_null=True))
    def get_actor(self, event: Event) -> dict[str, Any] | None:
        if event.actor_id is None and not event.actor_label:
            return None
        return {"id": event.actor_id, "display": event.actor_label}

    @extend_schema_field(EventObjectSerializer)
    def get_object(self, event: Event) -> dict[str, Any]:
        return {
            "type": type_key(event.content_type_id),
            "id": event.object_id,
            "display": event.object_label,
        }

    @extend_schema_field(EventObjectSerializer(allow_null=True))
    def get_parent(self, event: Event) -> dict[str, Any] | None:
        if event.parent_type_id is None:
            return None
        return {"type": type_key(event.parent_type_id), "id": event.parent_id, "display": None}

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_changes(self, event: Event) -> dict[str, list]:
        return event.changes

    def get_comment(self, event: Event) -> str:
        return event.comment


class EventViewSet(LoginNotRequiredMixin, viewsets.ReadOnlyModelViewSet):
    """The audit log: who did what to which object, when, with the values before and after."""

    serializer_class = EventSerializer
    pagination_class = ApiPagination
    filter_backends = (ApiFilterBackend,)
    filterset_class = EventFilterSet
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Event.objects.none()
        return Event.objects.visible_to(self.request.user).order_by("-at", "-id")
