"""Base viewset of the API: the permission gate, ETag/If-Match, workflow steps, one write path.

Reads start from ``Model.objects.visible_to(user, "view")``: an object outside it is a 404.
Writes check the matrix action on the object (403 if it is visible but not allowed) or call the
service of the app, which does; the fields a user may write come from the matrix's field rights
(``empact.access.fields``), and the serializer refuses any other field. ``PUT``/``PATCH``/
``DELETE`` need ``If-Match`` with the object's
``ETag`` (428 without it, 412 when somebody saved in between); the comparison happens on the
locked row inside the write's transaction, so no update is lost.

There is one write path: every create, change and delete calls the service of the app that owns
the model (declared per endpoint in ``services``, or ``create_object``/``update_object``/
``delete_object`` overridden to call it), the same function the pages call: it checks the rights
and the state, validates, saves and records the change's one Event. Around it, this view checks
what only the API has: the If-Match lock, and that a change does not take the object out of what
the user may change (rolled back with 403).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import filters, serializers, status, viewsets
from rest_framework.response import Response

from empact.access import can, may, type_for_model
from empact.access.fields import may_write_some_field
from empact.access.matrix import CREATE_ONLY
from empact.api.errors import PreconditionFailed, PreconditionRequired
from empact.api.filters import ApiFilterBackend, ApiSearchFilter
from empact.api.pagination import ApiPagination
from empact.api.serializers import ApiModelSerializer, plan_for
from empact.services import require, version_of

WRITE_METHODS = ("PUT", "PATCH", "DELETE")


def etag_of(obj: Model) -> str:
    """A strong ETag: the object's id and a digest of its version token."""
    digest = hashlib.sha256(f"{obj._meta.label_lower}:{version_of(obj)}".encode()).hexdigest()
    return f'"{obj.pk}-{digest[:20]}"'


def parse_if_match(header: str | None) -> list[str] | None:
    """The entity tags of an If-Match header; ``None`` when absent or ``*`` (no real version)."""
    if not header or header.strip() == "*":
        return None
    tags = []
    for part in header.split(","):
        part = part.strip()
        if part.startswith("W/"):  # proxies may weaken the tag they pass on; the value is ours
            part = part[2:]
        if part and not part.startswith('"'):
            part = f'"{part}"'
        if part:
            tags.append(part)
    return tags or None


class LoginNotRequiredMixin:
    """API views authenticate in DRF (session or token): the login middleware must let them in,
    and they answer 401 rather than redirecting to the sign-in page."""

    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))


class StableOrderingFilter(filters.OrderingFilter):
    """``?ordering=-updated_at``; the primary key breaks ties, so pages never overlap."""

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view) or list(queryset.model._meta.ordering)
        return queryset.order_by(*ordering, "pk")


