"""Renders the registry of event codes as docs/events.md (``manage.py events_doc``)."""

from __future__ import annotations

from itertools import groupby

from django.apps import apps
from django.utils import translation

from empact.events import event_types


def render_markdown() -> str:
    """Every declared code, its model and its description, grouped by app, in English."""
    lines = [
        "# Event codes",
        "",
        "Generated from the apps' `events.py` by `python manage.py events_doc`; do not edit.",
        "",
        "Every change writes exactly one Event (the audit log, `empact.models.Event`) under one of",
        "these codes, in the change's transaction; pages' history panels and `/api/v1/events/`",
        "read them. A code is `app.object.verb`; the model is the one the event is about.",
        "",
    ]
    with translation.override("en"):
        kinds = event_types()
        for app_label, group in groupby(kinds, key=lambda kind: kind.code.split(".")[0]):
            lines += [
                f"## {apps.get_app_config(app_label).verbose_name}",
                "",
                "| Code | Model | Meaning |",
                "| --- | --- | --- |",
            ]
            for kind in group:
                model = apps.get_model(kind.model)
                lines.append(
                    f"| `{kind.code}` | {model._meta.verbose_name} (`{kind.model}`) "
                    f"| {kind.description} |"
                )
            lines.append("")
    return "\n".join(lines)
