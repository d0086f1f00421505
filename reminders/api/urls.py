"""The API collection of the reminders, assembled under ``/api/v1/`` by ``empact/api/urls.py``."""

from empact.api.routers import CollectionRouter
from reminders.api import views

router = CollectionRouter()
router.register("notifications", views.NotificationViewSet, basename="notification")

urlpatterns = [*router.urls]
