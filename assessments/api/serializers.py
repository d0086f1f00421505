from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments.evidence import evidence_for
from assessments.models import Assessment, AssessmentItem, DelegationComment
from empact.api.serializers import ApiListSerializer, ApiModelSerializer

STAMPS = ["created_at", "updated_at"]


class AssessmentSerializer(ApiModelSerializer):
    """A COSI assessment, opened with its review window (``POST`` creates its items);
    ``status``, the conclusions and recommendations, ``adopted_on`` and ``adopted_by`` are set
    only by ``/adopt/``."""

    window_is_open = serializers.SerializerMethodField(
        help_text=_("Whether delegations can comment today.")
    )

    class Meta:
        model = Assessment
        fields = [
            "id",
            "display",
            "cycle",
            "kind",
            "status",
            "opens_on",
            "closes_on",
            "window_is_open",
            "summary",
            "conclusions",
            "recommendations",
            "adopted_on",
            "opened_by",
            "adopted_by",
            *STAMPS,
        ]
        read_only_fields = [
            "status",
            "conclusions",
            "recommendations",
            "adopted_on",
            "opened_by",
            "adopted_by",
            *STAMPS,
        ]
        display_related = ("cycle",)
        expandable = ("cycle",)

    def get_window_is_open(self, obj: Assessment) -> bool:
        return obj.window_is_open()


class AdoptionSerializer(serializers.Serializer):
    conclusions = serializers.CharField(help_text=_("COSI's conclusions."))
    recommendations = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("COSI's recommendations.")
    )
    adopted_on = serializers.DateField(
        required=False, allow_null=True, help_text=_("The day COSI adopted it (default today).")
    )


class DelegationCommentSerializer(ApiModelSerializer):
    """A delegation's comment on an assessment item (given through
    ``/assessment-items/{id}/delegation-comments/``)."""

    class Meta:
        model = DelegationComment
        fields = ["id", "display", "item", "country", "text", "given_by", "given_at", *STAMPS]
        read_only_fields = fields
        display_related = ()
        expandable = ()  # an expanded item would compile its evidence once per row


class DelegationCommentInputSerializer(serializers.Serializer):
    text = serializers.CharField(help_text=_("The delegation's comment (for your own country)."))


class AssessmentItemListSerializer(ApiListSerializer):
    """Compiles the evidence of a whole page at once (a fixed number of queries)."""

    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        if "evidence" in self.child.fields:
            self.context.setdefault("evidence", {}).update(
                evidence_for(items, user=self.context["request"].user)
            )
        return super().to_representation(items)


class AssessmentItemSerializer(ApiModelSerializer):
    """A line of an assessment: its plan, CHSG or plan goal, the secretariat's overall rating,
    Europol's and the drivers' findings, and its ``evidence`` (compiled now while the
    assessment is open, as stored on adoption afterwards)."""

    evidence = serializers.SerializerMethodField(
        help_text=_(
            "Actions by status, KPIs against targets, results by type, reports due, on time, "
            "late and missing, funding requested, granted and spent."
        )
    )

    class Meta:
        model = AssessmentItem
        fields = [
            "id",
            "display",
            "assessment",
            "plan",
            "horizontal_goal",
            "plan_goal",
            "rating",
            "findings",
            "recommendations",
            "europol_rating",
            "europol_findings",
            "drivers_rating",
            "drivers_findings",
            "evidence",
            *STAMPS,
        ]
        read_only_fields = ["assessment", "plan", "horizontal_goal", "plan_goal", *STAMPS]
        display_related = ("assessment__cycle", "plan", "horizontal_goal", "plan_goal__plan")
        expandable = ("assessment", "plan", "horizontal_goal", "plan_goal")
        list_serializer_class = AssessmentItemListSerializer

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_evidence(self, obj: AssessmentItem) -> dict:
        compiled = self.context.setdefault("evidence", {})
        if obj.pk not in compiled:
            compiled.update(evidence_for([obj], user=self.context["request"].user))
        return compiled[obj.pk]
