"""Idempotent writes by natural key, for loaders that must be safe to run again.

``update_or_create`` saves every row it finds, which writes a history row and moves
``updated_at`` even when nothing changed. The ``Upserter`` compares first and saves only real
changes, so a second run of a loader leaves the database, and its history, exactly as it was.
Each model's rows are read once per run into an index keyed by the natural key, so a run costs one
query per model plus the writes.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db import models
from simple_history.utils import bulk_create_with_history

M = TypeVar("M", bound=models.Model)

BATCH_SIZE = 1000


@dataclasses.dataclass
class Row:
    """One wanted row: its natural ``key``, the ``values`` kept in sync, and ``initial`` values
    set only when the row is created (dates relative to today, passwords)."""

    key: dict[str, Any]
    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    initial: dict[str, Any] = dataclasses.field(default_factory=dict)


def _attname(model: type[models.Model], name: str) -> str:
    return model._meta.get_field(name).attname


def _raw(value: Any) -> Any:
    """The value as stored: a model instance becomes its primary key."""
    return value.pk if isinstance(value, models.Model) else value


class Upserter:
    """Creates missing rows and, with ``update_existing``, updates changed ones.

    Without ``update_existing`` rows that already exist are left as they are, many-to-many
    relations included: a demo re-run then keeps whatever users changed in the app.
    """

    def __init__(
        self, *, history_user: models.Model | None = None, update_existing: bool = True
    ) -> None:
        self.history_user = history_user
        self.update_existing = update_existing
        self._created: set[tuple[type[models.Model], Any]] = set()
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        self._indexes: dict[tuple[type[models.Model], tuple[str, ...]], dict[tuple, Any]] = {}
        self._m2m: dict[tuple[type[models.Model], str], dict[Any, set[Any]]] = {}

    # -- rows ---------------------------------------------------------------------------------

    def ensure(
        self,
        model: type[M],
        key: dict[str, Any],
        values: dict[str, Any] | None = None,
        initial: dict[str, Any] | None = None,
    ) -> M:
        """The row with this natural key, created or brought up to date, saved one by one."""
        row = Row(key, values or {}, initial or {})
        index, index_key = self._lookup(model, row.key)
        obj = index.get(index_key)
        if obj is None:
            obj = model(**row.key, **row.values, **row.initial)
            self._stamp(obj)
            obj.save()
            index[index_key] = obj
            self._created.add((model, obj.pk))
            self.created[model._meta.label] += 1
        else:
            self._update(obj, row.values)
        return obj

    def ensure_all(self, model: type[M], rows: Sequence[Row]) -> list[M]:
        """Like ``ensure`` for many rows; missing rows are bulk-created with their history."""
        result: list[M | None] = []
        missing: list[tuple[int, dict, tuple, M]] = []
        for row in rows:
            index, index_key = self._lookup(model, row.key)
            obj = index.get(index_key)
            if obj is None:
                obj = model(**row.key, **row.values, **row.initial)
                missing.append((len(result), index, index_key, obj))
                result.append(None)
            else:
                self._update(obj, row.values)
                result.append(obj)
        if missing:
            created = bulk_create_with_history(
                [obj for *_, obj in missing],
                model,
                batch_size=BATCH_SIZE,
                default_user=self.history_user,
            )
            for (position, index, index_key, _), obj in zip(missing, created, strict=True):
                index[index_key] = obj
                result[position] = obj
                self._created.add((model, obj.pk))
            self.created[model._meta.label] += len(created)
        return result  # type: ignore[return-value]

    def ensure_m2m(self, obj: models.Model, field_name: str, targets: Iterable[Any]) -> None:
        """Make a many-to-many relation hold exactly ``targets``; touches nothing if it does."""
        model = type(obj)
        wanted = {_raw(target) for target in targets}
        current = self._m2m_index(model, field_name).setdefault(obj.pk, set())
        if current == wanted or not self._may_change(obj):
            return
        self._stamp(obj)
        getattr(obj, field_name).set(wanted)
        current.clear()
        current.update(wanted)
        self.updated[f"{model._meta.label}.{field_name}"] += 1

    def m2m_ids(self, obj: models.Model, field_name: str) -> list[Any]:
        """The primary keys a many-to-many relation holds, from the index."""
        return sorted(self._m2m_index(type(obj), field_name).get(obj.pk, ()))

    def update(self, obj: models.Model, values: dict[str, Any]) -> None:
        """Bring an existing row's ``values`` up to date; saves only if one differs."""
        self._update(obj, values)

    def summary(self) -> list[tuple[str, int, int]]:
        """(model label, rows created, rows updated), sorted by label."""
        labels = sorted(set(self.created) | set(self.updated))
        return [(label, self.created[label], self.updated[label]) for label in labels]

    # -- internals ----------------------------------------------------------------------------

    def _fields(self, model: type[models.Model], key: dict[str, Any]) -> tuple[str, ...]:
        return tuple(sorted(_attname(model, name) for name in key))

    def _lookup(self, model: type[models.Model], key: dict[str, Any]) -> tuple[dict, tuple]:
        fields = self._fields(model, key)
        index = self._indexes.get((model, fields))
        if index is None:
            index = {
                tuple(getattr(obj, field) for field in fields): obj
                for obj in model._default_manager.order_by()  # no ordering: no joins
            }
            self._indexes[(model, fields)] = index
        raw = {_attname(model, name): _raw(value) for name, value in key.items()}
        return index, tuple(raw[field] for field in fields)

    def _m2m_index(self, model: type[models.Model], field_name: str) -> dict[Any, set[Any]]:
        index = self._m2m.get((model, field_name))
        if index is None:
            field = model._meta.get_field(field_name)
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            index = defaultdict(set)
            for source_id, target_id in through._default_manager.values_list(source, target):
                index[source_id].add(target_id)
            self._m2m[(model, field_name)] = index
        return index

    def _may_change(self, obj: models.Model) -> bool:
        return self.update_existing or (type(obj), obj.pk) in self._created

    def _update(self, obj: models.Model, values: dict[str, Any]) -> None:
        if not self._may_change(obj):
            return
        model = type(obj)
        changed = []
        for name, value in values.items():
            attname = _attname(model, name)
            if getattr(obj, attname) != _raw(value):
                setattr(obj, name, value)
                changed.append(model._meta.get_field(name).name)
        if changed:
            self._stamp(obj)
            update_fields = changed + (["updated_at"] if hasattr(obj, "updated_at") else [])
            obj.save(update_fields=update_fields)
            self.updated[model._meta.label] += 1

    def _stamp(self, obj: models.Model) -> None:
        if self.history_user is not None:
            obj._history_user = self.history_user  # read by django-simple-history