class ApiViewSet(LoginNotRequiredMixin, viewsets.ModelViewSet):
    """A collection of one model. Subclasses set ``serializer_class`` (and filters, search)."""

    serializer_class: type[ApiModelSerializer]
    pagination_class = ApiPagination
    filter_backends = (ApiFilterBackend, ApiSearchFilter, StableOrderingFilter)
    ordering_fields: tuple[str, ...] = ("id", "created_at", "updated_at")
    search_fields: tuple[str, ...] = ()
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    # The app's write services by verb (create, update, delete): ``<entity>_<verb>`` functions
    # with keyword-only arguments (``actor``, ``data``, the object as ``<entity>``, ``version``).
    services: Mapping[str, Callable[..., Any]] = {}

    @property
    def model(self) -> type[Model]:
        return self.serializer_class.Meta.model

    @property
    def type_key(self) -> str:
        return type_for_model(self.model).key

    # --- reads ----------------------------------------------------------------------------------

    def visible(self, action: str = "view"):
        return self.model._default_manager.visible_to(self.request.user, action)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model._default_manager.none()
        plan = plan_for(self.serializer_class, self.get_serializer_context())
        return plan.apply(self.visible())

    def output_serializer(self, *args, **kwargs) -> ApiModelSerializer:
        return self.serializer_class(*args, context=self.get_serializer_context(), **kwargs)

    def object_response(self, instance: Model, status_code: int = status.HTTP_200_OK) -> Response:
        """The object as stored, re-read with the joins its representation needs, and its ETag."""
        fresh = self.get_queryset().filter(pk=instance.pk).first() or instance
        response = Response(self.output_serializer(fresh).data, status=status_code)
        response["ETag"] = etag_of(fresh)
        return response

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        response = Response(self.output_serializer(instance).data)
        response["ETag"] = etag_of(instance)
        return response

    # --- rights ---------------------------------------------------------------------------------

    def may(self, action: str) -> bool:
        """Whether any of the user's roles has a rule for ``action`` on this type (any object)."""
        return may(self.request.user, self.type_key, action)

    def require(self, action: str, obj: Model) -> None:
        require(self.request.user, action, obj)

    # --- concurrency ----------------------------------------------------------------------------

    def expected_etags(self) -> list[str]:
        tags = parse_if_match(self.request.headers.get("If-Match"))
        if tags is None:
            raise PreconditionRequired()
        return tags

    def lock(self, instance: Model, tags: list[str] | None) -> Model:
        """Lock the row (inside the caller's transaction) and compare it with the client's tag."""
        locked = self.visible().select_for_update(of=("self",)).get(pk=instance.pk)
        if tags is not None and etag_of(locked) not in tags:
            current = self.output_serializer(self.get_queryset().get(pk=locked.pk)).data
            raise PreconditionFailed(etag_of(locked), current)
        return locked

    # --- writes ---------------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        if not self.may("add"):
            raise PermissionDenied(_("You are not allowed to create this."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        actions = self.serializer_class.actions_for(serializer.validated_data, "add")
        with transaction.atomic():
            instance = self.create_object(dict(serializer.validated_data))
            for action in actions | {"add"}:
                self.require(action, instance)
        response = self.object_response(instance, status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"{instance.pk}/")
        return response

    def update(self, request, *args, partial: bool = False, **kwargs):
        instance = self.get_object()
        user = request.user
        if not may_write_some_field(user, instance):
            raise PermissionDenied(_("You are not allowed to change this."))
        tags = self.expected_etags()
        with transaction.atomic():
            locked = self.lock(instance, tags)
            serializer = self.get_serializer(locked, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
            actions = self.serializer_class.actions_for(data, "change")
            for action in actions:
                self.require(action, locked)
            instance = self.update_object(locked, data)
            for action in actions:
                if not can(user, action, instance):
                    raise PermissionDenied(
                        _("This change would take the object out of what you may change.")
                    )
        return self.object_response(instance)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        self.require("delete", instance)
        tags = self.expected_etags()
        with transaction.atomic():
            locked = self.lock(instance, tags)
            self.delete_object(locked)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # Every write calls the app's service: declared in ``services`` by verb, or by overriding
    # these (an endpoint whose service takes more than the object and its data).

    def service(self, verb: str) -> Callable[..., Any]:
        try:
            return self.services[verb]
        except KeyError:
            raise ImproperlyConfigured(
                f"{type(self).__name__} declares no {verb!r} service for {self.request.method}"
            ) from None

    def service_call(self, verb: str, instance: Model | None = None, **kwargs) -> Any:
        """Call ``services[verb]``; a service ``<entity>_<verb>`` takes the object as
        ``<entity>=``."""
        function = self.service(verb)
        if instance is not None:
            kwargs[function.__name__.removesuffix(f"_{verb}")] = instance
        return function(actor=self.request.user, **kwargs)

    def create_object(self, data: dict) -> Model:
        return self.service_call("create", data=data)

    def update_object(self, instance: Model, data: dict) -> Model:
        # version=None: the view compared If-Match with the row it locked for this change
        return self.service_call("update", instance, data=data, version=None)

    def delete_object(self, instance: Model) -> None:
        self.service_call("delete", instance)

    # --- workflow steps -------------------------------------------------------------------------

    def run_step(self, service: Callable[..., Model], argument: str, **kwargs) -> Response:
        """Run a service step on the object; ``If-Match`` is optional here but checked if sent."""
        instance = self.get_object()
        tags = parse_if_match(self.request.headers.get("If-Match"))
        with transaction.atomic():
            if tags is not None:
                self.lock(instance, tags)
            instance = service(actor=self.request.user, **{argument: instance}, **kwargs)
        return self.object_response(instance)

    def step_input(self, serializer_class: type[serializers.Serializer]) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class ApiAutoSchema(AutoSchema):
    """Adds what every endpoint shares to the OpenAPI schema: ``fields``/``expand``, ``If-Match``
    and ``ETag``, and the error responses in the one error format."""

    def _is_step(self) -> bool:
        action = getattr(self.view, "action", None)
        return self.method == "POST" and action not in (None, "create")

    def _settled_on_update(self, serializer, direction: str) -> frozenset[str]:
        """The fields of a ``PUT``/``PATCH`` request body that only a creation sets (``create``
        in the matrix): read-only on an update, so its body neither requires nor lists them (a
        client that sends back the stored value is not refused; another value is a 403)."""
        if direction != "request" or self.method not in ("PUT", "PATCH"):
            return frozenset()
        if not isinstance(serializer, ApiModelSerializer):
            return frozenset()
        listed = type_for_model(serializer.Meta.model).fields
        return frozenset(name for name, action in listed.items() if action == CREATE_ONLY)

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            direction == "request"
            and isinstance(field, serializers.DecimalField)
            and schema.get("type") == "string"
        ):
            return decimal_input(field, schema)
        return schema

    def get_serializer_name(self, serializer, direction):
        """A ``PUT`` body without the create-only fields is its own component (``…UpdateRequest``);
        the ``POST`` body keeps them (``PATCH`` has its own ``Patched…`` component already)."""
        name = super().get_serializer_name(serializer, direction)
        if self.method == "PUT" and self._settled_on_update(serializer, direction):
            name = name.removesuffix("Serializer") + "Update"
        return name

    def _postprocess_serializer_schema(self, schema, serializer, direction):
        schema = super()._postprocess_serializer_schema(schema, serializer, direction)
        settled = self._settled_on_update(serializer, direction)
        if settled:
            for name in settled:
                schema.get("properties", {}).pop(name, None)
            required = [name for name in schema.get("required", []) if name not in settled]
            if required:
                schema["required"] = required
            else:
                schema.pop("required", None)
        return schema

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        view = self.view
        if not isinstance(view, ApiViewSet):
            return params
        action = getattr(view, "action", None)
        if self.method == "GET" and action in ("list", "retrieve"):
            expandable = view.serializer_class.meta("expandable")
            params += [
                OpenApiParameter(
                    "fields",
                    OpenApiTypes.STR,
                    description=_(
                        "Comma-separated names of the fields to return, e.g. id,code,title."
                    ),
                ),
                OpenApiParameter(
                    "expand",
                    OpenApiTypes.STR,
                    description=_(
                        "Comma-separated relations to return in full instead of id and display."
                    )
                    + (" " + _("Possible: %s.") % ", ".join(expandable) if expandable else ""),
                ),
            ]
        if self.method in WRITE_METHODS:
            params.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    required=True,
                    description=_("The ETag of the object as last read (428 without, 412 stale)."),
                )
            )
        elif self._is_step():
            params.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description=_("Optional: the ETag as last read; 412 if it changed since."),
                )
            )
        if (self.method == "GET" and action == "retrieve") or self.method in ("PUT", "PATCH"):
            params.append(etag_header([200]))
        elif self.method == "POST":
            params.append(etag_header([200, 201]))
        return params

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        from empact.api.schema import ErrorSerializer

        codes = ["400", "401", "403", "404", "429"]
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("409")
        if self.method in WRITE_METHODS or self._is_step():
            codes.append("412")
        if self.method in WRITE_METHODS:
            codes.append("428")
        descriptions = {
            "400": _("Invalid input: 'fields' names each invalid field."),
            "401": _("Not signed in, or an invalid token."),
            "403": _("Signed in, but not allowed to do this."),
            "404": _("It does not exist or you may not see it."),
            "409": _("Not possible in the object's current state (the message says why)."),
            "412": _("The object changed since you read it; the body has the current version."),
            "428": _("The If-Match header is missing."),
            "429": _("Too many requests; wait the seconds in Retry-After."),
        }
        for code in codes:
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = str(descriptions[code])
                responses[code] = response
        return responses


_TEXT_KEYS = ("type", "format", "pattern")


def decimal_input(field: serializers.DecimalField, text: dict) -> dict:
    """What a decimal field accepts: its answers' decimal string, or a JSON number (DRF takes
    both; clients send ``"target": 5``), within the field's digits and bounds."""
    number: dict = {"type": "number"}
    whole = field.max_whole_digits
    for key, bound, sign in (("maximum", field.max_value, 1), ("minimum", field.min_value, -1)):
        if bound is not None:
            number[key] = float(bound)
        elif whole is not None:
            number[key] = sign * 10**whole
            number[f"exclusive{key.title()}"] = True
    outer = {key: value for key, value in text.items() if key not in _TEXT_KEYS}
    inner = {key: value for key, value in text.items() if key in _TEXT_KEYS}
    return {"anyOf": [inner, number], **outer}


def etag_header(codes: list[int]) -> OpenApiParameter:
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=codes,
        description=_("The version of the object, for If-Match."),
    )
