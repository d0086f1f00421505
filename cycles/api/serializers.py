from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Milestone,
    Recommendation,
    Threat,
    ThreatAssessment,
)
from empact.api.serializers import ApiModelSerializer

STAMPS = ["created_at", "updated_at"]


class CycleSerializer(ApiModelSerializer):
    class Meta:
        model = Cycle
        fields = ["id", "display", "first_year", "name", "current_step", *STAMPS]
        read_only_fields = STAMPS


class MilestoneSerializer(ApiModelSerializer):
    class Meta:
        model = Milestone
        fields = [
            "id",
            "display",
            "cycle",
            "kind",
            "step",
            "title",
            "due_date",
            "responsible",
            "done_date",
            "document",
            "document_url",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        expandable = ("cycle", "responsible", "document")


class EmpactDocumentSerializer(ApiModelSerializer):
    class Meta:
        model = EmpactDocument
        fields = ["id", "display", "kind", "title", "cycle", *STAMPS]
        read_only_fields = STAMPS
        expandable = ("cycle",)


class DocumentVersionSerializer(ApiModelSerializer):
    """A version of a document. Its file downloads from ``/document-versions/{id}/download/``
    (the same right as the version); ``filename``, ``content_type`` and ``size`` describe it."""

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "display",
            "document",
            "version",
            "approved_on",
            "council_reference",
            "notes",
            "filename",
            "content_type",
            "size",
            *STAMPS,
        ]
        read_only_fields = ["filename", "content_type", "size", *STAMPS]
        display_related = ("document",)
        expandable = ("document",)


class ThreatAssessmentSerializer(ApiModelSerializer):
    class Meta:
        model = ThreatAssessment
        fields = ["id", "display", "cycle", "kind", "title", "publication_date", "summary", *STAMPS]
        read_only_fields = STAMPS
        expandable = ("cycle",)


class ThreatSerializer(ApiModelSerializer):
    class Meta:
        model = Threat
        fields = ["id", "display", "assessment", "title", "description", "trend", *STAMPS]
        read_only_fields = STAMPS
        expandable = ("assessment",)


class EvaluationSerializer(ApiModelSerializer):
    class Meta:
        model = Evaluation
        fields = [
            "id",
            "display",
            "cycle",
            "title",
            "commissioned_by",
            "evaluator",
            "status",
            "started_on",
            "published_on",
            "summary",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        expandable = ("cycle", "commissioned_by")


class RecommendationSerializer(ApiModelSerializer):
    class Meta:
        model = Recommendation
        fields = [
            "id",
            "display",
            "evaluation",
            "number",
            "text",
            "follow_up_status",
            "addressed_in",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        display_related = ("evaluation__cycle",)
        expandable = ("evaluation", "addressed_in")
