"""Demo accounts. Demo data only: never load it into production."""

from __future__ import annotations

from actors.models import User

DEMO_PASSWORD = "empact-demo-2026"  # noqa: S105 - documented demo password, demo data only

DEMO_ADMIN_EMAIL = "admin@empact.example.eu"


def ensure_demo_admin() -> User:
    user, created = User.objects.get_or_create(
        email=DEMO_ADMIN_EMAIL,
        defaults={
            "first_name": "Ada",
            "last_name": "Admin",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def demo_logins() -> list[tuple[str, str]]:
    return [
        (user.email, f"{user.get_full_name()}")
        for user in User.objects.filter(email__endswith="@empact.example.eu").order_by("email")
    ]
