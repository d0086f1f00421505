from django.core.management.base import CommandError

from demo.management.guard import DemoCommand
from demo.scale import scale_data_generate


class Command(DemoCommand):
    help = (
        "Generate N times the realistic yearly volume (~15 plans and ~210 operational actions "
        "per factor, with participations, KPIs, reports, results and funding requests) in a "
        "synthetic cycle, for load tests. Each run adds a new batch."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--factor", type=int, default=1, help="How many times the volume.")
        parser.add_argument("--seed", type=int, default=2022, help="Seed of the random data.")
        parser.add_argument("--cycles", type=int, default=1, help="Spread over N cycles.")
        parser.add_argument(
            "--big-plan", type=int, default=0, help="Give the first plan N actions."
        )
        parser.add_argument(
            "--users", type=int, default=0, help="Add N people with ~10 role assignments each."
        )

    def handle(self, *args, **options) -> None:
        if options["factor"] < 1:
            raise CommandError("--factor must be at least 1.")
        progress = self.stdout.write if options["verbosity"] > 1 else None
        summary = scale_data_generate(
            factor=options["factor"],
            seed=options["seed"],
            progress=progress,
            cycles=options["cycles"],
            big_plan=options["big_plan"],
            users=options["users"],
        )
        self.stdout.write(f"Synthetic run R{summary.run} created:")
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label:<44} {count:>9}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {summary.seconds:.1f} s "
                f"({summary.actions_per_minute:,.0f} operational actions a minute)."
            )
        )
