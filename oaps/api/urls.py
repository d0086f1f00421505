"""The API collections of oaps, assembled under ``/api/v1/`` by ``empact/api/urls.py``."""

from django.urls import path

from empact.api.routers import CollectionRouter
from oaps.api import views

router = CollectionRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("plan-goals", views.PlanGoalViewSet, basename="plan-goal")
router.register("actions", views.ActionViewSet, basename="action")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("kpis", views.KpiViewSet, basename="kpi")
router.register("reporting-periods", views.ReportingPeriodViewSet, basename="reporting-period")
router.register("lock-exceptions", views.LockExceptionViewSet, basename="lock-exception")
router.register("progress-reports", views.ProgressReportViewSet, basename="progress-report")
router.register("kpi-values", views.KpiValueViewSet, basename="kpi-value")
router.register("joint-action-days", views.JointActionDayViewSet, basename="joint-action-day")
router.register("result-types", views.ResultTypeViewSet, basename="result-type")
router.register("results", views.ResultViewSet, basename="result")
router.register("plan-versions", views.PlanVersionViewSet, basename="plan-version")
router.register("plan-amendments", views.PlanAmendmentViewSet, basename="plan-amendment")
router.register("amendment-changes", views.AmendmentChangeViewSet, basename="amendment-change")

urlpatterns = [
    path("compliance/", views.ComplianceView.as_view(), name="compliance"),
    path(
        "actions/export.csv", views.ActionViewSet.as_view({"get": "export"}), name="action-export"
    ),
    path(
        "results/export.csv", views.ResultViewSet.as_view({"get": "export"}), name="result-export"
    ),
    *router.urls,
]
