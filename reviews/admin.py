"""Admin of the review rounds: read here, written only on the round pages (the services check the
round's dates, the delegate's country and the plans' states, which an admin form would bypass)."""

from django.contrib import admin

from empact.admin import ReadOnlyModelAdmin
from reviews.models import Position, ReviewRound


@admin.register(ReviewRound)
class ReviewRoundAdmin(ReadOnlyModelAdmin):
    list_display = ("title", "cycle", "closes_on", "status", "opened_by")
    list_filter = ("status", "cycle")
    list_select_related = ("cycle", "opened_by")
    search_fields = ("title",)


@admin.register(Position)
class PositionAdmin(ReadOnlyModelAdmin):
    list_display = ("round", "plan", "country", "position", "given_by", "given_at")
    list_filter = ("position", "country")
    list_select_related = ("round", "plan", "country", "given_by")
