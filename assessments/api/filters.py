from assessments.models import Assessment, AssessmentItem
from empact.api.filters import ApiFilterSet, IdFilter


class AssessmentFilterSet(ApiFilterSet):
    cycle = IdFilter(field_name="cycle")

    class Meta:
        model = Assessment
        fields = ["kind", "status"]


class AssessmentItemFilterSet(ApiFilterSet):
    assessment = IdFilter(field_name="assessment")
    plan = IdFilter(field_name="plan")
    horizontal_goal = IdFilter(field_name="horizontal_goal")

    class Meta:
        model = AssessmentItem
        fields = ["rating"]
