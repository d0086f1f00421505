"""The API collections of COSI's assessments, assembled under ``/api/v1/`` by
``empact/api/urls.py``."""

from assessments.api import views
from empact.api.routers import CollectionRouter

router = CollectionRouter()
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("assessment-items", views.AssessmentItemViewSet, basename="assessment-item")
router.register(
    "delegation-comments", views.DelegationCommentViewSet, basename="delegation-comment"
)
urlpatterns = router.urls
