"""Cycles and what belongs to them: milestones, documents, threat assessments, evaluations."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action

from cycles import services
from cycles.api import filters, serializers
from cycles.downloads import download_response
from cycles.uploads import ACCEPTED
from empact.api.views import ApiViewSet


class CycleViewSet(ApiViewSet):
    serializer_class = serializers.CycleSerializer
    services = {
        "create": services.cycle_create,
        "update": services.cycle_update,
        "delete": services.cycle_delete,
    }
    filterset_class = filters.CycleFilterSet
    search_fields = ("name",)
    ordering_fields = ("id", "first_year", "updated_at")


class MilestoneViewSet(ApiViewSet):
    serializer_class = serializers.MilestoneSerializer
    services = {
        "create": services.milestone_create,
        "update": services.milestone_update,
        "delete": services.milestone_delete,
    }
    filterset_class = filters.MilestoneFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "due_date", "done_date", "updated_at")


class EmpactDocumentViewSet(ApiViewSet):
    serializer_class = serializers.EmpactDocumentSerializer
    services = {
        "create": services.document_create,
        "update": services.document_update,
        "delete": services.document_delete,
    }
    filterset_class = filters.EmpactDocumentFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "kind", "title", "updated_at")


class DocumentVersionViewSet(ApiViewSet):
    serializer_class = serializers.DocumentVersionSerializer
    services = {
        "create": services.document_version_create,
        "update": services.document_version_update,
        "delete": services.document_version_delete,
    }
    filterset_class = filters.DocumentVersionFilterSet
    search_fields = ("council_reference", "notes")
    ordering_fields = ("id", "version", "approved_on", "updated_at")

    @extend_schema(
        request=None,
        responses={
            (200, file_type.content_type): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("The file, as an attachment.")
            )
            for file_type in ACCEPTED
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def download(self, request, pk=None):
        """The version's file under its original name (only for those who may see the version;
        404 for the others and for a version without a file)."""
        return download_response(self.get_object())


class ThreatAssessmentViewSet(ApiViewSet):
    serializer_class = serializers.ThreatAssessmentSerializer
    services = {
        "create": services.threat_assessment_create,
        "update": services.threat_assessment_update,
        "delete": services.threat_assessment_delete,
    }
    filterset_class = filters.ThreatAssessmentFilterSet
    search_fields = ("title", "summary")
    ordering_fields = ("id", "publication_date", "updated_at")


class ThreatViewSet(ApiViewSet):
    serializer_class = serializers.ThreatSerializer
    services = {
        "create": services.threat_create,
        "update": services.threat_update,
        "delete": services.threat_delete,
    }
    filterset_class = filters.ThreatFilterSet
    search_fields = ("title", "description")
    ordering_fields = ("id", "title", "updated_at")


class EvaluationViewSet(ApiViewSet):
    serializer_class = serializers.EvaluationSerializer
    services = {
        "create": services.evaluation_create,
        "update": services.evaluation_update,
        "delete": services.evaluation_delete,
    }
    filterset_class = filters.EvaluationFilterSet
    search_fields = ("title", "evaluator", "summary")
    ordering_fields = ("id", "published_on", "updated_at")


class RecommendationViewSet(ApiViewSet):
    serializer_class = serializers.RecommendationSerializer
    services = {
        "create": services.recommendation_create,
        "update": services.recommendation_update,
        "delete": services.recommendation_delete,
    }
    filterset_class = filters.RecommendationFilterSet
    search_fields = ("text",)
    ordering_fields = ("id", "number", "updated_at")

    @extend_schema(
        request=serializers.FollowUpSerializer, responses=serializers.RecommendationSerializer
    )
    @action(detail=True, methods=["post"], url_path="follow-up", url_name="follow-up")
    def follow_up(self, request, pk=None):
        """The secretariat or the Commission records how the next cycle follows the
        recommendation up: planned, in progress, done, or not taken up (with the reason)."""
        data = self.step_input(serializers.FollowUpSerializer)
        return self.run_step(services.recommendation_follow_up, "recommendation", **data)
