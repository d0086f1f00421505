"""Root URLs of the EMPACT cycle manager."""

from django.contrib import admin
from django.urls import include, path

from empact import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("", include("actors.urls")),
    path("", include("cycles.urls")),
    path("", include("priorities.urls")),
    path("", include("oaps.urls")),
    path("", include("oaps.report_urls")),
    path("", include("actors.token_urls")),
    path("api/v1/", include("empact.api.urls", namespace="api")),
    path("admin/", admin.site.urls),
]
# Uploaded documents are LIMITE: they are never served as plain media files, only through
# permission-checked views.
