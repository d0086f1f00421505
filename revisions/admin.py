"""Admin of revisions: read-only, as their services alone write them (adoption rewords the
priority or plan goal)."""

from django.contrib import admin

from empact.admin import ReadOnlyModelAdmin
from revisions.models import Revision


@admin.register(Revision)
class RevisionAdmin(ReadOnlyModelAdmin):
    list_display = ("__str__", "cycle", "status", "proposed_by", "decided_on")
    list_filter = ("status", "cycle")
    list_select_related = ("cycle", "priority", "plan_goal__plan", "proposed_by")
    search_fields = ("reason", "decision_note")
    date_hierarchy = "decided_on"
