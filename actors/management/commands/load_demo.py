from django.core.management.base import BaseCommand
from django.db import transaction

from actors.demo import ensure_demo_admin


class Command(BaseCommand):
    help = "Load reference data and the demo data set. Safe to run again: changes nothing twice."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        ensure_demo_admin()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
