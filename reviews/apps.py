from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("COSI review rounds")

    def ready(self) -> None:
        from django.urls import reverse

        from discussion import commentables
        from reviews import events, permissions, workflows  # noqa: F401 - registrations

        commentables.register(
            "review_round", url=lambda rnd: reverse("review-round-detail", args=[rnd.pk])
        )
