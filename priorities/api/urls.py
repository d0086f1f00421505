"""The API collections of priorities, assembled under ``/api/v1/`` by ``empact/api/urls.py``."""

from django.urls import path

from empact.api.routers import CollectionRouter
from priorities.api import views

router = CollectionRouter()
router.register("priorities", views.PriorityViewSet, basename="priority")
router.register("masps", views.MaspViewSet, basename="masp")
router.register("horizontal-goals", views.HorizontalGoalViewSet, basename="horizontal-goal")

urlpatterns = [
    *router.urls,
    path(
        "cycles/<int:pk>/next/",
        views.NextCycleViewSet.as_view({"post": "next"}),
        name="cycle-next",
    ),
]
