from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from empact.api.serializers import ApiModelSerializer
from funding.models import FundingCall, FundingRequest, FundingSource

STAMPS = ["created_at", "updated_at"]
DECISIONS = list(FundingRequest.DECIDED)


class FundingSourceSerializer(ApiModelSerializer):
    class Meta:
        model = FundingSource
        fields = [
            "id",
            "display",
            "name",
            "kind",
            "managing_body",
            "eligibility",
            "maximum_amount",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        expandable = ("managing_body",)


class FundingCallSerializer(ApiModelSerializer):
    class Meta:
        model = FundingCall
        fields = [
            "id",
            "display",
            "source",
            "title",
            "opens",
            "closes",
            "decision_expected",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        expandable = ("source",)


class FundingRequestSerializer(ApiModelSerializer):
    """A request for money for an action. ``status``, ``granted``, ``granted_above_requested``
    and ``decision_date`` record the decision: only the roles that decide (matrix
    ``funding_request.decide``) may set them; for anyone else they are read-only. A request goes
    from draft to submitted with the ``/submit/`` step."""

    status = serializers.ChoiceField(
        choices=FundingRequest.Status.choices,
        required=False,
        help_text=_("Decide roles only, and only to 'granted' or 'rejected'."),
    )

    class Meta:
        model = FundingRequest
        fields = [
            "id",
            "display",
            "action",
            "source",
            "call",
            "title",
            "requested",
            "granted",
            "spent",
            "granted_above_requested",
            "status",
            "decision_date",
            "beneficiaries",
            "requested_by",
            *STAMPS,
        ]
        read_only_fields = ["requested_by", *STAMPS]
        create_only_fields = ("action",)
        field_actions = {
            "status": "decide",
            "granted": "decide",
            "granted_above_requested": "decide",
            "decision_date": "decide",
        }
        expandable = ("action", "source", "call", "beneficiaries")

    def validate_status(self, value):
        if value not in DECISIONS:
            raise serializers.ValidationError(
                _("A decision sets the status to granted or rejected; submit with /submit/.")
            )
        return value
