"""The API collection of revisions, assembled under ``/api/v1/`` by ``empact/api/urls.py``."""

from empact.api.routers import CollectionRouter
from revisions.api import views

router = CollectionRouter()
router.register("revisions", views.RevisionViewSet, basename="revision")
urlpatterns = router.urls
