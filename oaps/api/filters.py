import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from actors.models import Country
from empact.api.filters import (
    MAX_ID,
    ApiFilterSet,
    CountryFilter,
    IdFilter,
    StrictBooleanFilter,
    YearFilter,
)
from oaps.models import (
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
    PlanVersion,
    ProgressReport,
    ReportingPeriod,
    ResultType,
)
from oaps.selectors import actions_of_country


def _country_condition(value: str) -> Q:
    value = value.strip()
    if value.isdigit() and int(value) <= MAX_ID:
        return Q(pk=int(value))
    return Q(code=value.upper())


class PlanFilterSet(ApiFilterSet):
    priority = IdFilter(field_name="priority")
    cycle = IdFilter(field_name="priority__cycle")
    driver = IdFilter(field_name="driver")
    year = YearFilter(method="filter_year", help_text=_("Plans covering this year."))

    class Meta:
        model = OperationalActionPlan
        fields = ["status"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(first_year__lte=value, last_year__gte=value)


class PlanGoalFilterSet(ApiFilterSet):
    plan = IdFilter(field_name="plan")

    class Meta:
        model = PlanGoal
        fields = []


class ActionFilterSet(ApiFilterSet):
    plan = IdFilter(field_name="plan")
    priority = IdFilter(field_name="plan__priority")
    cycle = IdFilter(field_name="plan__priority__cycle")
    horizontal_goal = IdFilter(field_name="horizontal_goal")
    leader = IdFilter(field_name="leader")
    country = filters.CharFilter(
        method="filter_country",
        max_length=20,
        help_text=_(
            "Actions a country leads or takes part in (id or ISO code): the leader's or a "
            "co-leader's country, or a participation by the country or one of its organisations."
        ),
    )

    class Meta:
        model = OperationalAction
        fields = ["status", "is_joint_action_day"]

    def filter_country(self, queryset, name, value):
        countries = Country.objects.filter(_country_condition(value))
        return queryset.filter(pk__in=actions_of_country(countries))


class ParticipationFilterSet(ApiFilterSet):
    action = IdFilter(field_name="action")
    plan = IdFilter(field_name="action__plan")
    organisation = IdFilter(field_name="organisation")
    country = CountryFilter(
        lookups=("country", "organisation__country"),
        help_text=_("The participating country, directly or through one of its organisations."),
    )

    class Meta:
        model = Participation
        fields = ["role", "confirmation"]


class KpiFilterSet(ApiFilterSet):
    action = IdFilter(field_name="action")
    plan = IdFilter(field_name="action__plan")

    class Meta:
        model = Kpi
        fields = ["direction"]


class ReportingPeriodFilterSet(ApiFilterSet):
    plan = IdFilter(field_name="plan")
    cycle = IdFilter(field_name="cycle")

    class Meta:
        model = ReportingPeriod
        fields = []


class LockExceptionFilterSet(ApiFilterSet):
    period = IdFilter(field_name="period")
    action = IdFilter(field_name="action")
    user = IdFilter(field_name="user")

    class Meta:
        model = LockException
        fields = []


class ProgressReportFilterSet(ApiFilterSet):
    action = IdFilter(field_name="action")
    plan = IdFilter(field_name="action__plan")
    period = IdFilter(field_name="period")

    class Meta:
        model = ProgressReport
        fields = ["status"]


class KpiValueFilterSet(ApiFilterSet):
    report = IdFilter(field_name="report")
    kpi = IdFilter(field_name="kpi")

    class Meta:
        model = KpiValue
        fields = []


class JointActionDayFilterSet(ApiFilterSet):
    lead_organisation = IdFilter(field_name="lead_organisation")
    plan = IdFilter(method="filter_plan")
    action = IdFilter(method="filter_action")
    year = YearFilter(field_name="start_date", lookup_expr="year")

    class Meta:
        model = JointActionDay
        fields = ["status"]

    def filter_plan(self, queryset, name, value):
        days = JointActionDay.objects.filter(Q(plans=value) | Q(actions__plan=value))
        return queryset.filter(pk__in=days.values("pk"))

    def filter_action(self, queryset, name, value):
        return queryset.filter(pk__in=JointActionDay.objects.filter(actions=value).values("pk"))


class ResultTypeFilterSet(ApiFilterSet):
    class Meta:
        model = ResultType
        fields = ["category", "unit", "is_public_indicator"]


class ResultFilterSet(ApiFilterSet):
    year = YearFilter(method="filter_year", help_text=_("Results whose period overlaps the year."))
    result_type = filters.CharFilter(
        method="filter_result_type", max_length=60, help_text=_("A result type id or code.")
    )
    country = CountryFilter(help_text=_("The country of the result (id or ISO code)."))
    priority = IdFilter(
        method="filter_priority",
        help_text=_("Results of the priority's actions, or of joint action days for it."),
    )
    plan = IdFilter(method="filter_plan")
    action = IdFilter(field_name="action")
    joint_action_day = IdFilter(field_name="joint_action_day")
    validated = StrictBooleanFilter(field_name="validated_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = OperationalResult
        fields = ["is_published"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(
            period_start__lte=datetime.date(value, 12, 31),
            period_end__gte=datetime.date(value, 1, 1),
        )

    def filter_result_type(self, queryset, name, value):
        value = value.strip()
        if value.isdigit() and int(value) <= MAX_ID:
            return queryset.filter(result_type_id=int(value))
        return queryset.filter(result_type__code=value)

    def _through(self, queryset, action_q: Q, day_q: Q):
        days = JointActionDay.objects.filter(day_q)
        return queryset.filter(action_q | Q(joint_action_day__in=days.values("pk")))

    def filter_priority(self, queryset, name, value):
        return self._through(
            queryset,
            Q(action__plan__priority=value),
            Q(plans__priority=value) | Q(actions__plan__priority=value),
        )

    def filter_plan(self, queryset, name, value):
        return self._through(
            queryset, Q(action__plan=value), Q(plans=value) | Q(actions__plan=value)
        )


class PlanVersionFilterSet(ApiFilterSet):
    plan = IdFilter(field_name="plan")

    class Meta:
        model = PlanVersion
        fields = ["number"]


class PlanAmendmentFilterSet(ApiFilterSet):
    plan = IdFilter(field_name="plan")

    class Meta:
        model = PlanAmendment
        fields = ["status"]


class AmendmentChangeFilterSet(ApiFilterSet):
    amendment = IdFilter(field_name="amendment")
    plan = IdFilter(field_name="amendment__plan")

    class Meta:
        model = AmendmentChange
        fields = ["kind", "target_type"]
