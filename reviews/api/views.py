"""COSI's review rounds; writes, the closing step and the delegations' positions call
``reviews.services``."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from empact.api.views import ApiViewSet, parse_if_match
from reviews import services
from reviews.api import filters, serializers
from reviews.models import Position


class ReviewRoundViewSet(ApiViewSet):
    serializer_class = serializers.ReviewRoundSerializer
    services = {
        "create": services.review_round_create,
        "update": services.review_round_update,
        "delete": services.review_round_delete,
    }
    filterset_class = filters.ReviewRoundFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "closes_on", "updated_at")

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset
        positions = (
            Position.objects.visible_to(self.request.user, "view")
            .select_related("plan", "country", "given_by")
            .order_by("plan__code", "country__code")
        )
        return queryset.prefetch_related(
            Prefetch("given_positions", queryset=positions, to_attr="visible_positions")
        )

    @extend_schema(request=None, responses=serializers.ReviewRoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """The COSI secretariat closes the round: positions can no longer be given."""
        return self.run_step(services.review_round_close, "review_round")

    @extend_schema(
        request=serializers.PositionInputSerializer, responses=serializers.ReviewRoundSerializer
    )
    @action(detail=True, methods=["post"])
    def positions(self, request, pk=None):
        """A COSI delegate gives (or changes) their delegation's position on a plan of the round;
        the country is the delegate's own."""
        data = self.step_input(serializers.PositionInputSerializer)
        review_round = self.get_object()
        tags = parse_if_match(request.headers.get("If-Match"))
        with transaction.atomic():
            if tags is not None:
                self.lock(review_round, tags)
            services.position_give(actor=request.user, review_round=review_round, **data)
        return self.object_response(review_round)
