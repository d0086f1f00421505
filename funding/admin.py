"""Admin of funding sources, their calls, and the funding requests of actions."""

from __future__ import annotations

from django.contrib import admin

from empact.admin import EmpactModelAdmin, EmpactTabularInline
from funding.models import FundingCall, FundingRequest, FundingSource


class FundingCallInline(EmpactTabularInline):
    model = FundingCall
    fields = ("title", "opens", "closes", "decision_expected")


@admin.register(FundingSource)
class FundingSourceAdmin(EmpactModelAdmin):
    list_display = ("name", "kind", "managing_body", "maximum_amount")
    list_filter = ("kind",)
    list_select_related = ("managing_body__country",)
    search_fields = ("name", "eligibility")
    autocomplete_fields = ("managing_body",)
    inlines = (FundingCallInline,)


@admin.register(FundingCall)
class FundingCallAdmin(EmpactModelAdmin):
    list_display = ("title", "source", "opens", "closes", "decision_expected")
    list_filter = ("source__kind", "source")
    list_select_related = ("source",)
    search_fields = ("title", "source__name")
    autocomplete_fields = ("source",)
    date_hierarchy = "opens"


@admin.register(FundingRequest)
class FundingRequestAdmin(EmpactModelAdmin):
    list_display = (
        "title",
        "action",
        "source",
        "call",
        "requested",
        "granted",
        "spent",
        "status",
        "decision_date",
    )
    list_filter = ("status", "source__kind", "source")
    list_select_related = ("action", "source", "call")
    search_fields = ("title", "action__code", "action__title", "source__name", "call__title")
    autocomplete_fields = ("action", "source", "call", "beneficiaries", "requested_by")
    date_hierarchy = "decision_date"
