from assessments.models import Assessment, AssessmentItem, DelegationComment
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
    plan_goal = IdFilter(field_name="plan_goal")

    class Meta:
        model = AssessmentItem
        fields = ["rating", "europol_rating", "drivers_rating"]


class DelegationCommentFilterSet(ApiFilterSet):
    item = IdFilter(field_name="item")
    assessment = IdFilter(field_name="item__assessment")
    country = IdFilter(field_name="country")

    class Meta:
        model = DelegationComment
        fields = []
