from demo.management.guard import DemoCommand
from demo.users import DEMO_PASSWORD, demo_logins


class Command(DemoCommand):
    help = "Print the demo accounts, their roles and the shared password (demo data only)."

    def handle(self, *args, **options) -> None:
        rows = demo_logins()
        if not rows:
            self.stdout.write("No demo users yet: run `manage.py load_demo` first.")
            return
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, name, organisation, roles in rows:
            person = f"{name}, {organisation}" if organisation else name
            self.stdout.write(f"  {email:<38} {person:<32} {roles}")
