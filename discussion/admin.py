"""Admin of the discussion: comments can be read here, never written (they are written only by
``discussion.services``, and nobody edits or deletes one)."""

from django.contrib import admin

from discussion.models import Comment
from empact.admin import ReadOnlyModelAdmin


@admin.register(Comment)
class CommentAdmin(ReadOnlyModelAdmin):
    list_display = ("__str__", "content_type", "object_id", "author", "created_at")
    list_filter = ("content_type",)
    list_select_related = ("author", "content_type")
    search_fields = ("body", "author__email")
    readonly_fields = ("content_type", "object_id", "author", "body", "addressed_to", "created_at")
