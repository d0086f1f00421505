from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from empact.api.serializers import ApiModelSerializer
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

STAMPS = ["created_at", "updated_at"]


class PlanSerializer(ApiModelSerializer):
    """An operational action plan. Its status changes only through the workflow steps."""

    class Meta:
        model = OperationalActionPlan
        fields = [
            "id",
            "display",
            "priority",
            "code",
            "title",
            "first_year",
            "last_year",
            "driver",
            "co_drivers",
            "status",
            "decision_comment",
            "approved_on",
            "meeting_reference",
            *STAMPS,
        ]
        read_only_fields = [
            "status",
            "decision_comment",
            "approved_on",
            "meeting_reference",
            *STAMPS,
        ]
        expandable = ("priority", "driver", "co_drivers")


class PlanGoalSerializer(ApiModelSerializer):
    class Meta:
        model = PlanGoal
        fields = ["id", "display", "plan", "number", "title", "description", *STAMPS]
        read_only_fields = STAMPS
        display_related = ("plan",)
        expandable = ("plan",)


class ActionSerializer(ApiModelSerializer):
    """An operational action. Cancel it with the ``/cancel/`` step; it is never deleted."""

    class Meta:
        model = OperationalAction
        fields = [
            "id",
            "display",
            "plan",
            "code",
            "position",
            "title",
            "description",
            "horizontal_goal",
            "plan_goals",
            "leader",
            "co_leaders",
            "start_date",
            "end_date",
            "methods",
            "expected_results",
            "is_joint_action_day",
            "status",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        expandable = ("plan", "horizontal_goal", "plan_goals", "leader", "co_leaders")


class ParticipationSerializer(ApiModelSerializer):
    """A country or an organisation taking part in an action; its NEC confirms or declines."""

    class Meta:
        model = Participation
        fields = [
            "id",
            "display",
            "action",
            "organisation",
            "country",
            "role",
            "confirmation",
            "confirmed_by",
            "confirmed_at",
            "contact_name",
            "contact_email",
            *STAMPS,
        ]
        read_only_fields = ["confirmation", "confirmed_by", "confirmed_at", *STAMPS]
        display_related = ("action", "organisation__country", "country")
        expandable = ("action", "organisation", "country")


class KpiSerializer(ApiModelSerializer):
    class Meta:
        model = Kpi
        fields = [
            "id",
            "display",
            "action",
            "name",
            "definition",
            "unit",
            "baseline",
            "target",
            "direction",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        expandable = ("action",)


class ReportingPeriodSerializer(ApiModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = [
            "id",
            "display",
            "plan",
            "cycle",
            "title",
            "start",
            "end",
            "deadline",
            "lock_date",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        expandable = ("plan", "cycle")
        extra_kwargs = {"deadline": {"required": False}}


class LockExceptionSerializer(ApiModelSerializer):
    """After a period's lock date, one person may still write one action's report until a day."""

    class Meta:
        model = LockException
        fields = [
            "id",
            "display",
            "period",
            "action",
            "user",
            "until",
            "reason",
            "granted_by",
            *STAMPS,
        ]
        read_only_fields = ["granted_by", *STAMPS]
        expandable = ("period", "action", "user")


class KpiValueSerializer(ApiModelSerializer):
    class Meta:
        model = KpiValue
        fields = ["id", "display", "report", "kpi", "value", "comment", *STAMPS]
        read_only_fields = ["report", *STAMPS]
        display_related = ("kpi",)
        expandable = ("report", "kpi")


class ReportKpiValueSerializer(ApiModelSerializer):
    """A KPI value inside its report; write ``{"kpi": 7, "value": "12.00"}`` (null removes it)."""

    value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        model = KpiValue
        fields = ["id", "kpi", "value", "comment"]
        abstract_registration = True


class ReportResultSerializer(ApiModelSerializer):
    """A new operational result of the report's action, recorded with the report's save."""

    class Meta:
        model = OperationalResult
        fields = ["result_type", "quantity", "country", "period_start", "period_end"]
        abstract_registration = True


class ProgressReportSerializer(ApiModelSerializer):
    """A progress report of an action for a reporting period, with its KPI values.

    Saved as a draft (incomplete is fine); the ``/submit/`` step checks it is complete.
    """

    kpi_values = ReportKpiValueSerializer(
        many=True,
        required=False,
        root_options=False,
        help_text=_("The value of each KPI of the action for this period."),
    )
    results = ReportResultSerializer(
        many=True,
        required=False,
        write_only=True,
        root_options=False,
        help_text=_(
            "New operational results of the action, recorded with this save (all or nothing); "
            "read them at /results/."
        ),
    )

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "display",
            "action",
            "period",
            "status",
            "narrative",
            "completion_estimate",
            "obstacles",
            "kpi_values",
            "results",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
            *STAMPS,
        ]
        read_only_fields = [
            "status",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
            *STAMPS,
        ]
        display_related = ("action", "period")
        expandable = ("action", "period")


class JointActionDaySerializer(ApiModelSerializer):
    class Meta:
        model = JointActionDay
        fields = [
            "id",
            "display",
            "title",
            "start_date",
            "end_date",
            "lead_organisation",
            "coordination_centre",
            "plans",
            "actions",
            "countries",
            "status",
            "factsheet_published_on",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        expandable = ("lead_organisation", "plans", "actions", "countries")


class ResultTypeSerializer(ApiModelSerializer):
    class Meta:
        model = ResultType
        fields = [
            "id",
            "display",
            "code",
            "name",
            "category",
            "unit",
            "position",
            "is_public_indicator",
            *STAMPS,
        ]
        read_only_fields = STAMPS


class ResultSerializer(ApiModelSerializer):
    """An aggregate operational result. Europol validates and publishes it with the steps."""

    class Meta:
        model = OperationalResult
        fields = [
            "id",
            "display",
            "action",
            "joint_action_day",
            "result_type",
            "quantity",
            "country",
            "period_start",
            "period_end",
            "reported_by",
            "validated_at",
            "is_published",
            *STAMPS,
        ]
        read_only_fields = ["reported_by", "validated_at", "is_published", *STAMPS]
        display_related = ("result_type",)
        expandable = ("action", "joint_action_day", "result_type", "country")


class ComplianceRowSerializer(serializers.Serializer):
    action = serializers.IntegerField(source="action.pk")
    action_code = serializers.CharField(source="action.code")
    plan = serializers.IntegerField(source="action.plan_id")
    period = serializers.IntegerField(source="period.pk")
    period_title = serializers.CharField(source="period.title")
    due_date = serializers.DateField(source="period.deadline")
    status = serializers.ChoiceField(choices=["on_time", "late", "missing"])
    days_late = serializers.IntegerField(
        help_text=_("Late: days after the due date; missing: days overdue so far.")
    )


class ComplianceSerializer(serializers.Serializer):
    """Reports due so far: on time, late, and not handed in."""

    due = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    missing = serializers.IntegerField()
    rows = ComplianceRowSerializer(many=True)


class ApprovalSerializer(serializers.Serializer):
    """COSI's approval of a plan: the day and the meeting (both required), and a comment."""

    approved_on = serializers.DateField(help_text=_("The day COSI approved the plan."))
    meeting_reference = serializers.CharField(
        max_length=100, help_text=_("The reference of the COSI meeting, e.g. CM 1234/26.")
    )
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Notes on the approval.")
    )


class MissingObjectSerializer(serializers.Serializer):
    type = serializers.CharField(help_text=_("plan or action"))
    id = serializers.IntegerField()


class MissingSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("A stable code of what is missing."))
    message = serializers.CharField()
    object = MissingObjectSerializer()
    url = serializers.CharField(help_text=_("The page that fixes it."))


class CompletenessSerializer(serializers.Serializer):
    """What a plan still lacks before it can be submitted to COSI."""

    complete = serializers.BooleanField()
    missing = MissingSerializer(many=True)


class PlanVersionSerializer(ApiModelSerializer):
    """An approved version of a plan: the snapshot of everything COSI approved."""

    class Meta:
        model = PlanVersion
        fields = [
            "id",
            "display",
            "plan",
            "number",
            "approved_at",
            "approved_by",
            "amendment",
            "snapshot",
            *STAMPS,
        ]
        read_only_fields = fields
        expandable = ("plan",)


class PlanVersionListSerializer(PlanVersionSerializer):
    """A version in the plan's list of versions, without its snapshot (compare two instead)."""

    class Meta(PlanVersionSerializer.Meta):
        fields = [f for f in PlanVersionSerializer.Meta.fields if f != "snapshot"]
        read_only_fields = fields


class PlanAmendmentSerializer(ApiModelSerializer):
    """An amendment of an approved plan; the version in force stays in force until COSI approves
    it. Open one with ``POST /plans/{id}/amend/``; its steps: submit, withdraw, approve, return."""

    class Meta:
        model = PlanAmendment
        fields = [
            "id",
            "display",
            "plan",
            "number",
            "reason",
            "status",
            "opened_by",
            "decided_on",
            "meeting_reference",
            "decision_comment",
            *STAMPS,
        ]
        read_only_fields = [
            "number",
            "status",
            "opened_by",
            "decided_on",
            "meeting_reference",
            "decision_comment",
            *STAMPS,
        ]
        expandable = ("plan",)


class AmendmentChangeSerializer(ApiModelSerializer):
    """One proposed change. ``kind`` change: ``target_type``, ``target_id``, ``field`` and the new
    ``value``; add: ``target_type`` (plan_goal, action, kpi), ``value`` the new object's fields
    and, for a KPI, ``parent_id`` its action; remove: ``target_type`` and ``target_id``. A KPI's
    target and an action's scope, dates or leader need a ``reason``; adding and removing too."""

    value = serializers.JSONField(required=False, allow_null=True)

    class Meta:
        model = AmendmentChange
        fields = [
            "id",
            "display",
            "amendment",
            "kind",
            "target_type",
            "target_id",
            "parent_id",
            "field",
            "before",
            "after",
            "value",
            "reason",
            *STAMPS,
        ]
        read_only_fields = ["before", "after", *STAMPS]
        display_related = ("amendment__plan",)


class AmendSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Why the plan needs to change."))


class AmendmentApprovalSerializer(serializers.Serializer):
    decided_on = serializers.DateField(
        required=False, allow_null=True, help_text=_("COSI's decision date (default today).")
    )
    meeting_reference = serializers.CharField(required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ActionStatusSerializer(serializers.Serializer):
    step = serializers.ChoiceField(
        choices=["start", "delay", "complete"],
        help_text=_("start (ongoing), delay (needs a reason) or complete."),
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class FieldDiffSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    before = serializers.JSONField()
    after = serializers.JSONField()
    reason = serializers.CharField()


class KpiDiffSerializer(serializers.Serializer):
    change = serializers.ChoiceField(choices=["added", "removed", "changed"])
    id = serializers.JSONField(help_text=_("The object's id; new-<n> for one a draft adds."))
    label = serializers.CharField()
    reason = serializers.CharField()
    fields = FieldDiffSerializer(many=True)


class ObjectDiffSerializer(KpiDiffSerializer):
    kpis = KpiDiffSerializer(many=True)


class ComparisonSerializer(serializers.Serializer):
    a = serializers.CharField(source="a_label")
    b = serializers.CharField(source="b_label")
    plan = FieldDiffSerializer(many=True, source="plan_fields")
    goals = ObjectDiffSerializer(many=True)
    actions = ObjectDiffSerializer(many=True)


class CopyFromSerializer(serializers.Serializer):
    """A new draft plan started from this one: the priority it belongs to and, optionally, its
    years, code and title (by default: the years after this plan's, its code with the years
    moved, its title)."""

    priority = serializers.IntegerField(help_text=_("The priority of the new plan."))
    first_year = serializers.IntegerField(required=False, allow_null=True, default=None)
    last_year = serializers.IntegerField(required=False, allow_null=True, default=None)
    code = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=250)
