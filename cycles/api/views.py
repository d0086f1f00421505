"""Cycles and what belongs to them: milestones, documents, threat assessments, evaluations."""

from cycles.api import filters, serializers
from empact.api.views import ApiViewSet


class CycleViewSet(ApiViewSet):
    serializer_class = serializers.CycleSerializer
    filterset_class = filters.CycleFilterSet
    search_fields = ("name",)
    ordering_fields = ("id", "first_year", "updated_at")


class MilestoneViewSet(ApiViewSet):
    serializer_class = serializers.MilestoneSerializer
    filterset_class = filters.MilestoneFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "due_date", "done_date", "updated_at")


class EmpactDocumentViewSet(ApiViewSet):
    serializer_class = serializers.EmpactDocumentSerializer
    filterset_class = filters.EmpactDocumentFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "kind", "title", "updated_at")


class DocumentVersionViewSet(ApiViewSet):
    serializer_class = serializers.DocumentVersionSerializer
    filterset_class = filters.DocumentVersionFilterSet
    search_fields = ("council_reference", "notes")
    ordering_fields = ("id", "version", "approved_on", "updated_at")


class ThreatAssessmentViewSet(ApiViewSet):
    serializer_class = serializers.ThreatAssessmentSerializer
    filterset_class = filters.ThreatAssessmentFilterSet
    search_fields = ("title", "summary")
    ordering_fields = ("id", "publication_date", "updated_at")


class ThreatViewSet(ApiViewSet):
    serializer_class = serializers.ThreatSerializer
    filterset_class = filters.ThreatFilterSet
    search_fields = ("title", "description")
    ordering_fields = ("id", "title", "updated_at")


class EvaluationViewSet(ApiViewSet):
    serializer_class = serializers.EvaluationSerializer
    filterset_class = filters.EvaluationFilterSet
    search_fields = ("title", "evaluator", "summary")
    ordering_fields = ("id", "published_on", "updated_at")


class RecommendationViewSet(ApiViewSet):
    serializer_class = serializers.RecommendationSerializer
    filterset_class = filters.RecommendationFilterSet
    search_fields = ("text",)
    ordering_fields = ("id", "number", "updated_at")
