"""Admin of cycles, their documents, milestones, threat assessments and evaluations."""

from __future__ import annotations

from django.contrib import admin

from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Milestone,
    Recommendation,
    Threat,
    ThreatAssessment,
    TimetableEntry,
)
from empact.admin import EmpactModelAdmin, EmpactTabularInline


@admin.register(Cycle)
class CycleAdmin(EmpactModelAdmin):
    list_display = ("name", "first_year", "current_step")
    list_filter = ("current_step",)
    search_fields = ("name",)


class DocumentVersionInline(EmpactTabularInline):
    model = DocumentVersion
    # the file uploads only on the document's page (checked by type and size) and downloads
    # only through the gate: the admin shows its name, never a link
    fields = ("version", "approved_on", "council_reference", "filename")
    readonly_fields = ("filename",)
    related = ("document",)


@admin.register(EmpactDocument)
class EmpactDocumentAdmin(EmpactModelAdmin):
    list_display = ("title", "kind", "cycle")
    list_filter = ("kind", "cycle")
    list_select_related = ("cycle",)
    search_fields = ("title",)
    inlines = (DocumentVersionInline,)


@admin.register(DocumentVersion)
class DocumentVersionAdmin(EmpactModelAdmin):
    list_display = ("__str__", "document", "version", "approved_on", "council_reference")
    list_filter = ("document__kind", "document__cycle")
    list_select_related = ("document",)
    search_fields = ("document__title", "council_reference", "notes")
    autocomplete_fields = ("document",)
    date_hierarchy = "approved_on"
    exclude = ("file",)  # uploaded on the document's page, downloaded through the gate
    readonly_fields = ("filename", "content_type", "size", "created_at", "updated_at")


@admin.register(Milestone)
class MilestoneAdmin(EmpactModelAdmin):
    list_display = ("title", "cycle", "kind", "step", "due_date", "done_date", "responsible")
    list_filter = ("cycle", "kind", "step")
    list_select_related = ("cycle", "responsible__country")
    search_fields = ("title",)
    autocomplete_fields = ("responsible", "document")
    date_hierarchy = "due_date"


class ThreatInline(EmpactTabularInline):
    model = Threat
    fields = ("title", "trend")


@admin.register(ThreatAssessment)
class ThreatAssessmentAdmin(EmpactModelAdmin):
    list_display = ("title", "cycle", "kind", "publication_date")
    list_filter = ("kind", "cycle")
    list_select_related = ("cycle",)
    search_fields = ("title", "summary")
    date_hierarchy = "publication_date"
    inlines = (ThreatInline,)


@admin.register(Threat)
class ThreatAdmin(EmpactModelAdmin):
    list_display = ("title", "assessment", "trend")
    list_filter = ("trend", "assessment__cycle")
    list_select_related = ("assessment",)
    search_fields = ("title", "description")
    autocomplete_fields = ("assessment",)


class RecommendationInline(EmpactTabularInline):
    model = Recommendation
    fields = ("number", "text", "follow_up_status", "addressed_in")
    related = ("evaluation__cycle",)


@admin.register(Evaluation)
class EvaluationAdmin(EmpactModelAdmin):
    list_display = ("title", "cycle", "status", "evaluator", "commissioned_by", "published_on")
    list_filter = ("status",)
    list_select_related = ("cycle", "commissioned_by__country")
    search_fields = ("title", "evaluator", "summary")
    autocomplete_fields = ("commissioned_by",)
    date_hierarchy = "published_on"
    inlines = (RecommendationInline,)


@admin.register(Recommendation)
class RecommendationAdmin(EmpactModelAdmin):
    list_display = ("__str__", "evaluation", "number", "follow_up_status", "addressed_in")
    list_filter = ("follow_up_status", "addressed_in")
    list_select_related = ("evaluation__cycle", "addressed_in")
    search_fields = ("text", "evaluation__title")
    autocomplete_fields = ("evaluation",)


@admin.register(TimetableEntry)
class TimetableEntryAdmin(EmpactModelAdmin):
    """The default timetable: what a new cycle's milestones are generated from."""

    list_display = ("title_pattern", "kind", "step", "year_offset", "month", "day", "responsible")
    list_filter = ("kind", "step")
    list_select_related = ("responsible__country",)
    search_fields = ("title_pattern",)
    autocomplete_fields = ("responsible",)
