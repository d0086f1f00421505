from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from actors.models import Country, Organisation, Role, RoleAssignment, User
from empact import clock
from empact.access.gate import active_assignment_q
from empact.api.filters import ApiFilterSet, CountryFilter, IdFilter, StrictBooleanFilter


class CountryFilterSet(ApiFilterSet):
    code = filters.CharFilter(field_name="code", lookup_expr="iexact", max_length=2)

    class Meta:
        model = Country
        fields = ["kind"]


class OrganisationFilterSet(ApiFilterSet):
    country = CountryFilter()

    class Meta:
        model = Organisation
        fields = ["kind", "discipline"]


class UserFilterSet(filters.FilterSet):  # accounts have no updated_at: no updated_after
    organisation = IdFilter(field_name="organisation")
    country = CountryFilter()
    is_active = StrictBooleanFilter(field_name="is_active")

    class Meta:
        model = User
        fields = ["is_active", "language"]


class RoleAssignmentFilterSet(ApiFilterSet):
    user = IdFilter(field_name="user")
    role = filters.ChoiceFilter(choices=Role.choices)
    plan = IdFilter(field_name="plan")
    action = IdFilter(field_name="action")
    country = CountryFilter()
    active = StrictBooleanFilter(
        method="filter_active", help_text=_("Only roles held today (true) or not (false).")
    )

    class Meta:
        model = RoleAssignment
        fields = ["role"]

    def filter_active(self, queryset, name, value):
        condition = active_assignment_q(today=clock.today())
        return queryset.filter(condition if value else ~Q(condition))
