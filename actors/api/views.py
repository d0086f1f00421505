"""Countries, organisations, users and role assignments; ``/me/`` for the signed-in user."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from actors import services
from actors.api import filters, serializers
from actors.models import User
from empact.api.views import ApiViewSet, LoginNotRequiredMixin


class CountryViewSet(ApiViewSet):
    serializer_class = serializers.CountrySerializer
    services = {
        "create": services.country_create,
        "update": services.country_update,
        "delete": services.country_delete,
    }
    filterset_class = filters.CountryFilterSet
    search_fields = ("name", "code")
    ordering_fields = ("id", "name", "code", "updated_at")


class OrganisationViewSet(ApiViewSet):
    serializer_class = serializers.OrganisationSerializer
    services = {
        "create": services.organisation_create,
        "update": services.organisation_update,
        "delete": services.organisation_delete,
    }
    filterset_class = filters.OrganisationFilterSet
    search_fields = ("name", "acronym")
    ordering_fields = ("id", "name", "acronym", "updated_at")


class UserViewSet(ApiViewSet):
    """People. Accounts are deactivated (``/deactivate/``), never deleted through the API."""

    serializer_class = serializers.UserSerializer
    services = {
        "update": services.user_update,
    }
    filterset_class = filters.UserFilterSet
    search_fields = ("email", "first_name", "last_name")
    ordering_fields = ("id", "email", "last_name", "first_name")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def create_object(self, data):
        return services.user_create(actor=self.request.user, **data)

    @extend_schema(request=None, responses=serializers.UserSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        """Deactivate the account: its roles end today and its sessions and tokens stop."""
        return self.run_step(services.user_deactivate, "user")


class RoleAssignmentViewSet(ApiViewSet):
    """Roles held by people. They change only through ``/end/`` and ``/handover/``."""

    serializer_class = serializers.RoleAssignmentSerializer
    filterset_class = filters.RoleAssignmentFilterSet
    ordering_fields = ("id", "starts_on", "ends_on", "role")
    http_method_names = ["get", "post", "head", "options"]

    def create_object(self, data):
        data.pop("assigned_by", None)
        return services.role_assignment_create(actor=self.request.user, **data)

    @extend_schema(
        request=serializers.RoleEndSerializer, responses=serializers.RoleAssignmentSerializer
    )
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End the role on a date (its last day)."""
        data = self.step_input(serializers.RoleEndSerializer)
        return self.run_step(services.role_assignment_end, "assignment", **data)

    @extend_schema(
        request=serializers.RoleHandoverSerializer,
        responses={201: serializers.RoleAssignmentSerializer},
    )
    @action(detail=True, methods=["post"])
    def handover(self, request, pk=None):
        """Hand the role over to a successor; answers the successor's new assignment."""
        assignment = self.get_object()
        self.require("handover", assignment)
        data = self.step_input(serializers.RoleHandoverSerializer)
        successor = get_object_or_404(
            User.objects.visible_to(request.user, "view"), pk=data.pop("successor")
        )
        new = services.role_assignment_handover(
            actor=request.user, assignment=assignment, successor=successor, **data
        )
        return self.object_response(new, status.HTTP_201_CREATED)


class MeView(LoginNotRequiredMixin, GenericAPIView):
    """The signed-in user and the roles they hold today."""

    serializer_class = serializers.MeSerializer

    def get(self, request):
        # One's own account, whatever the roles: "me" is always visible to oneself.
        user = User.objects.select_related("organisation__country", "country").get(
            pk=request.user.pk
        )
        return Response(self.get_serializer(user).data)
