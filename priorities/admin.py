"""Admin of the crime priorities, the general MASPs and their CHSGs."""

from __future__ import annotations

from django.contrib import admin

from empact.admin import EmpactModelAdmin, EmpactTabularInline
from priorities.models import HorizontalGoal, Masp, Priority


@admin.register(Priority)
class PriorityAdmin(EmpactModelAdmin):
    list_display = ("code", "title", "cycle", "status", "council_decision_date")
    list_filter = ("cycle", "status")
    list_select_related = ("cycle",)
    search_fields = ("code", "title", "description")
    autocomplete_fields = ("threats",)


class HorizontalGoalInline(EmpactTabularInline):
    model = HorizontalGoal
    fields = ("number", "title")


@admin.register(Masp)
class MaspAdmin(EmpactModelAdmin):
    list_display = ("title", "cycle", "approval_date")
    list_select_related = ("cycle",)
    search_fields = ("title", "cycle__name")
    date_hierarchy = "approval_date"
    inlines = (HorizontalGoalInline,)


@admin.register(HorizontalGoal)
class HorizontalGoalAdmin(EmpactModelAdmin):
    list_display = ("__str__", "masp", "number")
    list_filter = ("masp__cycle",)
    list_select_related = ("masp",)
    search_fields = ("title", "description", "masp__title")
    autocomplete_fields = ("masp",)
