from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The pages that show several apps' data (my work, search, the cycle and priority pages):
    above every business app, so that none of them imports another above it for a page."""

    name = "workspace"
    verbose_name = _("Workspace")
