"""Writes on accounts and role assignments. Each takes the acting user and checks their right.

The recipe for every change: one transaction, the actor's right checked through the permission
gate, ``full_clean()``, the history row attributed to the actor, derived guardian grants synced,
e-mail sent after commit.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from actors.grants import sync_user_grants
from actors.models import Country, Organisation, Role, RoleAssignment, User
from empact import clock, events
from empact.access import assignable_roles, can
from empact.access.gate import active_assignment_q
from empact.services import object_create, object_delete, object_update, require


def _scope_objects(assignment: RoleAssignment) -> list:
    return [scope for scope in (assignment.plan, assignment.action, assignment.country) if scope]


def may_assign(actor: User, assignment: RoleAssignment) -> bool:
    """Whether the actor could give this role in this scope: the role is among those they may
    assign, and they hold ``assign`` on its plan, action or country. Ending a role, handing it
    over and deactivating its holder need the same."""
    return assignment.role in assignable_roles(actor) and all(
        can(actor, "assign", scope) for scope in _scope_objects(assignment)
    )


def _require_may_assign(actor: User, assignment: RoleAssignment) -> None:
    if assignment.role not in assignable_roles(actor):
        raise PermissionDenied(
            _("You cannot assign the role %(role)s.") % {"role": Role(assignment.role).label}
        )
    if not may_assign(actor, assignment):
        raise PermissionDenied(_("You cannot assign roles in this scope."))


def _refuse_self_grant(actor: User, user: User) -> None:
    if actor.pk == user.pk:
        raise PermissionDenied(
            _("You cannot give yourself a role: ask somebody else who may assign it.")
        )


def roles_beyond(actor: User, user: User) -> list[RoleAssignment]:
    """The user's current and future roles that the actor could not assign."""
    held = user.role_assignments.filter(
        active_assignment_q() | Q(starts_on__gt=clock.today())
    ).select_related("plan", "action", "country")
    return [assignment for assignment in held if not may_assign(actor, assignment)]


def _save(
    obj,
    actor: User | None,
    code: str,
    *,
    update_fields: list[str] | None = None,
    event: bool = True,
    details: dict | None = None,
) -> dict[str, list]:
    """Save with the actor and a dotted event code on the history row, and record the change's
    Event (``event=False`` for a part of a change whose one Event the service records itself);
    returns the fields changed, before and after. ``save_change`` needs an ``updated_at``, which
    users do not have. Passwords and token hashes are never in an Event
    (``empact.events.SECRET_FIELDS``)."""
    obj._history_user = actor
    obj._change_reason = code
    changes = events.changes_of(obj, update_fields)
    obj.save(update_fields=update_fields)
    if event:
        events.record(actor=actor, code=code, obj=obj, changes=changes, details=details)
    events.mark_loaded(obj)
    return changes


def user_create(
    *,
    actor: User,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None = None,
    country: Country | None = None,
    language: str = "en",
    send_invitation: bool = True,
) -> User:
    """Create an account (no public sign-up) and e-mail the new user a link to set a password."""
    with transaction.atomic():
        user = User(
            email=email.strip().lower(),
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            country=country,
            language=language,
        )
        user.set_unusable_password()
        user.full_clean()
        _save(user, actor, "actors.user.created")
        require(actor, "add", user)
        if send_invitation:
            transaction.on_commit(partial(_send_password_link, user.email))
    return user


def _send_password_link(email: str) -> None:
    user = User.objects.get(email=email)
    link = settings.SITE_URL.rstrip("/") + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    with translation.override(user.language):
        body = render_to_string("actors/email/invitation.txt", {"user": user, "link": link})
        subject = _("Your account in the EMPACT cycle manager")
    send_mail(subject, body, None, [user.email])


def user_deactivate(*, actor: User, user: User) -> User:
    """Deactivate an account: its role assignments end today and its sessions are closed."""
    today = clock.today()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        require(actor, "deactivate", user)
        if actor.pk == user.pk:
            raise ValidationError(_("You cannot deactivate your own account."))
        beyond = roles_beyond(actor, user)
        if beyond:
            raise PermissionDenied(
                _(
                    "You cannot deactivate %(name)s: they hold the role %(role)s, which you "
                    "cannot assign."
                )
                % {"name": user, "role": beyond[0].get_role_display()}
            )
        ended, dropped = [], []
        for assignment in user.role_assignments.filter(
            active_assignment_q(today=today) | Q(starts_on__gt=today)
        ):
            if assignment.starts_on > today:
                dropped.append(assignment.pk)
                assignment._history_user = actor
                assignment._change_reason = "actors.user.deactivated"
                assignment.delete()
            else:
                ended.append(assignment.pk)
                assignment.ends_on = max(assignment.starts_on, today - datetime.timedelta(days=1))
                assignment.reason = _("Account deactivated")
                _save(
                    assignment,
                    actor,
                    "actors.user.deactivated",
                    update_fields=["ends_on", "reason", "updated_at"],
                    event=False,
                )
        user.is_active = False
        # one change, one Event: the account, with the roles it ended and the future ones dropped
        _save(
            user,
            actor,
            "actors.user.deactivated",
            update_fields=["is_active"],
            details={"roles_ended": ended, "roles_dropped": dropped},
        )
        sync_user_grants(user, today)
        _close_sessions(user)
    return user


