from django_filters import rest_framework as filters

from empact.api.filters import ApiFilterSet, IdFilter
from funding.models import FundingCall, FundingRequest, FundingSource


class FundingSourceFilterSet(ApiFilterSet):
    managing_body = IdFilter(field_name="managing_body")

    class Meta:
        model = FundingSource
        fields = ["kind"]


class FundingCallFilterSet(ApiFilterSet):
    source = IdFilter(field_name="source")
    open_on = filters.DateFilter(method="filter_open_on", help_text="Calls open on this day.")

    class Meta:
        model = FundingCall
        fields = []

    def filter_open_on(self, queryset, name, value):
        return queryset.filter(opens__lte=value, closes__gte=value)


class FundingRequestFilterSet(ApiFilterSet):
    action = IdFilter(field_name="action")
    plan = IdFilter(field_name="action__plan")
    source = IdFilter(field_name="source")
    call = IdFilter(field_name="call")

    class Meta:
        model = FundingRequest
        fields = ["status"]
