"""Plans, actions and everything inside them. Writes and steps call ``oaps.services``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as BadRequest
from rest_framework.exceptions import ValidationError as InputError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from actors.models import Organisation
from empact.api.exports import csv_response, joined
from empact.api.serializers import CommentSerializer, RequiredCommentSerializer
from empact.api.throttling import ExportRateThrottle
from empact.api.views import ApiViewSet, LoginNotRequiredMixin
from oaps import selectors, services
from oaps.api import filters, serializers
from oaps.models import AmendmentChange, OperationalActionPlan, ProgressReport
from priorities.models import Priority

CSV_SCHEMA = extend_schema(
    responses={(200, "text/csv"): OpenApiTypes.STR},
    filters=True,
    description=_(
        "All rows matching the filters of the list (no pagination), as CSV streamed in "
        "constant memory."
    ),
)


class ExportMixin:
    """``GET /<collection>/export.csv`` with the filters of the list."""

    export_name: str

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action == "export":
            throttles.append(ExportRateThrottle())
        return throttles

    def export_queryset(self):
        raise NotImplementedError

    def export_columns(self):
        raise NotImplementedError

    def export(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.export_queryset())
        return csv_response(queryset, self.export_columns(), self.export_name)


class PlanViewSet(ApiViewSet):
    serializer_class = serializers.PlanSerializer
    services = {
        "create": services.plan_create,
        "delete": services.plan_delete,
    }
    filterset_class = filters.PlanFilterSet
    search_fields = ("code", "title")
    ordering_fields = ("id", "code", "first_year", "status", "updated_at")

    def update_object(self, instance, data):
        # version=None: the view checked If-Match against the row it locked for this change.
        return services.plan_update(actor=self.request.user, plan=instance, data=data, version=None)

    @extend_schema(request=None, responses=serializers.PlanSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The driver submits the plan to COSI; it becomes read-only."""
        return self.run_step(services.plan_submit, "plan")

    @extend_schema(responses=serializers.CompletenessSerializer)
    @action(detail=True, methods=["get"])
    def completeness(self, request, pk=None):
        """What the plan still lacks before its drivers can submit it, each with the page that
        fixes it."""
        return Response(selectors.plan_completeness(self.get_object()))

    @extend_schema(request=serializers.ApprovalSerializer, responses=serializers.PlanSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The COSI secretariat records COSI's approval of a submitted plan (the day and the
        meeting)."""
        data = self.step_input(serializers.ApprovalSerializer)
        return self.run_step(services.plan_approve, "plan", **data)

    @extend_schema(request=RequiredCommentSerializer, responses=serializers.PlanSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """The COSI secretariat returns a submitted plan to the drivers, saying why."""
        data = self.step_input(RequiredCommentSerializer)
        return self.run_step(services.plan_return, "plan", **data)

    @extend_schema(
        request=serializers.AmendSerializer, responses=serializers.PlanAmendmentSerializer
    )
    @action(detail=True, methods=["post"])
    def amend(self, request, pk=None):
        """A driver opens an amendment of an approved plan (409 otherwise, or while another is
        open). The approved version stays in force until COSI approves the amendment."""
        plan = self.get_object()
        data = self.step_input(serializers.AmendSerializer)
        amendment = services.amendment_open(actor=request.user, plan=plan, **data)
        body = serializers.PlanAmendmentSerializer(amendment, context=self.get_serializer_context())
        return Response(body.data, status=201)

    @extend_schema(
        request=serializers.CopyFromSerializer, responses={201: serializers.PlanSerializer}
    )
    @action(detail=True, methods=["post"], url_path="copy-from", url_name="copy-from")
    def copy_from(self, request, pk=None):
        """A driver (or the secretariat) starts a new draft plan of a priority from this plan:
        its goals, actions (planned), KPIs and participants; no status, report, result or
        approval is copied, dates move by the years between the plans."""
        source = self.get_object()
        self.require("copy_from", source)
        data = self.step_input(serializers.CopyFromSerializer)
        priority = (
            Priority.objects.visible_to(request.user, "view")
            .filter(pk=data.pop("priority"))
            .first()
        )
        if priority is None:
            raise InputError({"priority": [_("Choose a priority you can see.")]})
        plan = services.plan_copy_from(
            actor=request.user, source_plan=source, priority=priority, **data
        )
        return self.object_response(plan, 201)

    @extend_schema(request=None, responses=serializers.PlanVersionListSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def versions(self, request, pk=None):
        """The plan's approved versions, newest first (compare two with ``compare``)."""
        plan = self.get_object()
        rows = selectors.plan_versions(user=request.user, plan=plan).select_related("plan")
        context = self.get_serializer_context()
        return Response(
            serializers.PlanVersionListSerializer(rows, many=True, context=context).data
        )

    @extend_schema(
        request=None,
        responses=serializers.ComparisonSerializer,
        parameters=[
            OpenApiParameter("a", str, required=True, description=_("A version number.")),
            OpenApiParameter(
                "b",
                str,
                required=True,
                description=_("A version number, or draft: the open amendment's draft."),
            ),
        ],
    )
    @action(detail=True, methods=["get"])
    def compare(self, request, pk=None):
        """Two versions side by side: plan fields, goals, actions and KPIs added, removed or
        changed (field, before, after) with the reasons given in the amendments."""
        plan = self.get_object()
        try:
            comparison = selectors.plan_comparison(
                user=request.user,
                plan=plan,
                a=request.query_params.get("a", ""),
                b=request.query_params.get("b", ""),
            )
        except selectors.UnknownVersion as error:
            raise InputError({"b": [str(error)]}) from None
        return Response(serializers.ComparisonSerializer(comparison).data)


