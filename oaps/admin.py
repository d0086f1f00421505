"""Admin of plans, actions, reports, joint action days, results and COSI's assessments."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from empact.admin import (
    DerivedGrantAdmin,
    EmpactModelAdmin,
    EmpactTabularInline,
    ReadOnlyModelAdmin,
)
from oaps.models import (
    ActionGrant,
    AmendmentChange,
    JointActionDay,
    Kpi,
    KpiValue,
    LockException,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanAmendment,
    PlanGoal,
    PlanGrant,
    PlanVersion,
    ProgressReport,
    ReportingPeriod,
    ResultType,
)


class PlanGoalInline(EmpactTabularInline):
    model = PlanGoal
    fields = ("number", "title")
    related = ("plan",)


class OperationalActionInline(EmpactTabularInline):
    """A read-only list of the plan's actions: an action is added and edited on its own page,
    where all its required fields and its KPIs and participations are."""

    model = OperationalAction
    fields = ("code", "title", "leader", "status", "start_date", "end_date")
    readonly_fields = fields
    related = ("leader__country",)
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: OperationalActionPlan | None) -> bool:
        return False


@admin.register(OperationalActionPlan)
class OperationalActionPlanAdmin(EmpactModelAdmin):
    list_display = ("code", "title", "priority", "first_year", "last_year", "driver", "status")
    list_filter = ("status", "priority__cycle", "first_year")
    list_select_related = ("priority", "driver__country")
    search_fields = ("code", "title", "priority__title", "driver__name", "driver__acronym")
    autocomplete_fields = ("priority", "driver", "co_drivers")
    inlines = (PlanGoalInline, OperationalActionInline)


@admin.register(PlanGoal)
class PlanGoalAdmin(EmpactModelAdmin):
    list_display = ("title", "plan", "number")
    list_filter = ("plan__priority__cycle",)
    list_select_related = ("plan",)
    search_fields = ("title", "description", "plan__code")
    autocomplete_fields = ("plan",)


class KpiInline(EmpactTabularInline):
    model = Kpi
    fields = ("name", "unit", "baseline", "target", "direction")


class ParticipationInline(EmpactTabularInline):
    model = Participation
    fields = ("organisation", "country", "role", "confirmation")
    autocomplete_fields = ("organisation", "country")
    related = ("action", "organisation__country", "country")


@admin.register(OperationalAction)
class OperationalActionAdmin(EmpactModelAdmin):
    list_display = (
        "code",
        "title",
        "plan",
        "leader",
        "horizontal_goal",
        "start_date",
        "end_date",
        "status",
        "is_joint_action_day",
    )
    list_filter = ("status", "is_joint_action_day", "plan__priority__cycle", "leader__kind")
    list_select_related = ("plan", "leader__country", "horizontal_goal")
    search_fields = ("code", "title", "plan__code", "leader__name", "leader__acronym")
    autocomplete_fields = ("plan", "horizontal_goal", "plan_goals", "leader", "co_leaders")
    date_hierarchy = "start_date"
    inlines = (KpiInline, ParticipationInline)


@admin.register(Participation)
class ParticipationAdmin(EmpactModelAdmin):
    list_display = ("action", "organisation", "country", "role", "confirmation", "confirmed_at")
    list_filter = ("role", "confirmation")
    list_select_related = ("action", "organisation__country", "country")
    search_fields = (
        "action__code",
        "action__title",
        "organisation__name",
        "organisation__acronym",
        "country__name",
        "contact_name",
    )
    autocomplete_fields = ("action", "organisation", "country", "confirmed_by")


@admin.register(Kpi)
class KpiAdmin(EmpactModelAdmin):
    list_display = ("name", "action", "unit", "baseline", "target", "direction")
    list_filter = ("direction",)
    list_select_related = ("action",)
    search_fields = ("name", "definition", "action__code", "action__title")
    autocomplete_fields = ("action",)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(EmpactModelAdmin):
    list_display = ("title", "plan", "cycle", "start", "end", "deadline", "lock_date")
    list_filter = ("cycle",)
    list_select_related = ("plan", "cycle")
    search_fields = ("title", "plan__code", "cycle__name")
    autocomplete_fields = ("plan",)
    date_hierarchy = "start"


@admin.register(LockException)
class LockExceptionAdmin(EmpactModelAdmin):
    list_display = ("action", "period", "user", "until", "granted_by")
    list_select_related = ("action", "period", "user", "granted_by")
    search_fields = ("action__code", "user__email", "reason")
    autocomplete_fields = ("action", "user")
    readonly_fields = ("granted_by",)


class KpiValueFormSet(BaseInlineFormSet):
    """Offer only the KPIs of the action the report is about (none before it is saved)."""

    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["kpi"].queryset = Kpi.objects.filter(action_id=self.instance.action_id)


class KpiValueInline(EmpactTabularInline):
    model = KpiValue
    formset = KpiValueFormSet
    fields = ("kpi", "value", "comment")
    related = ("kpi",)


@admin.register(ProgressReport)
class ProgressReportAdmin(EmpactModelAdmin):
    list_display = (
        "action",
        "period",
        "status",
        "completion_estimate",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
    )
    list_filter = ("status", "action__plan__priority__cycle")
    list_select_related = ("action", "period", "submitted_by", "reviewed_by")
    search_fields = ("action__code", "action__title", "narrative", "obstacles")
    autocomplete_fields = ("action", "period", "submitted_by", "reviewed_by")
    date_hierarchy = "submitted_at"
    inlines = (KpiValueInline,)


@admin.register(KpiValue)
class KpiValueAdmin(EmpactModelAdmin):
    list_display = ("kpi", "report", "value")
    list_filter = ("report__status",)
    list_select_related = ("kpi", "report__action", "report__period")
    search_fields = ("kpi__name", "report__action__code", "comment")
    autocomplete_fields = ("report", "kpi")


@admin.register(JointActionDay)
class JointActionDayAdmin(EmpactModelAdmin):
    list_display = (
        "title",
        "start_date",
        "end_date",
        "lead_organisation",
        "status",
        "factsheet_published_on",
    )
    list_filter = ("status",)
    list_select_related = ("lead_organisation__country",)
    search_fields = ("title", "coordination_centre", "lead_organisation__name")
    autocomplete_fields = ("lead_organisation", "plans", "actions", "countries")
    date_hierarchy = "start_date"


@admin.register(ResultType)
class ResultTypeAdmin(EmpactModelAdmin):
    list_display = ("name", "code", "category", "unit", "position", "is_public_indicator")
    list_filter = ("unit", "category", "is_public_indicator")
    search_fields = ("name", "code", "category")
    prepopulated_fields = {"code": ("name",)}


@admin.register(OperationalResult)
class OperationalResultAdmin(EmpactModelAdmin):
    list_display = (
        "result_type",
        "quantity",
        "action",
        "joint_action_day",
        "country",
        "period_start",
        "period_end",
        "validated_at",
        "is_published",
    )
    list_filter = ("is_published", "result_type")
    list_select_related = ("result_type", "action", "joint_action_day", "country")
    search_fields = (
        "result_type__name",
        "action__code",
        "action__title",
        "joint_action_day__title",
        "country__name",
    )
    autocomplete_fields = ("action", "joint_action_day", "result_type", "country", "reported_by")
    date_hierarchy = "period_end"


admin.site.register(PlanGrant, DerivedGrantAdmin)
admin.site.register(ActionGrant, DerivedGrantAdmin)


# Written only by the amendment steps (oaps.services.amendments): a version is what COSI
# approved, a proposed change carries its reason; an admin form would bypass both.


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyModelAdmin):
    list_display = ("plan", "number", "approved_at", "approved_by")
    list_select_related = ("plan", "approved_by")
    search_fields = ("plan__code",)


@admin.register(PlanAmendment)
class PlanAmendmentAdmin(ReadOnlyModelAdmin):
    list_display = ("plan", "number", "status", "opened_by", "decided_on")
    list_filter = ("status",)
    list_select_related = ("plan", "opened_by")
    search_fields = ("plan__code", "reason")


@admin.register(AmendmentChange)
class AmendmentChangeAdmin(ReadOnlyModelAdmin):
    list_display = ("amendment", "kind", "target_type", "target_id", "field")
    list_filter = ("kind", "target_type")
    list_select_related = ("amendment", "amendment__plan")
    search_fields = ("reason",)
