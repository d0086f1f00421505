from django.core.management.base import BaseCommand

from empact.reference import reference_load
from empact.upsert import Upserter


class Command(BaseCommand):
    help = (
        "Load the reference data: countries, organisations, result types and funding sources. "
        "Safe to run again: only missing or changed rows are written."
    )

    def handle(self, *args, **options) -> None:
        upserter = Upserter()
        reference_load(upserter=upserter)
        for label, created, updated in upserter.summary():
            self.stdout.write(f"  {label:<32} {created:>6} created {updated:>6} updated")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
