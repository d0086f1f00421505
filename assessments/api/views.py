"""COSI's assessments, their items and the delegations' comments; writes and steps call
``assessments.services``."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response

from assessments import services
from assessments.api import filters, serializers
from assessments.documents import assessment_pdf_response
from empact.api.views import ApiViewSet, parse_if_match


class PdfRenderer(renderers.BaseRenderer):
    """Lets a client ask for ``Accept: application/pdf`` (the view makes the bytes)."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class AssessmentViewSet(ApiViewSet):
    serializer_class = serializers.AssessmentSerializer
    services = {
        "create": services.assessment_open,
        "update": services.assessment_update,
        "delete": services.assessment_delete,
    }
    filterset_class = filters.AssessmentFilterSet
    search_fields = ("summary", "conclusions")
    ordering_fields = ("id", "kind", "closes_on", "adopted_on", "updated_at")

    def create_object(self, data: dict):
        """Opening an assessment creates its items."""
        return services.assessment_open(actor=self.request.user, data=data)

    @extend_schema(
        request=serializers.AdoptionSerializer, responses=serializers.AssessmentSerializer
    )
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        """The COSI secretariat records COSI's adoption with its conclusions and
        recommendations: each item's evidence is stored as compiled now."""
        data = self.step_input(serializers.AdoptionSerializer)
        return self.run_step(services.assessment_adopt, "assessment", **data)

    @extend_schema(
        request=None,
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The assessment as a PDF document."
            )
        },
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[PdfRenderer, renderers.JSONRenderer],
    )
    def pdf(self, request, pk=None):
        """The assessment as a PDF: its window, conclusions and recommendations, and per item
        the evidence, the findings, the ratings and the delegations' comments."""
        return assessment_pdf_response(request.user, self.get_object(), request)


class AssessmentItemViewSet(ApiViewSet):
    serializer_class = serializers.AssessmentItemSerializer
    services = {"update": services.assessment_item_update}
    filterset_class = filters.AssessmentItemFilterSet
    search_fields = ("findings", "europol_findings", "drivers_findings", "recommendations")
    ordering_fields = ("id", "rating", "updated_at")
    # Items come with their assessment: no POST to the collection, no DELETE.
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def create_object(self, data: dict):
        """POST is for the item's steps (its delegations' comments): items are never added."""
        raise MethodNotAllowed("POST")

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.select_related("assessment")

    @extend_schema(
        request=serializers.DelegationCommentInputSerializer,
        responses=serializers.DelegationCommentSerializer,
    )
    @action(detail=True, methods=["post"], url_path="delegation-comments")
    def delegation_comments(self, request, pk=None):
        """A COSI delegate gives (or changes) their delegation's comment on the item during the
        review window; the country is the delegate's own."""
        data = self.step_input(serializers.DelegationCommentInputSerializer)
        item = self.get_object()
        tags = parse_if_match(request.headers.get("If-Match"))
        with transaction.atomic():
            if tags is not None:
                self.lock(item, tags)
            comment = services.delegation_comment_give(actor=request.user, item=item, **data)
        body = serializers.DelegationCommentSerializer(
            comment, context=self.get_serializer_context()
        ).data
        return Response(body)


class DelegationCommentViewSet(ApiViewSet):
    """The delegations' comments, read-only: each is given through its item."""

    serializer_class = serializers.DelegationCommentSerializer
    filterset_class = filters.DelegationCommentFilterSet
    search_fields = ("text",)
    ordering_fields = ("id", "given_at", "updated_at")
    http_method_names = ["get", "head", "options"]
