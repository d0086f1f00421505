"""Workflow events notify the people concerned at once (in the worker, after the commit).

Subscribed by event code: ``discussion.comment.added`` is matched by its text, so it works
before and after the discussion app declares it. An event delivered twice notifies once (the
notification's offset is the event's number, under the unique constraint).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from empact.events import subscribe
from empact.models import Event
from reminders import kinds as registry
from reminders.scan import notify, settings_of


def kind_for(code: str) -> registry.EventKind | None:
    for kind in registry.event_kinds():
        if code in kind.event_codes:
            return kind
    return None


@subscribe
def notify_workflow_event(event: Event) -> int:
    """Write the notifications of one committed event; the number written."""
    kind = kind_for(event.code)
    if kind is None or not settings_of(kind.code)[0]:
        return 0
    people = [u for u in kind.recipients(event) if u.pk != event.actor_id]
    if not people:
        return 0
    model = event.content_type.model_class()
    obj = model._default_manager.filter(pk=event.object_id).first() if model else None
    if obj is None:
        return 0
    what = event.object_label or str(obj)
    with transaction.atomic():
        rows = notify(
            recipients=people,
            kind=kind.code,
            obj=obj,
            due_date=timezone.localdate(event.at),
            offset=event.pk,
            title=_EventTitle(kind.label, what, event.actor_label),
            body=(event.payload or {}).get("comment", ""),
            url=kind.url(event),
            mandatory=kind.mandatory,
        )
    return len(rows)


class _EventTitle:
    def __init__(self, label, what: str, actor: str) -> None:
        self.label, self.what, self.actor = label, what, actor

    def __str__(self) -> str:
        return f"{self.label}: {self.what}" + (f" ({self.actor})" if self.actor else "")
