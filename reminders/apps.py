from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders and notifications")

    def ready(self) -> None:
        from actors import profile_parts
        from reminders import (
            events,  # noqa: F401 - declares the event codes
            feeds,
            kinds,  # noqa: F401 - the reminder kinds, registered when imported
            subscribers,  # noqa: F401 - the workflow events that notify at once
        )

        # The profile page and /api/v1/me/ (actors) show the calendar address without
        # importing this app.
        profile_parts.register_me_field("calendar_url", feeds.own_feed_url)
        profile_parts.register_profile_part(
            "calendar", "reminders/_profile_calendar.html", feeds.profile_feeds
        )
