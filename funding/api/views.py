"""Funding sources, calls and requests; the decision on a request is a PATCH by a decide role."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from empact.api.views import ApiViewSet
from empact.services import WorkflowError, require, save_change
from funding.api import filters, serializers
from funding.models import FundingRequest

Status = FundingRequest.Status


class FundingSourceViewSet(ApiViewSet):
    serializer_class = serializers.FundingSourceSerializer
    filterset_class = filters.FundingSourceFilterSet
    search_fields = ("name", "eligibility")
    ordering_fields = ("id", "name", "updated_at")


class FundingCallViewSet(ApiViewSet):
    serializer_class = serializers.FundingCallSerializer
    filterset_class = filters.FundingCallFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "opens", "closes", "updated_at")


# The funding app has no services module yet; these two steps follow its recipe (lock, right,
# state, full_clean, history with the actor) and belong in funding/services.py once it exists.


def funding_request_submit(*, actor, request: FundingRequest) -> FundingRequest:
    with transaction.atomic():
        request = FundingRequest.objects.select_for_update().get(pk=request.pk)
        require(actor, "submit", request)
        if request.status != Status.DRAFT:
            raise WorkflowError(_("Only a draft request can be submitted."))
        request.status = Status.SUBMITTED
        save_change(request, actor=actor, code="funding.request.submitted", fields=["status"])
    return request


def _check_decision(request: FundingRequest, data: dict) -> None:
    if "status" in data and request.status not in (Status.SUBMITTED, *FundingRequest.DECIDED):
        raise WorkflowError(_("Only a submitted request can be decided."))


class FundingRequestViewSet(ApiViewSet):
    serializer_class = serializers.FundingRequestSerializer
    filterset_class = filters.FundingRequestFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "requested", "granted", "decision_date", "created_at", "updated_at")

    def create_object(self, data):
        if "status" in data:
            raise WorkflowError(_("A new request is a draft; decide it once it is submitted."))
        data["requested_by"] = self.request.user
        return super().create_object(data)

    def update_object(self, instance, data):
        _check_decision(instance, data)
        return super().update_object(instance, data)

    @extend_schema(request=None, responses=serializers.FundingRequestSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft request for a decision."""
        return self.run_step(funding_request_submit, "request")
