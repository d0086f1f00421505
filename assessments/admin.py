"""Admin of COSI's assessments."""

from django.contrib import admin

from assessments.models import Assessment, AssessmentItem, DelegationComment
from empact.admin import EmpactModelAdmin, EmpactTabularInline, ReadOnlyModelAdmin


class AssessmentItemInline(EmpactTabularInline):
    model = AssessmentItem
    fields = ("plan", "horizontal_goal", "plan_goal", "rating")
    autocomplete_fields = ("plan", "horizontal_goal")
    readonly_fields = ("plan_goal",)
    related = ("assessment__cycle", "plan", "horizontal_goal", "plan_goal__plan")


@admin.register(Assessment)
class AssessmentAdmin(EmpactModelAdmin):
    list_display = ("__str__", "cycle", "kind", "status", "opens_on", "closes_on", "adopted_on")
    list_filter = ("kind", "status", "cycle")
    list_select_related = ("cycle",)
    search_fields = ("cycle__name", "summary")
    date_hierarchy = "adopted_on"
    inlines = (AssessmentItemInline,)


@admin.register(AssessmentItem)
class AssessmentItemAdmin(EmpactModelAdmin):
    list_display = ("__str__", "assessment", "plan", "horizontal_goal", "plan_goal", "rating")
    list_filter = ("rating", "assessment__kind", "assessment__cycle")
    list_select_related = (
        "assessment__cycle",
        "plan",
        "horizontal_goal",
        "plan_goal__plan",
    )
    search_fields = ("plan__code", "horizontal_goal__title", "findings", "recommendations")
    autocomplete_fields = ("assessment", "plan", "horizontal_goal")
    readonly_fields = ("evidence",)


@admin.register(DelegationComment)
class DelegationCommentAdmin(ReadOnlyModelAdmin):
    """Given by delegates through their service only."""

    list_display = ("__str__", "item", "country", "given_by", "given_at")
    list_filter = ("country",)
    list_select_related = ("item__assessment__cycle", "country", "given_by")
    search_fields = ("text",)
