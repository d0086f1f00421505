"""What the apps above oaps add to the plan and action pages.

oaps does not import the apps built on it. An app above it (funding) registers here a function
that reads its part of a page for a user, under the name the page's template shows it by; the
plan, action and progress report pages call every registered function and render what they
return.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model

Read = Callable[[Any, Model], Any]  # (user, the plan or action) -> what the template shows

_PLAN_PARTS: dict[str, Read] = {}
_ACTION_PARTS: dict[str, Read] = {}
_REPORT_PARTS: dict[str, Read] = {}


def register_plan_part(name: str, read: Read) -> None:
    _PLAN_PARTS[name] = read


def register_action_part(name: str, read: Read) -> None:
    _ACTION_PARTS[name] = read


def register_report_part(name: str, read: Read) -> None:
    _REPORT_PARTS[name] = read


def plan_parts(user, plan: Model) -> dict[str, Any]:
    """The registered parts of the plan page, by name, each read for the user."""
    return {name: read(user, plan) for name, read in _PLAN_PARTS.items()}


def action_parts(user, action: Model) -> dict[str, Any]:
    """The registered parts of the action page, by name, each read for the user."""
    return {name: read(user, action) for name, read in _ACTION_PARTS.items()}


def report_parts(user, report: Model) -> dict[str, Any]:
    """The registered parts of the progress report page, by name, each read for the user."""
    return {name: read(user, report) for name, read in _REPORT_PARTS.items()}
