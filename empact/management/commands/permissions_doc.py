from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from empact.access.doc import render_markdown


class Command(BaseCommand):
    help = "Write docs/permissions.md from the access matrix (empact/access/matrix.yaml)."

    def handle(self, *args, **options) -> None:
        target = Path(settings.BASE_DIR) / "docs" / "permissions.md"
        target.write_text(render_markdown())
        self.stdout.write(self.style.SUCCESS(f"Wrote {target}"))
