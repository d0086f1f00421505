from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OapsConfig(AppConfig):
    name = "oaps"
    verbose_name = _("Oaps")

    def ready(self) -> None:
        from oaps import permissions  # noqa: F401 - registers the access paths
