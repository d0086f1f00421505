"""Workflow transitions, declared per model in one table, and the one function that runs a step.

Each app lists its models' steps in its ``workflows.py`` (``declare(Model, [Transition(...)])``):
the step's name, the states it starts from, the state it leads to, the matrix action that grants
it and the event code it records. ``transition`` runs any of them with the recipe of
``empact.services``: lock the row, check the right through the gate (first, so whoever may not
take the step learns nothing of the object's state), check the state, set it, save with the
declared event code. ``docs/workflows.md`` is generated from the tables
(``manage.py workflows_doc``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from empact.services import WorkflowError, require, save_change

Refusal = Callable[[Model, "Transition"], str]


@dataclass(frozen=True)
class Transition:
    name: str  # the step, as the API and the services call it: "submit"
    from_states: tuple[str, ...]
    to_state: str
    matrix_action: str  # the action of the access matrix that grants the step
    event_code: str  # declared in the app's events.py
    # The message when the object is in another state (a lazy string, or a function of the
    # object and the step for a message that names the states).
    refusal: Any = None
    state_field: str = "status"

    def refusal_for(self, obj: Model) -> str:
        if callable(self.refusal):
            return self.refusal(obj, self)
        if self.refusal:
            return str(self.refusal)
        return _("This step is not possible in the record's current state.")


_TABLES: dict[str, dict[str, Transition]] = {}
# What docs/workflows.md says beside a model's table: the steps that change no state (findings,
# comments), their rules and windows, in the app's own words.
_NOTES: dict[str, str] = {}
_STEPS_WITHOUT_TABLE: dict[str, str] = {}


def declare(model: type[Model], transitions: Iterable[Transition], *, notes: str = "") -> None:
    """Register the steps of ``model`` (once per model; a step name once per model)."""
    if notes:
        _NOTES[model._meta.label_lower] = notes.strip()
    table: dict[str, Transition] = {}
    for step in transitions:
        if step.name in table:
            raise ValueError(f"Step {step.name!r} declared twice for {model._meta.label}")
        table[step.name] = step
    _TABLES[model._meta.label_lower] = table


def describe(model: type[Model], notes: str) -> None:
    """What docs/workflows.md says of a model whose steps change no declared state (a follow-up,
    the next cycle, an upload): rendered after the tables, under the model's name."""
    _STEPS_WITHOUT_TABLE[model._meta.label_lower] = notes.strip()


def transitions_of(model: type[Model]) -> list[Transition]:
    return list(_TABLES.get(model._meta.label_lower, {}).values())


def step_of(model: type[Model], name: str) -> Transition:
    try:
        return _TABLES[model._meta.label_lower][name]
    except KeyError:
        raise LookupError(f"No step {name!r} declared for {model._meta.label}") from None


def tables() -> dict[str, list[Transition]]:
    """Every declared table, by model label, in a stable order."""
    return {label: list(_TABLES[label].values()) for label in sorted(_TABLES)}


def transition(
    actor,
    obj: Model,
    name: str,
    *,
    check: Callable[[Model], None] | None = None,
    comment: str = "",
    **fields: Any,
) -> Model:
    """Take the step ``name`` on ``obj``: lock, check the right and the state (then ``check``,
    the step's own rule, which raises ``WorkflowError``), set the new state and ``fields``, save
    with the declared event code (``comment`` goes into the event). Returns the saved row."""
    model = type(obj)
    step = step_of(model, name)
    with transaction.atomic():
        obj = model._default_manager.select_for_update().get(pk=obj.pk)
        require(actor, step.matrix_action, obj)
        if getattr(obj, step.state_field) not in step.from_states:
            raise WorkflowError(step.refusal_for(obj))
        if check is not None:
            check(obj)
        setattr(obj, step.state_field, step.to_state)
        for field, value in fields.items():
            setattr(obj, field, value)
        save_change(
            obj,
            actor=actor,
            code=step.event_code,
            fields=[step.state_field, *fields],
            comment=comment,
        )
    return obj


# --- the documentation --------------------------------------------------------------------------


def render_markdown() -> str:
    """docs/workflows.md: every model's steps, from the tables."""
    from django.apps import apps

    lines = [
        "# Workflow steps",
        "",
        "Generated from the transition tables (`<app>/workflows.py`) by "
        "`python manage.py workflows_doc`; do not edit by hand.",
        "",
        "A step starts from one of its states, leads to its new state, needs the matrix action "
        "on the object (see [permissions.md](permissions.md)) and records one event "
        "(see [events.md](events.md)). In any other state it is refused (HTTP 409 in the API). "
        'Each workflow has a state diagram; "who may take it" lists the roles whose matrix cell '
        "allows the step, with the objects it covers (`all`, `plan`: the plans they drive, "
        "`action`, `country`, `cycle`; a state after a colon narrows it).",
        "",
    ]
    for label, steps in tables().items():
        model = apps.get_model(label)
        field = model._meta.get_field(steps[0].state_field)
        labels = dict(field.choices or ())
        lines += [
            f"## {str(model._meta.verbose_name).capitalize()} (`{label}`)",
            "",
            *_state_diagram(field, steps, labels),
            "",
            "| Step | From | To | Matrix action | Who may take it | Event |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for step in steps:
            starts = ", ".join(f"{s} ({labels.get(s, s)})" for s in step.from_states)
            to = f"{step.to_state} ({labels.get(step.to_state, step.to_state)})"
            lines.append(
                f"| {step.name} | {starts} | {to} | {step.matrix_action} | "
                f"{_who(model, step.matrix_action)} | `{step.event_code}` |"
            )
        lines.append("")
        if label in _NOTES:
            lines += [_NOTES[label], ""]
    if _STEPS_WITHOUT_TABLE:
        lines += ["# Steps without a state table", ""]
    for label in sorted(_STEPS_WITHOUT_TABLE):
        model = apps.get_model(label)
        lines += [
            f"## {str(model._meta.verbose_name).capitalize()} (`{label}`)",
            "",
            _STEPS_WITHOUT_TABLE[label],
            "",
        ]
    return "\n".join(lines)


def _state_diagram(field, steps: list[Transition], labels: dict) -> list[str]:
    """A Mermaid state diagram: each state with its label, each step as an arrow."""
    states = [
        value
        for value in labels
        if any(value == s.to_state or value in s.from_states for s in steps)
    ]
    lines = ["```mermaid", "stateDiagram-v2"]
    lines += [f"    {value} : {labels[value]}" for value in states]
    if field.has_default() and field.get_default() in states:
        lines.append(f"    [*] --> {field.get_default()}")
    for step in steps:
        for start in step.from_states:
            if start != step.to_state:
                lines.append(f"    {start} --> {step.to_state} : {step.name}")
    lines.append("```")
    return lines


def _who(model, action: str) -> str:
    """The roles whose matrix cell allows the step, each with its rule (which objects)."""
    from empact.access.matrix import type_for_model

    cells = type_for_model(model).cells.get(action, {})
    return (
        ", ".join(
            f"{role} ({' or '.join(str(rule) for rule in rules)})" for role, rules in cells.items()
        )
        or "nobody"
    )
