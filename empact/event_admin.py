"""The audit log in the admin: read-only, newest first, filtered by code, searched by object.

Registered from ``EmpactConfig.ready`` (``empact/admin.py`` is loaded with the settings, before
the models). Nobody adds, changes or deletes an event, not even a superuser: the database refuses
it too.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from empact.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("at", "code", "object_label", "actor_label", "plan_id", "request_id")
    list_filter = ("code",)
    search_fields = ("object_label", "actor_label", "code", "request_id")
    date_hierarchy = "at"
    ordering = ("-at", "-id")
    list_per_page = 100
    show_full_result_count = False  # a long log: no second count of every row

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
