from empact.api.filters import ApiFilterSet, IdFilter
from revisions.models import Revision


class RevisionFilterSet(ApiFilterSet):
    cycle = IdFilter(field_name="cycle")
    priority = IdFilter(field_name="priority")
    plan_goal = IdFilter(field_name="plan_goal")

    class Meta:
        model = Revision
        fields = ["status"]
