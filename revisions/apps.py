from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    name = "revisions"
    verbose_name = _("Revisions after the interim report")

    def ready(self) -> None:
        from revisions import permissions  # noqa: F401 - registers the access paths