class PlanGoalViewSet(ApiViewSet):
    serializer_class = serializers.PlanGoalSerializer
    filterset_class = filters.PlanGoalFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "number", "updated_at")

    def create_object(self, data):
        plan = data.pop("plan")
        return services.plan_goal_save(
            actor=self.request.user, plan=plan, goal=None, data=data, version=None
        )

    def update_object(self, instance, data):
        return services.plan_goal_save(
            actor=self.request.user, plan=instance.plan, goal=instance, data=data, version=None
        )

    def delete_object(self, instance):
        services.plan_goal_delete(actor=self.request.user, goal=instance)


class ActionViewSet(ExportMixin, ApiViewSet):
    serializer_class = serializers.ActionSerializer
    filterset_class = filters.ActionFilterSet
    search_fields = ("code", "title", "description")
    ordering_fields = ("id", "code", "position", "start_date", "end_date", "status", "updated_at")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    export_name = "actions"

    def create_object(self, data):
        plan = data.pop("plan")
        return services.action_create(actor=self.request.user, plan=plan, data=data)

    def update_object(self, instance, data):
        return services.action_update(
            actor=self.request.user, action=instance, data=data, version=None
        )

    @extend_schema(request=None, responses=serializers.ActionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel the action (matrix: delete). Its history, reports and results are kept."""
        return self.run_step(services.action_cancel, "action")

    @extend_schema(
        request=serializers.ActionStatusSerializer, responses=serializers.ActionSerializer
    )
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Its implementation status, once the plan is approved: ``start`` (ongoing), ``delay``
        (with a reason) or ``complete``. Leaders, co-leaders and drivers; no amendment needed."""
        data = self.step_input(serializers.ActionStatusSerializer)
        return self.run_step(services.action_status_update, "action", **data)

    def export_queryset(self):
        return (
            self.visible()
            .select_related("plan__priority", "horizontal_goal", "leader__country")
            .prefetch_related(
                Prefetch("co_leaders", queryset=Organisation.objects.select_related("country"))
            )
        )

    def export_columns(self):
        return [
            ("id", lambda a: a.pk),
            ("code", lambda a: a.code),
            ("title", lambda a: a.title),
            ("plan", lambda a: a.plan.code),
            ("priority", lambda a: a.plan.priority.code),
            ("status", lambda a: a.status),
            ("chsg", lambda a: a.horizontal_goal.number),
            ("leader", lambda a: str(a.leader)),
            ("leader_country", lambda a: a.leader.country.code if a.leader.country else ""),
            ("co_leaders", lambda a: joined(a.co_leaders.all())),
            ("start_date", lambda a: a.start_date),
            ("end_date", lambda a: a.end_date),
            ("is_joint_action_day", lambda a: a.is_joint_action_day),
            ("updated_at", lambda a: a.updated_at),
        ]

    @CSV_SCHEMA
    def export(self, request, *args, **kwargs):
        return super().export(request, *args, **kwargs)


class ParticipationViewSet(ApiViewSet):
    serializer_class = serializers.ParticipationSerializer
    services = {
        "update": services.participation_update,
    }
    filterset_class = filters.ParticipationFilterSet
    search_fields = ("contact_name",)
    ordering_fields = ("id", "confirmation", "updated_at")

    def create_object(self, data):
        action_ = data.pop("action")
        return services.participation_add(actor=self.request.user, action=action_, data=data)

    def delete_object(self, instance):
        services.participations_remove(actor=self.request.user, participations=[instance])

    @extend_schema(request=None, responses=serializers.ParticipationSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """The NEC of the participant's country confirms the participation."""
        return self.run_step(services.participation_decide, "participation", confirm=True)

    @extend_schema(request=None, responses=serializers.ParticipationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The NEC of the participant's country declines the participation."""
        return self.run_step(services.participation_decide, "participation", confirm=False)


class KpiViewSet(ApiViewSet):
    serializer_class = serializers.KpiSerializer
    filterset_class = filters.KpiFilterSet
    search_fields = ("name", "definition")
    ordering_fields = ("id", "name", "updated_at")

    def create_object(self, data):
        action_ = data.pop("action")
        return services.kpi_save(actor=self.request.user, action=action_, kpi=None, data=data)

    def update_object(self, instance, data):
        return services.kpi_save(
            actor=self.request.user,
            action=instance.action,
            kpi=instance,
            data=data,
            version=None,
        )

    def delete_object(self, instance):
        services.kpi_delete(actor=self.request.user, kpi=instance)


class ReportingPeriodViewSet(ApiViewSet):
    serializer_class = serializers.ReportingPeriodSerializer
    services = {
        "create": services.reporting_period_create,
        "update": services.reporting_period_update,
        "delete": services.reporting_period_delete,
    }
    filterset_class = filters.ReportingPeriodFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "start", "deadline", "updated_at")


class LockExceptionViewSet(ApiViewSet):
    """Lock exceptions: granted by a driver of the plan or the secretariat."""

    serializer_class = serializers.LockExceptionSerializer
    services = {
        "create": services.lock_exception_create,
        "update": services.lock_exception_update,
        "delete": services.lock_exception_delete,
    }
    filterset_class = filters.LockExceptionFilterSet
    search_fields = ("reason",)
    ordering_fields = ("id", "until", "created_at")


def _kpi_values(rows: list[dict] | None) -> dict | None:
    if rows is None:
        return None
    return {row["kpi"].pk: (row["value"], row.get("comment", "")) for row in rows}


class ProgressReportViewSet(ApiViewSet):
    serializer_class = serializers.ProgressReportSerializer
    services = {
        "delete": services.progress_report_delete,
    }
    filterset_class = filters.ProgressReportFilterSet
    search_fields = ("narrative", "obstacles")
    ordering_fields = ("id", "status", "submitted_at", "updated_at")

    def create_object(self, data):
        action_, period = data.pop("action"), data.pop("period")
        kpi_values = _kpi_values(data.pop("kpi_values", None))
        results = data.pop("results", ())
        existing = ProgressReport.objects.visible_to(self.request.user, "view")
        if existing.filter(action=action_, period=period).exists():
            raise ValidationError(
                {"period": _("This action already has a report for this period.")}
            )
        return services.progress_report_save(
            actor=self.request.user,
            action=action_,
            period=period,
            data=data,
            kpi_values=kpi_values,
            results=results,
        )

    def update_object(self, instance, data):
        kpi_values = _kpi_values(data.pop("kpi_values", None))
        results = data.pop("results", ())
        return services.progress_report_save(
            actor=self.request.user,
            action=instance.action,
            period=instance.period,
            data=data,
            kpi_values=kpi_values,
            results=results,
            version=None,
        )

    @extend_schema(request=None, responses=serializers.ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The action leader submits a complete report (narrative, completion, every KPI)."""
        return self.run_step(services.progress_report_submit, "report")

    @extend_schema(request=CommentSerializer, responses=serializers.ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """A driver accepts a submitted report."""
        data = self.step_input(CommentSerializer)
        return self.run_step(services.progress_report_accept, "report", **data)

    @extend_schema(
        request=RequiredCommentSerializer, responses=serializers.ProgressReportSerializer
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """A driver returns a submitted report to the action leader, saying why."""
        data = self.step_input(RequiredCommentSerializer)
        return self.run_step(services.progress_report_return, "report", **data)


class KpiValueViewSet(ApiViewSet):
    """KPI values, read-only here: they are written inside their progress report."""

    serializer_class = serializers.KpiValueSerializer
    filterset_class = filters.KpiValueFilterSet
    ordering_fields = ("id", "updated_at")
    http_method_names = ["get", "head", "options"]


class JointActionDayViewSet(ApiViewSet):
    serializer_class = serializers.JointActionDaySerializer
    services = {
        "create": services.joint_action_day_create,
        "update": services.joint_action_day_update,
        "delete": services.joint_action_day_delete,
    }
    filterset_class = filters.JointActionDayFilterSet
    search_fields = ("title", "coordination_centre")
    ordering_fields = ("id", "start_date", "end_date", "updated_at")


class ResultTypeViewSet(ApiViewSet):
    serializer_class = serializers.ResultTypeSerializer
    services = {
        "create": services.result_type_create,
        "update": services.result_type_update,
        "delete": services.result_type_delete,
    }
    filterset_class = filters.ResultTypeFilterSet
    search_fields = ("code", "name", "category")
    ordering_fields = ("id", "position", "name", "code")


class ResultViewSet(ExportMixin, ApiViewSet):
    serializer_class = serializers.ResultSerializer
    services = {
        "update": services.result_update,
        "delete": services.result_delete,
    }
    filterset_class = filters.ResultFilterSet
    ordering_fields = ("id", "period_start", "period_end", "quantity", "updated_at")
    export_name = "results"

    def create_object(self, data):
        return services.result_record(actor=self.request.user, data=data)

    @extend_schema(request=None, responses=serializers.ResultSerializer)
    @action(detail=True, methods=["post"])
    def validate(self, request, pk=None):
        """Europol validates the result."""
        return self.run_step(services.result_validate, "result")

    @extend_schema(request=None, responses=serializers.ResultSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Europol publishes a validated result in the public factsheets."""
        return self.run_step(services.result_publish, "result")

    def export_queryset(self):
        return self.visible().select_related(
            "action__plan", "joint_action_day", "result_type", "country"
        )

    def export_columns(self):
        return [
            ("id", lambda r: r.pk),
            ("action", lambda r: r.action.code if r.action else ""),
            ("plan", lambda r: r.action.plan.code if r.action else ""),
            ("joint_action_day", lambda r: r.joint_action_day.title if r.joint_action_day else ""),
            ("result_type", lambda r: r.result_type.code),
            ("result_type_name", lambda r: r.result_type.name),
            ("unit", lambda r: r.result_type.unit),
            ("quantity", lambda r: r.quantity),
            ("country", lambda r: r.country.code if r.country else ""),
            ("period_start", lambda r: r.period_start),
            ("period_end", lambda r: r.period_end),
            ("validated_at", lambda r: r.validated_at),
            ("is_published", lambda r: r.is_published),
            ("updated_at", lambda r: r.updated_at),
        ]

    @CSV_SCHEMA
    def export(self, request, *args, **kwargs):
        return super().export(request, *args, **kwargs)


class PlanVersionViewSet(ApiViewSet):
    """The approved versions of the plans, read-only: COSI's approvals write them."""

    serializer_class = serializers.PlanVersionSerializer
    filterset_class = filters.PlanVersionFilterSet
    ordering_fields = ("id", "number", "approved_at")
    http_method_names = ["get", "head", "options"]


class PlanAmendmentViewSet(ApiViewSet):
    serializer_class = serializers.PlanAmendmentSerializer
    filterset_class = filters.PlanAmendmentFilterSet
    search_fields = ("reason",)
    ordering_fields = ("id", "number", "status", "updated_at")
    http_method_names = ["get", "post", "head", "options"]

    def create_object(self, data):
        return services.amendment_open(
            actor=self.request.user, plan=data["plan"], reason=data.get("reason", "")
        )

    @extend_schema(request=None, responses=serializers.PlanAmendmentSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The drivers submit the amendment (with at least one change) to COSI."""
        return self.run_step(services.amendment_submit, "amendment")

    @extend_schema(request=None, responses=serializers.PlanAmendmentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The drivers withdraw an open amendment; the version in force stays."""
        return self.run_step(services.amendment_withdraw, "amendment")

    @extend_schema(
        request=serializers.AmendmentApprovalSerializer,
        responses=serializers.PlanAmendmentSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The secretariat records COSI's approval: the changes apply and the next version is
        written."""
        data = self.step_input(serializers.AmendmentApprovalSerializer)
        return self.run_step(services.amendment_approve, "amendment", **data)

    @extend_schema(request=RequiredCommentSerializer, responses=serializers.PlanAmendmentSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """The secretariat returns the amendment to the drivers with the changes requested."""
        data = self.step_input(RequiredCommentSerializer)
        return self.run_step(services.amendment_return, "amendment", **data)


class AmendmentChangeViewSet(ApiViewSet):
    serializer_class = serializers.AmendmentChangeSerializer
    filterset_class = filters.AmendmentChangeFilterSet
    ordering_fields = ("id", "updated_at")

    def create_object(self, data):
        actor, amendment = self.request.user, data["amendment"]
        kind, target = data.get("kind", AmendmentChange.Kind.CHANGE), data.get("target_type", "")
        reason = data.get("reason", "")
        if kind == AmendmentChange.Kind.ADD:
            value = data.get("value")
            return services.amendment_add(
                actor=actor,
                amendment=amendment,
                target_type=target,
                data=value if isinstance(value, dict) else {},
                reason=reason,
                parent_id=data.get("parent_id"),
            )
        if kind == AmendmentChange.Kind.REMOVE:
            return services.amendment_remove(
                actor=actor,
                amendment=amendment,
                target_type=target,
                target_id=data.get("target_id"),
                reason=reason,
            )
        change = services.amendment_change_save(
            actor=actor,
            amendment=amendment,
            target_type=target,
            target_id=data.get("target_id"),
            field=data.get("field", ""),
            value=data.get("value"),
            reason=reason,
        )
        if change is None:
            raise ValidationError({"value": _("This is the value in force: nothing changes.")})
        return change

    def update_object(self, instance, data):
        if instance.kind != AmendmentChange.Kind.CHANGE:
            raise ValidationError(
                {"value": _("Take this change back and propose it again to change it.")}
            )
        change = services.amendment_change_save(
            actor=self.request.user,
            amendment=instance.amendment,
            target_type=instance.target_type,
            target_id=instance.target_id,
            field=instance.field,
            value=data.get("value", instance.value),
            reason=data.get("reason", instance.reason),
            resave=True,
        )
        return change or instance

    def delete_object(self, instance):
        services.amendment_change_delete(actor=self.request.user, change=instance)


class ComplianceView(LoginNotRequiredMixin, GenericAPIView):
    """Reporting compliance of the actions you may see: ``?plan=``, ``?country=`` (an id or a
    code) or ``?cycle=``: how many reports came on time, late, or not at all, and each one."""

    serializer_class = serializers.ComplianceSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("plan", int, required=False),
            OpenApiParameter("country", str, required=False),
            OpenApiParameter("cycle", int, required=False),
        ]
    )
    def get(self, request):
        from actors.models import Country
        from cycles.models import Cycle
        from empact import clock
        from oaps import selectors as oaps_selectors

        today = clock.today()
        params = request.query_params
        chosen = [name for name in ("plan", "country", "cycle") if params.get(name)]
        if len(chosen) != 1:
            raise BadRequest({"detail": _("Give exactly one of plan, country or cycle.")})
        name = chosen[0]
        value = params[name].strip()
        if name == "country":
            if value.isdigit() and int(value) >= 2**63:
                raise NotFound()
            lookup = {"pk": int(value)} if value.isdigit() else {"code": value.upper()[:8]}
            scope = Country.objects.visible_to(request.user, "view").filter(**lookup).first()
            read = oaps_selectors.country_compliance
        elif not value.isdigit() or int(value) >= 2**63:
            raise BadRequest({name: _("Give the id of a %(name)s.") % {"name": name}})
        elif name == "plan":
            scope = (
                OperationalActionPlan.objects.visible_to(request.user, "view")
                .filter(pk=int(value))
                .first()
            )
            read = oaps_selectors.plan_compliance
        else:
            scope = Cycle.objects.visible_to(request.user, "view").filter(pk=int(value)).first()
            read = oaps_selectors.cycle_compliance
        if scope is None:
            raise NotFound()
        result = read(request.user, scope, today)
        return Response(self.get_serializer(result).data)
