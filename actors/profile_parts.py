"""What the apps above actors add to the profile page and to ``GET /api/v1/me/``.

actors imports none of them: an app (reminders) registers a function of (user, request) under a
name; the profile page renders each part's template, ``/me/`` returns each field's value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Read = Callable[[Any, Any], Any]  # (user, request) -> a value

_ME_FIELDS: dict[str, Read] = {}
_PROFILE_PARTS: dict[str, tuple[str, Read]] = {}


def register_me_field(name: str, read: Read) -> None:
    _ME_FIELDS[name] = read


def me_field(name: str, user, request) -> Any:
    read = _ME_FIELDS.get(name)
    return read(user, request) if read else None


def register_profile_part(name: str, template: str, read: Read) -> None:
    """A part of the profile page: ``template`` is rendered with ``part`` = read(user, request)."""
    _PROFILE_PARTS[name] = (template, read)


def profile_parts(user, request) -> list[dict[str, Any]]:
    return [
        {"name": name, "template": template, "part": read(user, request)}
        for name, (template, read) in _PROFILE_PARTS.items()
    ]