def _close_sessions(user: User) -> None:
    """Delete every stored session of the user (the auth backend also refuses inactive users)."""
    user_pk = str(user.pk)
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=clock.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_pk
    ]
    Session.objects.filter(pk__in=doomed).delete()


def role_assignment_create(
    *,
    actor: User,
    user: User,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    plan=None,
    action=None,
    country: Country | None = None,
    reason: str = "",
) -> RoleAssignment:
    """Give a user a role in a scope. The actor needs the right on that scope and that role,
    and gives no role to themselves."""
    with transaction.atomic():
        assignment = RoleAssignment(
            user=user,
            role=role,
            plan=plan,
            action=action,
            country=country,
            starts_on=starts_on,
            ends_on=ends_on,
            assigned_by=actor,
            reason=reason,
        )
        _refuse_self_grant(actor, user)
        _require_may_assign(actor, assignment)
        assignment.full_clean()
        _save(assignment, actor, "actors.role.assigned")
        require(actor, "add", assignment)
        sync_user_grants(user)
    return assignment


def role_assignment_end(
    *, actor: User, assignment: RoleAssignment, ends_on: datetime.date, reason: str = ""
) -> RoleAssignment:
    """End an assignment on a date (its last day); its rights go the next day, nobody acting."""
    with transaction.atomic():
        assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
        require(actor, "end", assignment)
        _require_may_assign(actor, assignment)
        assignment.ends_on = ends_on
        if reason:
            assignment.reason = reason
        assignment.full_clean()
        _save(
            assignment,
            actor,
            "actors.role.ended",
            update_fields=["ends_on", "reason", "updated_at"],
        )
        sync_user_grants(assignment.user)
    return assignment


def role_assignment_handover(
    *,
    actor: User,
    assignment: RoleAssignment,
    successor: User,
    on: datetime.date,
    reason: str = "",
) -> RoleAssignment:
    """Hand a role over in one step: the predecessor's last day is the successor's first day.

    Both hold the role on the handover day, so there is never a day without anybody in the role.
    """
    with transaction.atomic():
        assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
        require(actor, "handover", assignment)
        _require_may_assign(actor, assignment)
        _refuse_self_grant(actor, successor)
        if assignment.successor_id:
            raise ValidationError(_("This role has already been handed over."))
        if successor.pk == assignment.user_id:
            raise ValidationError({"successor": _("Choose another person as successor.")})
        if on < assignment.starts_on:
            raise ValidationError(
                {
                    "on": _("The handover cannot be before the role started (%(date)s).")
                    % {"date": assignment.starts_on}
                }
            )
        if assignment.ends_on and on > assignment.ends_on:
            raise ValidationError(
                {
                    "on": _("The role already ends on %(date)s; hand it over by then.")
                    % {"date": assignment.ends_on}
                }
            )
        new = RoleAssignment(
            user=successor,
            role=assignment.role,
            plan_id=assignment.plan_id,
            action_id=assignment.action_id,
            country_id=assignment.country_id,
            starts_on=on,
            ends_on=None,
            assigned_by=actor,
            reason=reason or _("Handover from %(name)s") % {"name": assignment.user},
        )
        new.full_clean()
        _save(new, actor, "actors.role.handed_over", event=False)
        assignment.ends_on = on
        assignment.successor = new
        assignment.full_clean()
        # one change, one Event: about the role handed over, naming the successor's assignment
        _save(
            assignment,
            actor,
            "actors.role.handed_over",
            update_fields=["ends_on", "successor", "updated_at"],
        )
        sync_user_grants(assignment.user)
        sync_user_grants(successor)
    return new


