from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("COSI assessments")

    def ready(self) -> None:
        from assessments import permissions  # noqa: F401 - registers the access paths
