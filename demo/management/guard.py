"""The guard of the demo commands: they create accounts whose password is published."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

REFUSAL = (
    "Refusing to touch a database not marked as a demo (the demo accounts share a published "
    "password): run with DEBUG=1 or EMPACT_DEMO_DATABASE=1, or pass --demo-database, and only "
    "on a throwaway database."
)


class DemoCommand(BaseCommand):
    """A command that writes or prints demo data; refuses unless the database is a demo."""

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--demo-database",
            action="store_true",
            help="Confirm that this database is a throwaway demo (as EMPACT_DEMO_DATABASE=1).",
        )

    def execute(self, *args, **options):
        if not (settings.DEBUG or settings.EMPACT_DEMO_DATABASE or options.get("demo_database")):
            raise CommandError(REFUSAL)
        return super().execute(*args, **options)
