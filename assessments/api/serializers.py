from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from assessments.models import Assessment, AssessmentItem
from empact.api.serializers import ApiModelSerializer

STAMPS = ["created_at", "updated_at"]


class AssessmentSerializer(ApiModelSerializer):
    """A COSI assessment; ``status`` and ``adopted_on`` change only through ``/adopt/``."""

    class Meta:
        model = Assessment
        fields = ["id", "display", "cycle", "kind", "status", "adopted_on", "summary", *STAMPS]
        read_only_fields = STAMPS
        display_related = ("cycle",)
        expandable = ("cycle",)


class AdoptionSerializer(serializers.Serializer):
    adopted_on = serializers.DateField(
        required=False, allow_null=True, help_text=_("The day COSI adopted it (default today).")
    )


class AssessmentItemSerializer(ApiModelSerializer):
    class Meta:
        model = AssessmentItem
        fields = [
            "id",
            "display",
            "assessment",
            "plan",
            "horizontal_goal",
            "rating",
            "findings",
            "recommendations",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        display_related = ("assessment__cycle", "plan", "horizontal_goal")
        expandable = ("assessment", "plan", "horizontal_goal")
