from django_filters import rest_framework as filters

from empact.api.filters import ApiFilterSet, IdFilter
from priorities.models import HorizontalGoal, Masp, Priority


class PriorityFilterSet(ApiFilterSet):
    cycle = IdFilter(field_name="cycle")
    code = filters.CharFilter(field_name="code", lookup_expr="iexact", max_length=20)

    class Meta:
        model = Priority
        fields = ["status"]


class MaspFilterSet(ApiFilterSet):
    cycle = IdFilter(field_name="cycle")

    class Meta:
        model = Masp
        fields = []


class HorizontalGoalFilterSet(ApiFilterSet):
    masp = IdFilter(field_name="masp")
    cycle = IdFilter(field_name="masp__cycle")

    class Meta:
        model = HorizontalGoal
        fields = ["number"]
