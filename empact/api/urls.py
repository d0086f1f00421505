"""``/api/v1/``: every collection, the OpenAPI schema and the reference page.

Included from ``empact/urls.py`` under the ``api`` namespace. URL names are ``api:<type>-list``,
``api:<type>-detail`` and ``api:<type>-<step>``, with the type keys of the access matrix.
"""

from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers

from actors.api import views as actors
from cycles.api import views as cycles
from empact.api.errors import not_found
from empact.api.event_views import EventViewSet
from empact.api.views import LoginNotRequiredMixin
from funding.api import views as funding
from oaps.api import views as oaps
from priorities.api import views as priorities

app_name = "api"


class ApiRootView(LoginNotRequiredMixin, routers.APIRootView):
    """The collections of the API."""


class Router(routers.DefaultRouter):
    APIRootView = ApiRootView
    include_format_suffixes = False


class SchemaView(LoginNotRequiredMixin, SpectacularAPIView):
    """The OpenAPI 3 schema (YAML, or JSON with ?format=json), for signed-in users and tokens."""


class ReferenceView(SpectacularSwaggerSplitView):
    """Swagger UI on the schema, for signed-in users (the sign-in page otherwise). Its assets come
    from drf-spectacular-sidecar, served by the site itself: no CDN, no inline script or style;
    the page declares its language (English, as Swagger UI and the schema)."""

    template_name = "api/reference.html"


COLLECTIONS = [
    ("cycles", cycles.CycleViewSet, "cycle"),
    ("milestones", cycles.MilestoneViewSet, "milestone"),
    ("documents", cycles.EmpactDocumentViewSet, "empact-document"),
    ("document-versions", cycles.DocumentVersionViewSet, "document-version"),
    ("threat-assessments", cycles.ThreatAssessmentViewSet, "threat-assessment"),
    ("threats", cycles.ThreatViewSet, "threat"),
    ("evaluations", cycles.EvaluationViewSet, "evaluation"),
    ("recommendations", cycles.RecommendationViewSet, "recommendation"),
    ("priorities", priorities.PriorityViewSet, "priority"),
    ("masps", priorities.MaspViewSet, "masp"),
    ("horizontal-goals", priorities.HorizontalGoalViewSet, "horizontal-goal"),
    ("plans", oaps.PlanViewSet, "plan"),
    ("plan-goals", oaps.PlanGoalViewSet, "plan-goal"),
    ("actions", oaps.ActionViewSet, "action"),
    ("participations", oaps.ParticipationViewSet, "participation"),
    ("kpis", oaps.KpiViewSet, "kpi"),
    ("reporting-periods", oaps.ReportingPeriodViewSet, "reporting-period"),
    ("progress-reports", oaps.ProgressReportViewSet, "progress-report"),
    ("kpi-values", oaps.KpiValueViewSet, "kpi-value"),
    ("joint-action-days", oaps.JointActionDayViewSet, "joint-action-day"),
    ("result-types", oaps.ResultTypeViewSet, "result-type"),
    ("results", oaps.ResultViewSet, "result"),
    ("assessments", oaps.AssessmentViewSet, "assessment"),
    ("assessment-items", oaps.AssessmentItemViewSet, "assessment-item"),
    ("funding-sources", funding.FundingSourceViewSet, "funding-source"),
    ("funding-calls", funding.FundingCallViewSet, "funding-call"),
    ("funding-requests", funding.FundingRequestViewSet, "funding-request"),
    ("countries", actors.CountryViewSet, "country"),
    ("organisations", actors.OrganisationViewSet, "organisation"),
    ("users", actors.UserViewSet, "user"),
    ("role-assignments", actors.RoleAssignmentViewSet, "role-assignment"),
    ("events", EventViewSet, "event"),
]

router = Router()
for prefix, viewset, basename in COLLECTIONS:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", login_required(ReferenceView.as_view(url_name="api:schema")), name="docs"),
    path("me/", actors.MeView.as_view(), name="me"),
    path("actions/export.csv", oaps.ActionViewSet.as_view({"get": "export"}), name="action-export"),
    path("results/export.csv", oaps.ResultViewSet.as_view({"get": "export"}), name="result-export"),
    *router.urls,
    re_path(r"^.*$", login_not_required(not_found), name="not-found"),
]
