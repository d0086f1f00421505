"""Revisions after the interim report; writes and COSI's decision steps call their services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from empact.api.views import ApiViewSet
from revisions import services
from revisions.api import filters, serializers


class RevisionViewSet(ApiViewSet):
    serializer_class = serializers.RevisionSerializer
    services = {
        "create": services.revision_propose,
        "update": services.revision_update,
        "delete": services.revision_delete,
    }
    filterset_class = filters.RevisionFilterSet
    search_fields = ("reason",)
    ordering_fields = ("id", "status", "decided_on", "updated_at")

    @extend_schema(request=serializers.DecisionSerializer, responses=serializers.RevisionSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        """The COSI secretariat records COSI's adoption: the priority or goal is reworded."""
        data = self.step_input(serializers.DecisionSerializer)
        return self.run_step(services.revision_adopt, "revision", **data)

    @extend_schema(request=serializers.DecisionSerializer, responses=serializers.RevisionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """The COSI secretariat records COSI's rejection, with its note."""
        data = self.step_input(serializers.DecisionSerializer)
        return self.run_step(services.revision_reject, "revision", **data)
