"""The API collections of actors, assembled under ``/api/v1/`` by ``empact/api/urls.py``."""

from django.urls import path

from actors.api import views
from empact.api.routers import CollectionRouter

router = CollectionRouter()
router.register("countries", views.CountryViewSet, basename="country")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("users", views.UserViewSet, basename="user")
router.register("role-assignments", views.RoleAssignmentViewSet, basename="role-assignment")

urlpatterns = [path("me/", views.MeView.as_view(), name="me"), *router.urls]
