from django.core.management.base import BaseCommand

from actors.demo import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Print the demo accounts and their password (demo data only)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, description in demo_logins():
            self.stdout.write(f"  {email:<45} {description}")
