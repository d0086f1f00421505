from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class EmpactConfig(AppConfig):
    name = "empact"
    verbose_name = _("EMPACT")

    def ready(self) -> None:
        # every app declares its event codes in its events.py
        autodiscover_modules("events")
        # and its models' workflow steps in its workflows.py (if it has any)
        autodiscover_modules("workflows")
        from empact import event_admin  # noqa: F401 - registers the audit log's admin
