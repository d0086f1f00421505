"""Brute-force protection of every password check and of password-reset mails.

Sign-in attempts go through django-axes: its backend refuses a locked account or address before
any password is compared, and this module gives it the two limits a reviewer expects (a low one
per account, a higher one per address, so one office behind a shared address is not locked out
by one colleague's typos), the client address as our proxy saw it, and the lockout page.

Every place that checks a password (the sign-in page, the admin sign-in, the password-change and
e-mail-change forms) calls ``authenticate()`` with the request, so all count towards one lockout.
"""

from __future__ import annotations

import datetime

from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_client_cache_keys, get_cool_off, get_credentials
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

ACCOUNT_PREFIX = "account:"
RESET_WINDOW_SECONDS = 60 * 60


def client_address(request: HttpRequest) -> str:
    """The address of the client: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies
    the entry the outermost of them appended to ``X-Forwarded-For`` (entries to its left are
    whatever the client sent, so they are never trusted)."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def attempted_account(request: HttpRequest, credentials: dict | None) -> str | None:
    """The account an attempt names, in one spelling (``Driver@X`` and ``driver@x`` are one
    account) and prefixed so a "user name" typed as an IP address never counts for that address."""
    if credentials:
        value = credentials.get("username") or credentials.get("email")
    else:
        data = getattr(request, "data", request.POST)
        value = data.get(settings.AXES_USERNAME_FORM_FIELD)
    if not value:
        return None
    return ACCOUNT_PREFIX + str(value).strip().lower()


class SignInAttemptHandler(AxesCacheHandler):
    """Axes' cache handler with its own limit per account and per address.

    Axes keeps one counter per lockout parameter (account, address: ``AXES_LOCKOUT_PARAMETERS``)
    but compares only the highest with one limit; here each counter has its own.
    """

    def counts(self, request, credentials: dict | None = None) -> tuple[int, int]:
        account_key, address_key = get_client_cache_keys(request, credentials)
        return self.cache.get(account_key, 0), self.cache.get(address_key, 0)

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        account, address = self.counts(request, credentials)
        return (
            account >= settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT
            or address >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
        )

    def user_logged_in(self, sender, request, user, **kwargs):
        """A success clears the account's count only: signing in to their own account must not
        clear the count of the address an attacker guesses other accounts' passwords from."""
        account_key, _address_key = get_client_cache_keys(
            request, get_credentials(user.get_username())
        )
        self.cache.delete(account_key)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is not None and self.is_locked(request, credentials):
            # The failure that reaches a limit already answers with the lockout page.
            request.axes_locked_out = True
            request.axes_credentials = credentials


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The answer to a locked account or address: a page of the site, HTTP 429, saying when."""
    cool_off: datetime.timedelta = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60)
    response = render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes, "until": timezone.localtime() + cool_off},
        status=429,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def password_confirmed(request: HttpRequest, user, password: str) -> bool:
    """Whether ``password`` is the user's, checked like a sign-in: a wrong one counts towards
    the lockout, and a locked account is refused whatever it types."""
    if not password:
        return False
    checked = authenticate(request, username=user.get_username(), password=password)
    return checked is not None and checked.pk == user.pk


class CountedPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the current password checked like a sign-in."""

    def __init__(self, user, *args, request: HttpRequest, **kwargs) -> None:
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not password_confirmed(self.request, self.user, old_password):
            raise self.get_invalid_login_error()
        return old_password

    def get_invalid_login_error(self) -> ValidationError:
        return ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")


def _counted(key: str, limit: int) -> bool:
    """Count one more request under ``key`` for an hour; whether it is still within ``limit``."""
    if cache.add(key, 1, RESET_WINDOW_SECONDS):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, RESET_WINDOW_SECONDS)
        return True


def password_reset_allowed(request: HttpRequest, email: str) -> bool:
    """Whether a reset mail may go out: at most a few per target address and a few dozen
    requests per client address an hour. Both counters move whether or not the account exists,
    and the caller answers the same either way, so the limit reveals nothing."""
    per_address = _counted(
        f"password-reset:client:{client_address(request)}", settings.PASSWORD_RESET_ADDRESS_LIMIT
    )
    per_account = _counted(
        f"password-reset:account:{email.strip().lower()}", settings.PASSWORD_RESET_ACCOUNT_LIMIT
    )
    return per_address and per_account


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's password reset; once a limit is reached no mail goes out, the answer unchanged."""

    def save(self, *args, request: HttpRequest | None = None, **kwargs) -> None:
        if request is not None and password_reset_allowed(request, self.cleaned_data["email"]):
            super().save(*args, request=request, **kwargs)