def user_change_email(*, user: User, new_email: str, password: str) -> User:
    """The user changes their own e-mail address, which is also their sign-in name.

    Their current password proves it is them and not someone at an unattended session; the old
    address is told, so a takeover does not go unnoticed, and the new one learns it now signs in.
    Administrators change addresses in the admin instead (``email_changed_notify``).
    """
    new_email = new_email.strip().lower()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.check_password(password):
            raise ValidationError({"password": _("This is not your current password.")})
        old_email = user.email
        if new_email == old_email:
            raise ValidationError({"new_email": _("This is already your e-mail address.")})
        user.email = new_email
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as exc:
            raise _email_errors(exc) from exc
        _save(user, user, "actors.user.email_changed", update_fields=["email"])
        email_changed_notify(user=user, old_email=old_email)
    return user


def _email_errors(exc: ValidationError) -> ValidationError:
    """The model's errors about the address (its format, or another account using it) in the
    words of the form; the unique rules name the field ``email`` or none."""
    errors = exc.message_dict
    taken = (
        any(
            error.code in ("unique", "unique_together") for error in exc.error_dict.get("email", [])
        )
        or "__all__" in errors
    )
    if taken:
        return ValidationError(
            {"new_email": _("Another account already uses this e-mail address.")}
        )
    return ValidationError({"new_email": errors.get("email", exc.messages)})


def email_changed_notify(*, user: User, old_email: str) -> None:
    """After commit: tell the old address its account moved, and the new one that it signs in."""
    transaction.on_commit(partial(_send_email_changed, user.pk, old_email))


def _send_email_changed(user_pk: int, old_email: str) -> None:
    user = User.objects.get(pk=user_pk)
    context = {"user": user, "old_email": old_email, "site_url": settings.SITE_URL}
    with translation.override(user.language):
        subject = _("Your e-mail address in the EMPACT cycle manager was changed")
        send_mail(
            subject,
            render_to_string("actors/email/email_changed_old.txt", context),
            None,
            [old_email],
        )
        send_mail(
            subject,
            render_to_string("actors/email/email_changed_new.txt", context),
            None,
            [user.email],
        )


def user_set_password(*, user: User, password: str, by_reset_link: bool) -> User:
    """The user sets a new password, on the password page or by a reset link: one Event, which
    says how but never holds the password (``empact.events.SECRET_FIELDS``)."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.set_password(password)
        _save(
            user,
            user,
            "actors.user.password_changed",
            update_fields=["password"],
            details={"by_reset_link": by_reset_link},
        )
    return user


def user_set_language(*, user: User, language: str) -> User:
    user.language = language
    user.full_clean(exclude=["password"])
    _save(user, user, "actors.user.language_set", update_fields=["language"])
    return user


def administrator_bootstrap(*, email: str, password: str | None) -> User:
    """The first administrator of a new installation (from the command line, no actor)."""
    with transaction.atomic():
        user, created = User.objects.get_or_create(email=email.strip().lower())
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        assigned = None
        if not RoleAssignment.objects.filter(
            active_assignment_q(), user=user, role=Role.ADMINISTRATOR
        ).exists():
            assigned = RoleAssignment.objects.create(
                user=user,
                role=Role.ADMINISTRATOR,
                starts_on=clock.today(),
                reason=_("Created from the command line"),
            )
        if created or assigned or password:
            events.record(
                actor=None,
                code="actors.user.made_administrator",
                obj=user,
                details={
                    "account_created": created,
                    "role_assignment": assigned.pk if assigned else None,
                    "password_set": bool(password),
                },
            )
        sync_user_grants(user)
    return user


# --- countrys ----------------------------------------------------------------------------------


def country_create(*, actor, data: Mapping[str, Any]) -> Country:
    return object_create(actor=actor, model=Country, data=data, code="actors.country.created")


def country_update(
    *, actor, country: Country, data: Mapping[str, Any], version: str | None = None
) -> Country:
    return object_update(
        actor=actor, obj=country, data=data, version=version, code="actors.country.changed"
    )


def country_delete(*, actor, country: Country) -> None:
    object_delete(actor=actor, obj=country, code="actors.country.deleted")


# --- organisations -----------------------------------------------------------------------------


def organisation_create(*, actor, data: Mapping[str, Any]) -> Organisation:
    return object_create(
        actor=actor, model=Organisation, data=data, code="actors.organisation.created"
    )


def organisation_update(
    *, actor, organisation: Organisation, data: Mapping[str, Any], version: str | None = None
) -> Organisation:
    return object_update(
        actor=actor,
        obj=organisation,
        data=data,
        version=version,
        code="actors.organisation.changed",
    )


def organisation_delete(*, actor, organisation: Organisation) -> None:
    object_delete(actor=actor, obj=organisation, code="actors.organisation.deleted")


# --- users -------------------------------------------------------------------------------------


def user_update(*, actor, user: User, data: Mapping[str, Any], version: str | None = None) -> User:
    return object_update(
        actor=actor, obj=user, data=data, version=version, code="actors.user.changed"
    )
