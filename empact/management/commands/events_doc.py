from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from empact.event_doc import render_markdown


class Command(BaseCommand):
    help = "Write docs/events.md from the registry of event codes (each app's events.py)."

    def handle(self, *args, **options) -> None:
        target = Path(settings.BASE_DIR) / "docs" / "events.md"
        target.write_text(render_markdown())
        self.stdout.write(self.style.SUCCESS(f"Wrote {target}"))
