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
    """A request for money for an action. It goes from draft to submitted with ``/submit/``;
    ``status``, ``granted``, ``granted_above_requested`` and ``decision_date`` record the decision
    and change only through the ``/decide/`` step (matrix ``funding_request.decide``)."""

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
        expandable = ("action", "source", "call", "beneficiaries")


class FundingDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[(value, FundingRequest.Status(value).label) for value in DECISIONS],
        help_text=_("granted or rejected."),
    )
    granted = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=0,
        help_text=_("The granted amount in EUR (required when granted)."),
    )
    granted_above_requested = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("True only when the decision deliberately grants more than was requested."),
    )
    decision_date = serializers.DateField(
        required=False, allow_null=True, help_text=_("The day of the decision (default today).")
    )
