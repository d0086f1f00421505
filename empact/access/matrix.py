"""Loading and checking the access matrix (``matrix.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model

MATRIX_FILE = Path(__file__).with_name("matrix.yaml")
RULES = ("all", "cycle", "plan", "action", "country", "own_country", "own", "object")
# ``object``: for a type about another object (a comment), the objects whose object the user may
# do the action that the type's ``about:`` maps this action to (view -> view, add -> comment).
CREATE_ONLY = "create"  # a field set when the object is created, read-only afterwards


@dataclass(frozen=True)
class Rule:
    """One alternative of a cell: a relation, optionally narrowed by a named state."""

    relation: str
    state: str | None = None

    def __str__(self) -> str:
        return f"{self.relation}:{self.state}" if self.state else self.relation


@dataclass(frozen=True)
class ObjectType:
    key: str
    model_label: str
    label: str
    actions: tuple[str, ...]
    cells: dict[str, dict[str, tuple[Rule, ...]]] = field(hash=False)
    # field name -> the action that grants writing it on a stored object, or CREATE_ONLY
    fields: dict[str, str] = field(default_factory=dict, hash=False)
    # this type's action -> the action on the object it is about (the ``object`` rule)
    about: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)

    def rules(self, action: str, role: str) -> tuple[Rule, ...]:
        if action not in self.cells:
            raise KeyError(f"{self.key} has no action {action!r}; known: {self.actions}")
        return self.cells[action].get(role, ())

    def field_action(self, name: str) -> str | None:
        """The action granting a change of the field; ``create`` if only set on creation;
        ``None`` if nobody may write it."""
        return self.fields.get(name)


@dataclass(frozen=True)
class Matrix:
    roles: tuple[str, ...]
    types: dict[str, ObjectType] = field(hash=False)
    assignable_roles: dict[str, tuple[str, ...]] = field(hash=False)
    urls: dict[str, str] = field(hash=False)

    def type(self, key: str) -> ObjectType:
        return self.types[key]


def parse_cell(text: str) -> tuple[Rule, ...]:
    rules = []
    for alternative in str(text).split("|"):
        relation, _, state = alternative.strip().partition(":")
        if relation not in RULES:
            raise ImproperlyConfigured(f"Unknown rule {relation!r} in the access matrix.")
        rules.append(Rule(relation, state or None))
    return tuple(rules)


def load_matrix(path: Path = MATRIX_FILE) -> Matrix:
    raw = yaml.safe_load(path.read_text())
    roles = tuple(raw["roles"])
    base_actions = tuple(raw["actions"])
    types = {}
    for key, spec in raw["types"].items():
        extra = [
            name
            for name in spec
            if name not in ("model", "label", "fields", "about", *base_actions)
        ]
        actions = base_actions + tuple(extra)
        cells: dict[str, dict[str, tuple[Rule, ...]]] = {}
        for action in actions:
            row = spec.get(action) or {}
            unknown = set(row) - set(roles)
            if unknown:
                raise ImproperlyConfigured(f"{key}.{action}: unknown roles {sorted(unknown)}")
            cells[action] = {role: parse_cell(text) for role, text in row.items()}
        fields = {str(name): str(grant) for name, grant in (spec.get("fields") or {}).items()}
        for name, grant in fields.items():
            if grant != CREATE_ONLY and grant not in actions:
                raise ImproperlyConfigured(
                    f"{key}.fields.{name}: {grant!r} is neither 'create' nor an action of {key}."
                )
        about = {str(mine): str(theirs) for mine, theirs in (spec.get("about") or {}).items()}
        for action, rules in cells.items():
            follows = any(r.relation == "object" for rules_ in rules.values() for r in rules_)
            if follows and action not in about:
                raise ImproperlyConfigured(
                    f"{key}.{action}: the rule 'object' needs {key}.about.{action}."
                )
        types[key] = ObjectType(key, spec["model"], spec["label"], actions, cells, fields, about)
    assignable = {role: tuple(allowed) for role, allowed in raw["assignable_roles"].items()}
    return Matrix(roles, types, assignable, dict(raw["urls"]))


MATRIX = load_matrix()


@cache
def _types_by_model() -> dict[str, str]:
    return {spec.model_label.lower(): key for key, spec in MATRIX.types.items()}


def type_for_model(model: type[Model]) -> ObjectType:
    label = model._meta.label_lower
    try:
        return MATRIX.types[_types_by_model()[label]]
    except KeyError:
        raise ImproperlyConfigured(f"{model._meta.label} is not in the access matrix.") from None
