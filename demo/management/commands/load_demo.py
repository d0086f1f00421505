import time

from demo.dataset import demo_load
from demo.management.guard import DemoCommand


class Command(DemoCommand):
    help = (
        "Load the reference data and the demo data set (cycles 2022-2025 and 2026-2029, demo "
        "users). Safe to run again: a second run changes nothing. Demo data only."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        summary = demo_load()
        verbosity = options["verbosity"]
        for label, created, updated in summary.created:
            if verbosity > 1 or created or updated:
                self.stdout.write(f"  {label:<40} {created:>6} created {updated:>6} updated")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded ({summary.actions} operational actions) "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
