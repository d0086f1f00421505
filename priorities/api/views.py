"""Crime priorities, general MASPs and their common horizontal strategic goals."""

from empact.api.views import ApiViewSet
from priorities import services
from priorities.api import filters, serializers


class PriorityViewSet(ApiViewSet):
    serializer_class = serializers.PrioritySerializer
    services = {
        "create": services.priority_create,
        "update": services.priority_update,
        "delete": services.priority_delete,
    }
    filterset_class = filters.PriorityFilterSet
    search_fields = ("code", "title", "description")
    ordering_fields = ("id", "code", "title", "updated_at")


class MaspViewSet(ApiViewSet):
    serializer_class = serializers.MaspSerializer
    services = {
        "create": services.masp_create,
        "update": services.masp_update,
        "delete": services.masp_delete,
    }
    filterset_class = filters.MaspFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "approval_date", "updated_at")


class HorizontalGoalViewSet(ApiViewSet):
    serializer_class = serializers.HorizontalGoalSerializer
    services = {
        "create": services.horizontal_goal_create,
        "update": services.horizontal_goal_update,
        "delete": services.horizontal_goal_delete,
    }
    filterset_class = filters.HorizontalGoalFilterSet
    search_fields = ("title", "description")
    ordering_fields = ("id", "number", "updated_at")
