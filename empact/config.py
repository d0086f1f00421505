"""Strict parsing of the environment into settings values.

Every setting comes from the environment (12-factor). A value that cannot be
parsed stops the process at start-up with a message naming the variable, so a
typo in production never turns into a silent default.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

SUPPORTED_DATABASE_SCHEMES = ("postgres", "postgresql", "pgsql", "sqlite")


TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off", "")


def parse_bool(name: str, value: str) -> bool:
    """Strict boolean: a typo such as ``DEBUG=ture`` stops the start instead of meaning False."""
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} is not valid: expected one of {', '.join(TRUE_WORDS + FALSE_WORDS[:-1])}, "
        f"got {value!r}."
    )


def database_config(url: str) -> dict:
    """Turn a ``DATABASE_URL`` into a Django ``DATABASES`` entry, or explain what is wrong."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not valid: expected a URL such as "
            f"'postgres://user:password@host:5432/empact' or 'sqlite:///var/empact.sqlite3', "
            f"got a value starting with {scheme + '://' if scheme else repr(url[:20])}."
        )
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # django-environ raises several types for malformed URLs
        raise ImproperlyConfigured(f"DATABASE_URL is not valid: {exc}") from exc
    if scheme != "sqlite" and not config.get("NAME"):
        raise ImproperlyConfigured(
            "DATABASE_URL is not valid: the database name is missing "
            "(expected 'postgres://user:password@host:5432/<name>')."
        )
    if scheme != "sqlite":
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
    return config


def secret_key(value: str | None, *, debug: bool, dev_key_file: Path) -> str:
    """Return the configured secret key; in DEBUG only, fall back to a persisted dev key."""
    if value:
        if not debug and len(value) < 32:
            raise ImproperlyConfigured(
                "SECRET_KEY is too short: use at least 50 random characters."
            )
        return value
    if not debug:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (for example in .env); "
            "a generated key is only used when DEBUG is on."
        )
    dev_key_file.parent.mkdir(parents=True, exist_ok=True)
    if not dev_key_file.exists():
        dev_key_file.write_text(secrets.token_urlsafe(50))
        dev_key_file.chmod(0o600)
    return dev_key_file.read_text().strip()
