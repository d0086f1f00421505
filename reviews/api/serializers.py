from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from empact.api.serializers import ApiModelSerializer
from oaps.models import OperationalActionPlan
from reviews.models import Position, ReviewRound

STAMPS = ["created_at", "updated_at"]


class PositionSerializer(ApiModelSerializer):
    """A delegation's position on a plan (given through ``/review-rounds/{id}/positions/``)."""

    class Meta:
        model = Position
        fields = ["id", "display", "plan", "country", "position", "comment", "given_by", "given_at"]
        read_only_fields = fields
        display_related = ("plan", "country", "given_by")


class ReviewRoundSerializer(ApiModelSerializer):
    """A COSI review round; ``status`` changes only through ``/close/``, the cycle follows the
    plans, and the positions are given through ``/positions/``."""

    positions = serializers.SerializerMethodField(
        help_text=_("The positions given so far that you may see.")
    )

    class Meta:
        model = ReviewRound
        fields = [
            "id",
            "display",
            "cycle",
            "title",
            "plans",
            "closes_on",
            "status",
            "opened_by",
            "positions",
            *STAMPS,
        ]
        read_only_fields = ["cycle", "status", "opened_by", *STAMPS]
        extra_kwargs = {"title": {"required": False}}
        display_related = ("cycle", "opened_by")
        expandable = ()

    @extend_schema_field(PositionSerializer(many=True))
    def get_positions(self, obj: ReviewRound) -> list:
        # prefetched by the viewset, through the gate, as ``visible_positions``
        rows = getattr(obj, "visible_positions", [])
        return PositionSerializer(rows, many=True, context=self.context).data


class PositionInputSerializer(serializers.Serializer):
    plan = serializers.PrimaryKeyRelatedField(
        queryset=OperationalActionPlan.objects.none(), help_text=_("A plan of the round.")
    )
    position = serializers.ChoiceField(choices=Position.Answer.choices)
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required unless the position is agree."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["plan"].queryset = OperationalActionPlan.objects.visible_to(
                request.user, "view"
            )
