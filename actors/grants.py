"""Guardian object permissions derived from role assignments.

A scoped role gives its holder one guardian permission on the scope object: drivers on their plan,
action leaders and participants on their action, NECs and COSI delegates on their country. The
rows live in direct foreign-key permission tables (guardian's advice for busy tables) and point at
the assignment they come from; each scope's table is registered by the app owning the scope
object (``empact.access.roles``). ``sync_user_grants`` makes a user's rows match their assignments
active today; ``sync_due_grants`` does that for every user whose rows are out of date, and runs
from Celery beat so that a role that starts or ends by date takes effect with nobody acting.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from actors.models import Role, RoleAssignment, User
from empact import clock
from empact.access import roles as registry
from empact.access.gate import active_assignment_q

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Grant:
    scope_field: str  # the RoleAssignment field holding the scope object
    codename: str


ROLE_GRANTS: dict[str, Grant] = {
    Role.DRIVER: Grant("plan", "drive_operationalactionplan"),
    Role.CO_DRIVER: Grant("plan", "codrive_operationalactionplan"),
    Role.ACTION_LEADER: Grant("action", "lead_operationalaction"),
    Role.CO_ACTION_LEADER: Grant("action", "colead_operationalaction"),
    Role.PARTICIPANT: Grant("action", "participate_operationalaction"),
    Role.NEC: Grant("country", "coordinate_country"),
    Role.COSI_DELEGATE: Grant("country", "represent_country"),
}


def _permissions() -> dict[str, Permission]:
    codenames = [grant.codename for grant in ROLE_GRANTS.values()]
    return {p.codename: p for p in Permission.objects.filter(codename__in=codenames)}


@transaction.atomic
def sync_user_grants(user: User, today: datetime.date | None = None) -> None:
    """Make the user's guardian rows and admin flags match their assignments active today."""
    today = today or clock.today()
    active = list(
        RoleAssignment.objects.filter(active_assignment_q(today=today), user=user)
        if user.is_active
        else RoleAssignment.objects.none()
    )
    permissions = _permissions()
    for scope_field, model in registry.grant_models().items():
        wanted: dict[tuple[int, int], int] = {}
        for assignment in active:
            grant = ROLE_GRANTS.get(assignment.role)
            if grant and grant.scope_field == scope_field:
                key = (permissions[grant.codename].pk, getattr(assignment, f"{scope_field}_id"))
                wanted.setdefault(key, assignment.pk)
        existing = {
            (row.permission_id, row.content_object_id): row
            for row in model.objects.filter(user=user)
        }
        stale = [
            row.pk
            for key, row in existing.items()
            if key not in wanted or row.assignment_id != wanted[key]
        ]
        model.objects.filter(pk__in=stale).delete()
        kept = {key for key, row in existing.items() if row.pk not in stale}
        model.objects.bulk_create(
            model(user=user, permission_id=perm, content_object_id=obj, assignment_id=assignment)
            for (perm, obj), assignment in wanted.items()
            if (perm, obj) not in kept
        )
    is_admin = any(a.role == Role.ADMINISTRATOR for a in active)
    if (user.is_superuser, user.is_staff) != (is_admin, is_admin):
        user.is_superuser = user.is_staff = is_admin
        user.save(update_fields=["is_superuser", "is_staff"])
    from empact.access.gate import forget_roles

    forget_roles(user)


def grants_bulk_create(
    assignments: list[RoleAssignment], today: datetime.date | None = None
) -> int:
    """The guardian rows of freshly created assignments, in bulk (for generated volume): the
    same derivation as ``sync_user_grants`` (one row per user, permission and scope object, from
    the first active assignment giving it) for users who have no rows yet. Returns the count."""
    today = today or clock.today()
    permissions = _permissions()
    count = 0
    for scope_field, model in registry.grant_models().items():
        wanted: dict[tuple[int, int, int], int] = {}
        for assignment in assignments:
            grant = ROLE_GRANTS.get(assignment.role)
            if grant and grant.scope_field == scope_field and assignment.is_active_on(today):
                key = (
                    assignment.user_id,
                    permissions[grant.codename].pk,
                    getattr(assignment, f"{scope_field}_id"),
                )
                wanted.setdefault(key, assignment.pk)
        rows = model.objects.bulk_create(
            (
                model(user_id=user, permission_id=perm, content_object_id=obj, assignment_id=pk)
                for (user, perm, obj), pk in wanted.items()
            ),
            batch_size=2000,
        )
        count += len(rows)
    return count


def users_with_stale_grants(today: datetime.date | None = None):
    """Users whose guardian rows or admin flags do not match their assignments today."""
    today = today or clock.today()
    active = active_assignment_q("assignment__", today)
    stale_rows = Q()
    for model in registry.grant_models().values():
        stale_rows |= Exists(
            model.objects.filter(user=OuterRef("pk")).filter(
                ~active | Q(assignment__user__is_active=False)
            )
        )
    missing_rows = Q()
    for scope_field, model in registry.grant_models().items():
        roles = [r for r, g in ROLE_GRANTS.items() if g.scope_field == scope_field]
        missing_rows |= Exists(
            RoleAssignment.objects.filter(
                active_assignment_q(today=today),
                user=OuterRef("pk"),
                user__is_active=True,
                role__in=roles,
            ).exclude(
                Exists(
                    model.objects.filter(
                        user=OuterRef("user"), content_object=OuterRef(scope_field)
                    )
                )
            )
        )
    admin_now = Exists(
        RoleAssignment.objects.filter(
            active_assignment_q(today=today), user=OuterRef("pk"), role=Role.ADMINISTRATOR
        )
    )
    wrong_flags = (Q(is_superuser=True) & ~admin_now) | (
        Q(is_superuser=False, is_active=True) & admin_now
    )
    return User.objects.filter(stale_rows | missing_rows | wrong_flags)


def sync_due_grants(today: datetime.date | None = None) -> int:
    """Bring every out-of-date user in line; safe to run twice. Returns how many were synced."""
    today = today or clock.today()
    count = 0
    for user in users_with_stale_grants(today).iterator():
        sync_user_grants(user, today)
        count += 1
    if count:
        logger.info("role grants synced for %s users", count)
    return count
