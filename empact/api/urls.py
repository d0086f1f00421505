"""``/api/v1/``: every app's collections, the OpenAPI schema and the reference page.

Included from ``empact/urls.py`` under the ``api`` namespace. URL names are ``api:<type>-list``,
``api:<type>-detail`` and ``api:<type>-<step>``, with the type keys of the access matrix.
"""

from importlib import import_module

from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from empact.api.errors import not_found
from empact.api.routers import ApiRootView
from empact.api.views import LoginNotRequiredMixin

app_name = "api"


class SchemaView(LoginNotRequiredMixin, SpectacularAPIView):
    """The OpenAPI 3 schema (YAML, or JSON with ?format=json), for signed-in users and tokens."""


class ReferenceView(SpectacularSwaggerSplitView):
    """Swagger UI on the schema, for signed-in users (the sign-in page otherwise). Its assets come
    from drf-spectacular-sidecar, served by the site itself: no CDN, no inline script or style;
    the page declares its language (English, as Swagger UI and the schema)."""

    template_name = "api/reference.html"


# The apps' API URLconfs, by dotted name: the project package imports no app. Their order is the
# order of the collections on the API root.
API_URLCONFS = (
    "cycles.api.urls",
    "priorities.api.urls",
    "oaps.api.urls",
    "discussion.api.urls",
    "reviews.api.urls",
    "funding.api.urls",
    "assessments.api.urls",
    "revisions.api.urls",
    "actors.api.urls",
    "reminders.api.urls",
    "empact.api.event_urls",
)

# (prefix, viewset, basename) of every collection
COLLECTIONS = [
    entry for urlconf in API_URLCONFS for entry in import_module(urlconf).router.registry
]

api_root = ApiRootView.as_view(
    api_root_dict={prefix: f"{basename}-list" for prefix, _, basename in COLLECTIONS}
)

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", login_required(ReferenceView.as_view(url_name="api:schema")), name="docs"),
    path("", api_root, name="api-root"),
    *(path("", include(urlconf)) for urlconf in API_URLCONFS),
    re_path(r"^.*$", login_not_required(not_found), name="not-found"),
]
