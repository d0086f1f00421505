"""COSI's assessments and their items; writes and the adoption step call their services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from assessments import services
from assessments.api import filters, serializers
from empact.api.views import ApiViewSet


class AssessmentViewSet(ApiViewSet):
    serializer_class = serializers.AssessmentSerializer
    services = {
        "create": services.assessment_create,
        "update": services.assessment_update,
        "delete": services.assessment_delete,
    }
    filterset_class = filters.AssessmentFilterSet
    search_fields = ("summary",)
    ordering_fields = ("id", "kind", "adopted_on", "updated_at")

    @extend_schema(
        request=serializers.AdoptionSerializer, responses=serializers.AssessmentSerializer
    )
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        """The COSI secretariat records COSI's adoption of the assessment."""
        data = self.step_input(serializers.AdoptionSerializer)
        return self.run_step(services.assessment_adopt, "assessment", **data)


class AssessmentItemViewSet(ApiViewSet):
    serializer_class = serializers.AssessmentItemSerializer
    services = {
        "create": services.assessment_item_create,
        "update": services.assessment_item_update,
        "delete": services.assessment_item_delete,
    }
    filterset_class = filters.AssessmentItemFilterSet
    search_fields = ("findings", "recommendations")
    ordering_fields = ("id", "rating", "updated_at")
