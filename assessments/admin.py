"""Admin of COSI's assessments."""

from django.contrib import admin

from assessments.models import Assessment, AssessmentItem
from empact.admin import EmpactModelAdmin, EmpactTabularInline


class AssessmentItemInline(EmpactTabularInline):
    model = AssessmentItem
    fields = ("plan", "horizontal_goal", "rating")
    autocomplete_fields = ("plan", "horizontal_goal")
    related = ("assessment__cycle", "plan", "horizontal_goal")


@admin.register(Assessment)
class AssessmentAdmin(EmpactModelAdmin):
    list_display = ("__str__", "cycle", "kind", "status", "adopted_on")
    list_filter = ("kind", "status", "cycle")
    list_select_related = ("cycle",)
    search_fields = ("cycle__name", "summary")
    date_hierarchy = "adopted_on"
    inlines = (AssessmentItemInline,)


@admin.register(AssessmentItem)
class AssessmentItemAdmin(EmpactModelAdmin):
    list_display = ("__str__", "assessment", "plan", "horizontal_goal", "rating")
    list_filter = ("rating", "assessment__kind", "assessment__cycle")
    list_select_related = ("assessment__cycle", "plan", "horizontal_goal")
    search_fields = ("plan__code", "horizontal_goal__title", "findings", "recommendations")
    autocomplete_fields = ("assessment", "plan", "horizontal_goal")
