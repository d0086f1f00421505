from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from empact.api.event_views import type_key
from reminders.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    """One notification of the signed-in user: what, about which object, and where to open it."""

    object = serializers.SerializerMethodField()
    link = serializers.SerializerMethodField(help_text=_("The page of the object."))
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "title",
            "body",
            "object",
            "link",
            "due_date",
            "offset",
            "created_at",
            "read_at",
            "is_read",
            "email",
            "email_sent_at",
        ]
        read_only_fields = fields

    def get_object(self, notification: Notification) -> dict:
        return {"type": type_key(notification.content_type_id), "id": notification.object_id}

    def get_link(self, notification: Notification) -> str:
        request = self.context.get("request")
        url = notification.url or "/"
        return request.build_absolute_uri(url) if request else url

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None
