"""The audit log's collection, ``/api/v1/events/`` (the project's own, beside the apps')."""

from empact.api.event_views import EventViewSet
from empact.api.routers import CollectionRouter

router = CollectionRouter()
router.register("events", EventViewSet, basename="event")
urlpatterns = router.urls
