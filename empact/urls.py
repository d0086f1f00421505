"""Root URLs of the EMPACT cycle manager."""

from django.contrib import admin
from django.urls import include, path

from empact import health

urlpatterns = [
    path("health/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
    path("", include("actors.urls")),
    path("", include("oaps.urls")),
    path("", include("reviews.urls")),
    path("", include("revisions.urls")),
    path("", include("assessments.urls")),
    path("", include("oaps.report_urls")),
    path("discussion/", include("discussion.urls")),
    path("", include("actors.token_urls")),
    path("", include("reminders.urls")),
    path("", include("workspace.urls")),
    path("api/v1/", include("empact.api.urls", namespace="api")),
    path("admin/", admin.site.urls),
]
# Uploaded documents are LIMITE: they are never served as plain media files, only through
# permission-checked views.
