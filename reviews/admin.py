"""Admin of the review rounds: read here, written only on the round pages (the services check the
round's dates, the delegate's country and the plans' states, which an admin form would bypass)."""

from django.contrib import admin
from django.http import HttpRequest

from empact.admin import EmpactModelAdmin
from reviews.models import Position, ReviewRound


class ReadOnlyAdmin(EmpactModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ReviewRound)
class ReviewRoundAdmin(ReadOnlyAdmin):
    list_display = ("title", "cycle", "closes_on", "status", "opened_by")
    list_filter = ("status", "cycle")
    list_select_related = ("cycle", "opened_by")
    search_fields = ("title",)


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    list_display = ("round", "plan", "country", "position", "given_by", "given_at")
    list_filter = ("position", "country")
    list_select_related = ("round", "plan", "country", "given_by")
