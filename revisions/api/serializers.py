from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from empact.api.serializers import ApiModelSerializer
from revisions.models import Revision

STAMPS = ["created_at", "updated_at"]


class RevisionSerializer(ApiModelSerializer):
    """A revision of a priority or a plan goal; ``status`` and the decision change only through
    ``/adopt/`` and ``/reject/``; ``before`` and ``after`` are kept on adoption."""

    proposed = serializers.JSONField(
        help_text=_('The new wording: {"title": "...", "description": "..."} (one or both).')
    )

    class Meta:
        model = Revision
        fields = [
            "id",
            "display",
            "cycle",
            "priority",
            "plan_goal",
            "reason",
            "threats",
            "proposed",
            "before",
            "after",
            "status",
            "proposed_by",
            "decided_by",
            "decided_on",
            "decision_note",
            *STAMPS,
        ]
        read_only_fields = [
            "cycle",
            "before",
            "after",
            "proposed_by",
            "decided_by",
            "decided_on",
            "decision_note",
            *STAMPS,
        ]
        display_related = ("priority", "plan_goal__plan")
        expandable = ("cycle", "priority", "plan_goal")


class DecisionSerializer(serializers.Serializer):
    decided_on = serializers.DateField(
        required=False, allow_null=True, help_text=_("The day COSI decided (default today).")
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("COSI's note on the decision (required to reject)."),
    )
