"""``manage.py send_reminders``: run the reminder scan once (what the beat does every hour)."""

from django.core.management.base import BaseCommand

from reminders.scan import scan


class Command(BaseCommand):
    help = "Write the reminders due today (each exactly once) and enqueue their e-mails."

    def handle(self, *args, **options) -> None:
        created = scan()
        self.stdout.write(f"{len(created)} notifications written.")
