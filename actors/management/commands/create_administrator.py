import getpass

from django.core.management.base import BaseCommand, CommandError

from actors.services import administrator_bootstrap


class Command(BaseCommand):
    help = (
        "Create (or promote) an administrator: the account and an administrator role assignment "
        "starting today. Use this instead of createsuperuser: administrator rights come from the "
        "role assignment, and a superuser without one loses the flag at the next grant sync."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--no-password", action="store_true", help="Keep the current password, ask none."
        )

    def handle(self, *args, email: str, no_password: bool, **options) -> None:
        password = None
        if not no_password:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ.")
        user = administrator_bootstrap(email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"{user.email} is an administrator."))
