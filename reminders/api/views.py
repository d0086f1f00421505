"""``/api/v1/notifications/``: the signed-in user's notifications; ``/read/`` marks one read."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from empact.api.filters import ApiFilterBackend, StrictBooleanFilter
from empact.api.pagination import ApiPagination
from empact.api.views import LoginNotRequiredMixin
from reminders import selectors, services
from reminders.api.serializers import NotificationSerializer
from reminders.models import Notification


class NotificationFilterSet(filters.FilterSet):
    unread = StrictBooleanFilter(field_name="read_at", lookup_expr="isnull")
    kind = filters.CharFilter(max_length=40)

    class Meta:
        model = Notification
        fields: list[str] = []


class NotificationViewSet(LoginNotRequiredMixin, viewsets.ReadOnlyModelViewSet):
    """Your notifications, newest first (``?unread=true`` for the unread ones)."""

    serializer_class = NotificationSerializer
    pagination_class = ApiPagination
    filter_backends = (ApiFilterBackend,)
    filterset_class = NotificationFilterSet
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False) or not self.request.user.is_authenticated:
            return Notification.objects.none()
        return selectors.notifications_of(self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark the notification as read."""
        notification = services.notification_read(
            actor=request.user, notification=self.get_object()
        )
        return Response(self.get_serializer(notification).data)
