from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from discussion import commentables
from discussion.models import Comment
from empact.api.filters import ApiFilterSet


class CommentFilterSet(ApiFilterSet):
    object = filters.CharFilter(
        method="filter_object",
        max_length=40,
        help_text=_("The comments on one object: <type>:<id>, e.g. plan:12."),
    )
    addressed_to = filters.ChoiceFilter(
        method="filter_addressed_to",
        choices=[("me", "me")],
        help_text=_("me: the comments addressed to you."),
    )

    class Meta:
        model = Comment
        fields = []

    def filter_object(self, queryset, name, value):
        parsed = commentables.parse_reference(value)
        if parsed is None:
            return queryset.none()
        kind, pk = parsed
        return queryset.filter(
            content_type=ContentType.objects.get_for_model(kind.model), object_id=pk
        )

    def filter_addressed_to(self, queryset, name, value):
        return queryset.filter(addressed_to=self.request.user)
