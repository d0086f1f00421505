"""The API collections of cycles, assembled under ``/api/v1/`` by ``empact/api/urls.py``."""

from cycles.api import views
from empact.api.routers import CollectionRouter

router = CollectionRouter()
router.register("cycles", views.CycleViewSet, basename="cycle")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("documents", views.EmpactDocumentViewSet, basename="empact-document")
router.register("document-versions", views.DocumentVersionViewSet, basename="document-version")
router.register("threat-assessments", views.ThreatAssessmentViewSet, basename="threat-assessment")
router.register("threats", views.ThreatViewSet, basename="threat")
router.register("evaluations", views.EvaluationViewSet, basename="evaluation")
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")

urlpatterns = [*router.urls]
