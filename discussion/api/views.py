"""Comments: read through the gate of their objects, written by ``discussion.services``."""

from discussion import services
from discussion.api import filters, serializers
from empact.api.views import ApiViewSet


class CommentViewSet(ApiViewSet):
    serializer_class = serializers.CommentSerializer
    services = {"create": services.comment_create}
    filterset_class = filters.CommentFilterSet
    search_fields = ("body",)
    ordering_fields = ("id", "created_at")
    http_method_names = ["get", "post", "head", "options"]  # a comment is never changed
