from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrioritiesConfig(AppConfig):
    name = "priorities"
    verbose_name = _("Priorities")

    def ready(self) -> None:
        from priorities import permissions  # noqa: F401 - registers the access paths
