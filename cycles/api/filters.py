from django_filters import rest_framework as filters

from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Milestone,
    Recommendation,
    Threat,
    ThreatAssessment,
)
from empact.api.filters import ApiFilterSet, IdFilter, StrictBooleanFilter, YearFilter


class CycleFilterSet(ApiFilterSet):
    first_year = YearFilter()

    class Meta:
        model = Cycle
        fields = ["current_step"]


class MilestoneFilterSet(ApiFilterSet):
    cycle = IdFilter(field_name="cycle")
    due_after = filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_before = filters.DateFilter(field_name="due_date", lookup_expr="lte")
    done = StrictBooleanFilter(field_name="done_date", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Milestone
        fields = ["kind", "step"]


class EmpactDocumentFilterSet(ApiFilterSet):
    cycle = IdFilter(field_name="cycle")

    class Meta:
        model = EmpactDocument
        fields = ["kind"]


class DocumentVersionFilterSet(ApiFilterSet):
    document = IdFilter(field_name="document")

    class Meta:
        model = DocumentVersion
        fields = []


class ThreatAssessmentFilterSet(ApiFilterSet):
    cycle = IdFilter(field_name="cycle")

    class Meta:
        model = ThreatAssessment
        fields = ["kind"]


class ThreatFilterSet(ApiFilterSet):
    assessment = IdFilter(field_name="assessment")
    cycle = IdFilter(field_name="assessment__cycle")

    class Meta:
        model = Threat
        fields = ["trend"]


class EvaluationFilterSet(ApiFilterSet):
    cycle = IdFilter(field_name="cycle")

    class Meta:
        model = Evaluation
        fields = ["status"]


class RecommendationFilterSet(ApiFilterSet):
    evaluation = IdFilter(field_name="evaluation")
    addressed_in = IdFilter(field_name="addressed_in")

    class Meta:
        model = Recommendation
        fields = ["follow_up_status"]
