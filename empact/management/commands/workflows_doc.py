from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from empact.workflow import render_markdown


class Command(BaseCommand):
    help = "Write docs/workflows.md from the transition tables (<app>/workflows.py)."

    def handle(self, *args, **options) -> None:
        target = Path(settings.BASE_DIR) / "docs" / "workflows.md"
        with translation.override("en"):
            target.write_text(render_markdown())
        self.stdout.write(self.style.SUCCESS(f"Wrote {target}"))
