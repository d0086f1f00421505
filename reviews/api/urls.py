"""The API collections of COSI's review rounds, assembled under ``/api/v1/`` by
``empact/api/urls.py``."""

from empact.api.routers import CollectionRouter
from reviews.api import views

router = CollectionRouter()
router.register("review-rounds", views.ReviewRoundViewSet, basename="review-round")
urlpatterns = router.urls
