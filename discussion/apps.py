from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = _("Discussion")

    def ready(self) -> None:
        from django.urls import reverse

        from discussion import (
            commentables,
            events,  # noqa: F401 - declares the event codes
            permissions,  # noqa: F401 - registers the access paths
            selectors,
        )
        from oaps import page_parts

        # oaps cannot import discussion (it sits below): its kinds are registered here.
        commentables.register("plan", url=lambda plan: reverse("plan-detail", args=[plan.pk]))
        commentables.register(
            "action", url=lambda action: reverse("action-detail", args=[action.pk])
        )
        commentables.register(
            "progress_report", url=lambda report: reverse("report-edit", args=[report.pk])
        )
        page_parts.register_plan_part("discussion", selectors.discussion_part)
        page_parts.register_action_part("discussion", selectors.discussion_part)
        page_parts.register_report_part("discussion", selectors.discussion_part)
