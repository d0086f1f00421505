from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from discussion import commentables
from discussion.models import Comment
from empact.api.serializers import ApiModelSerializer


@extend_schema_field(OpenApiTypes.STR)
class ObjectReferenceField(serializers.Field):
    """The object a comment is about, as ``<type>:<id>`` (``plan:12``, ``action:7``,
    ``progress_report:3``); only an object the user may see is accepted."""

    default_error_messages = {
        "invalid": _("Send the object as <type>:<id>, e.g. plan:12, of a kind open to comments."),
        "does_not_exist": _("There is no %(reference)s that you may see."),
    }

    def to_representation(self, value) -> str:
        from django.contrib.contenttypes.models import ContentType

        model = ContentType.objects.get_for_id(value.content_type_id).model_class()
        kind = commentables.kind_of(model)
        return f"{kind.key if kind else model._meta.model_name}:{value.object_id}"

    def to_internal_value(self, data):
        parsed = commentables.parse_reference(data) if isinstance(data, str) else None
        if parsed is None:
            self.fail("invalid")
        kind, pk = parsed
        user = self.context["request"].user
        obj = kind.model._default_manager.visible_to(user, "view").filter(pk=pk).first()
        if obj is None:
            raise serializers.ValidationError(
                self.error_messages["does_not_exist"] % {"reference": data}
            )
        return {"object": obj}  # source="*": merged into the validated data


class CommentSerializer(ApiModelSerializer):
    """A comment: plain text about one object; never changed once written."""

    object = ObjectReferenceField(source="*")

    class Meta:
        model = Comment
        fields = ["id", "display", "object", "author", "body", "addressed_to", "created_at"]
        read_only_fields = ["author", "created_at"]
        expandable = ("author", "addressed_to")
