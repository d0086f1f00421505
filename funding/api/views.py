"""Funding sources, calls and requests; a request is submitted and decided through its steps."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from empact.api.views import ApiViewSet
from funding import services
from funding.api import filters, serializers


class FundingSourceViewSet(ApiViewSet):
    serializer_class = serializers.FundingSourceSerializer
    services = {
        "create": services.funding_source_create,
        "update": services.funding_source_update,
        "delete": services.funding_source_delete,
    }
    filterset_class = filters.FundingSourceFilterSet
    search_fields = ("name", "eligibility")
    ordering_fields = ("id", "name", "updated_at")


class FundingCallViewSet(ApiViewSet):
    serializer_class = serializers.FundingCallSerializer
    services = {
        "create": services.funding_call_create,
        "update": services.funding_call_update,
        "delete": services.funding_call_delete,
    }
    filterset_class = filters.FundingCallFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "opens", "closes", "updated_at")


class FundingRequestViewSet(ApiViewSet):
    serializer_class = serializers.FundingRequestSerializer
    services = {
        "update": services.funding_request_update,
        "delete": services.funding_request_delete,
    }
    filterset_class = filters.FundingRequestFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "requested", "granted", "decision_date", "created_at", "updated_at")

    def create_object(self, data):
        return services.funding_request_create(actor=self.request.user, data=data)

    @extend_schema(request=None, responses=serializers.FundingRequestSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft request for a decision."""
        return self.run_step(services.funding_request_submit, "request")

    @extend_schema(
        request=serializers.FundingDecisionSerializer,
        responses=serializers.FundingRequestSerializer,
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Europol or the Commission records the decision: granted (with the amount) or
        rejected. A decision can be revised by deciding again."""
        data = self.step_input(serializers.FundingDecisionSerializer)
        return self.run_step(services.funding_request_decide, "request", **data)
