"""Reference data of the reminders: one settings row per kind of reminder, with its defaults.

A row the admin changed is kept as it is (the offsets are the operators' to tune); only the
kinds added since are written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from empact.upsert import Upserter
from reminders import kinds as registry
from reminders.models import ReminderKind


def reference_load(*, upserter: Upserter, loaded: Mapping[str, Any]) -> dict[str, Any]:
    rows = {}
    for kind in registry.deadline_kinds():
        rows[kind.code], _created = ReminderKind.objects.get_or_create(
            code=kind.code,
            defaults={"offsets": list(kind.offsets), "repeat_days": kind.repeat_days},
        )
    for kind in registry.event_kinds():
        rows[kind.code], _created = ReminderKind.objects.get_or_create(code=kind.code)
    return {"reminder_kinds": rows}
