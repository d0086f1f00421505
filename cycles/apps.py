from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CyclesConfig(AppConfig):
    name = "cycles"
    verbose_name = _("Cycles")

    def ready(self) -> None:
        from cycles import (
            permissions,  # noqa: F401 - registers the access paths
            workflows,  # noqa: F401 - what docs/workflows.md says of its steps
        )
