from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from funding import (
            permissions,  # noqa: F401 - registers the access paths
            selectors,
        )
        from oaps import page_parts

        # The plan and action pages (oaps) show funding without importing it.
        page_parts.register_plan_part("funding", selectors.plan_funding_summary)
        page_parts.register_action_part("funding_requests", selectors.action_funding_requests)
