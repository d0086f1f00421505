"""Personal API tokens: ``Authorization: Token <key>``.

A key is 43 random URL-safe characters after the prefix ``empact_``; only its SHA-256 hash is
stored, so a stolen database does not give working keys. The last-use time is written at most
once a minute per token, so a busy integration does not turn every read into a write.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from actors.models import ApiToken, User
from empact import clock, events

KEY_PREFIX = "empact_"
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(
    *, user: User, name: str, expires_on: datetime.date | None = None
) -> tuple[ApiToken, str]:
    """Create a token for the user; returns it with the key, which is never shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken(
            user=user,
            name=name,
            expires_on=expires_on,
            key_prefix=key[: len(KEY_PREFIX) + 4],
            key_hash=hash_key(key),
        )
        token.full_clean()
        token._history_user = user
        token._change_reason = "actors.api_token.created"
        token.save()
        events.record(  # the hash is never in an Event (empact.events.SECRET_FIELDS)
            actor=user, code="actors.api_token.created", obj=token, changes=events.changes_of(token)
        )
    return token, key


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token (idempotent): the owner's own, or any token for an administrator, e.g. a
    key that leaked."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.user_id != actor.pk and not actor.is_superuser:
            raise PermissionDenied(_("Only the owner or an administrator revokes a token."))
        if token.revoked_at is None:
            token.revoked_at = clock.now()
            token._history_user = actor
            token._change_reason = "actors.api_token.revoked"
            token.save(update_fields=["revoked_at"])
            events.record(
                actor=actor,
                code="actors.api_token.revoked",
                obj=token,
                changes={"revoked_at": [None, token.revoked_at]},
            )
    return token


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: send 'Authorization: Token <key>'.")
            )
        try:
            key = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        return self.authenticate_key(key)

    def authenticate_key(self, key: str) -> tuple[User, ApiToken]:
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_key(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.is_usable_on(clock.today()):
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The account of this token is deactivated."))
        now = clock.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "actors.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": str(
                _(
                    "A personal API token, created under 'API tokens' in the web interface: "
                    "send 'Authorization: Token <key>'."
                )
            ),
        }
