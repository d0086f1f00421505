from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    name = "revisions"
    verbose_name = _("Revisions after the interim report")

    def ready(self) -> None:
        from oaps import page_parts
        from revisions import permissions, selectors  # noqa: F401 - registers the access paths

        # The plan page shows its goals' adopted revisions under the goals.
        page_parts.register_plan_part("revised_goals", selectors.adopted_revisions_of_plan_goals)
