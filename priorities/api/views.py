"""Crime priorities, general MASPs and their common horizontal strategic goals."""

from empact.api.views import ApiViewSet
from priorities.api import filters, serializers


class PriorityViewSet(ApiViewSet):
    serializer_class = serializers.PrioritySerializer
    filterset_class = filters.PriorityFilterSet
    search_fields = ("code", "title", "description")
    ordering_fields = ("id", "code", "title", "updated_at")


class MaspViewSet(ApiViewSet):
    serializer_class = serializers.MaspSerializer
    filterset_class = filters.MaspFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "approval_date", "updated_at")


class HorizontalGoalViewSet(ApiViewSet):
    serializer_class = serializers.HorizontalGoalSerializer
    filterset_class = filters.HorizontalGoalFilterSet
    search_fields = ("title", "description")
    ordering_fields = ("id", "number", "updated_at")
