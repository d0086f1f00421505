"""Crime priorities, general MASPs and their common horizontal strategic goals."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action

from cycles.api.serializers import CycleSerializer
from empact.api.views import ApiViewSet
from priorities import services
from priorities.api import filters, serializers
from priorities.models import HorizontalGoal


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


class NextCycleViewSet(ApiViewSet):
    """The next cycle, started from a cycle (``POST /api/v1/cycles/{id}/next/``)."""

    serializer_class = CycleSerializer
    http_method_names = ["post", "options"]

    @extend_schema(request=serializers.NextCycleSerializer, responses={201: CycleSerializer})
    @action(detail=True, methods=["post"])
    def next(self, request, pk=None):
        """The secretariat starts the cycle after this one: its years, the default milestones,
        the CHSGs carried over (all, or those listed) and the evaluation's open
        recommendations; 409 when the next cycle exists already."""
        cycle = self.get_object()
        data = self.step_input(serializers.NextCycleSerializer)
        goals = None
        if "horizontal_goals" in data:
            wanted = set(data["horizontal_goals"])
            goals = list(HorizontalGoal.objects.filter(masp__cycle=cycle, pk__in=wanted))
            if len(goals) != len(wanted):
                raise ValidationError(
                    {"horizontal_goals": _("Only CHSGs of this cycle's MASP are carried over.")}
                )
        new = services.next_cycle_create(actor=request.user, cycle=cycle, goals=goals)
        return self.object_response(new, status.HTTP_201_CREATED)
