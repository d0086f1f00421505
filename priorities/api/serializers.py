from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from empact.api.serializers import ApiModelSerializer
from priorities.models import HorizontalGoal, Masp, Priority

STAMPS = ["created_at", "updated_at"]


class PrioritySerializer(ApiModelSerializer):
    class Meta:
        model = Priority
        fields = [
            "id",
            "display",
            "cycle",
            "code",
            "title",
            "description",
            "council_decision_date",
            "council_reference",
            "threats",
            "status",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        expandable = ("cycle", "threats")


class MaspSerializer(ApiModelSerializer):
    class Meta:
        model = Masp
        fields = ["id", "display", "cycle", "title", "approval_date", "description", *STAMPS]
        read_only_fields = STAMPS
        expandable = ("cycle",)


class HorizontalGoalSerializer(ApiModelSerializer):
    class Meta:
        model = HorizontalGoal
        fields = ["id", "display", "masp", "number", "title", "description", *STAMPS]
        read_only_fields = STAMPS
        expandable = ("masp",)


class NextCycleSerializer(serializers.Serializer):
    """The CHSGs of the cycle's MASP carried over into the next cycle's (all when left out)."""

    horizontal_goals = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text=_("The ids of the CHSGs to carry over; all of the MASP's when left out."),
    )
