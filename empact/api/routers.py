"""The router each app's ``api/urls.py`` registers its collections on.

Each app owns its collections; ``empact/api/urls.py`` includes every app's URLconf under the
``api`` namespace and lists their collections on the API root.
"""

from rest_framework import routers

from empact.api.views import LoginNotRequiredMixin


class CollectionRouter(routers.SimpleRouter):
    """List and detail routes (``<basename>-list``, ``<basename>-detail``, one per step); the API
    root is the root URLconf's."""

    include_format_suffixes = False


class ApiRootView(LoginNotRequiredMixin, routers.APIRootView):
    """The collections of the API."""
