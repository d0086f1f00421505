"""The one recipe every state change follows (see STYLE.md, "One recipe for every state change").

Inside ``transaction.atomic()``, after locking the row with ``select_for_update()``: ``require``
checks the actor's right through the access gate, ``check_version`` refuses to overwrite a newer
version, and ``save_change`` runs ``full_clean()``, saves the changed fields and records the
actor and a dotted event code (``oaps.report.submitted``) on the history row. A new object is
saved first and checked with ``require(actor, "add", obj)`` afterwards, because the gate answers
for stored rows; the refusal rolls the transaction back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, Q
from django.utils.translation import gettext as _

from empact import events
from empact.access import can, require_writable
from empact.access.fields import may_write_some_field


class WorkflowError(Exception):
    """A step that the object's current state does not allow (HTTP 409, a message in the UI)."""

    def __init__(self, message: str, *, details: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        # What the API adds to its 409 body beside the message (an incomplete plan's "missing").
        self.details = details or {}


class ConflictError(Exception):
    """Somebody else saved the object since the user loaded it (HTTP 412, a merge in the UI)."""

    def __init__(self, current: Model, changed_fields: list[str]) -> None:
        super().__init__(_("Somebody else changed this record while you were editing it."))
        self.current = current
        self.changed_fields = changed_fields


def version_of(obj: Model) -> str:
    """An opaque version token of a stored object: changes with every save."""
    updated = getattr(obj, "updated_at", None)
    return updated.isoformat() if updated else ""


def require(actor, action: str, obj: Model) -> None:
    if not can(actor, action, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


def _refuse_hidden_collision(actor, obj: Model) -> None:
    """A new object that collides with a stored one (same unique key): "already exists" is only
    for an actor who may change that row. Anybody else gets the refusal they get when nothing
    collides (``require(actor, "add", obj)`` after the save), so the answer never tells them
    whether a row they may not touch, or even see, exists."""
    model = type(obj)
    unique_checks, _date_checks = obj._get_unique_checks(include_meta_constraints=True)
    collides = Q()
    for _model, names in unique_checks:
        values = {
            model._meta.get_field(name).attname: getattr(obj, model._meta.get_field(name).attname)
            for name in names
        }
        if None not in values.values():
            collides |= Q(**values)
    if not collides:
        return
    rows = model._default_manager.filter(collides)
    if obj.pk is not None:
        rows = rows.exclude(pk=obj.pk)
    if any(not can(actor, "change", row) for row in rows):
        raise PermissionDenied(_("You are not allowed to do this."))


def check_version(obj: Model, expected: str | None, fields: Iterable[str] = ()) -> None:
    """Refuse to overwrite a newer version. ``expected`` None means the caller has no token."""
    if expected is not None and expected != version_of(obj):
        raise ConflictError(obj, list(fields))


def assign_changed(obj: Model, data: Mapping[str, Any]) -> list[str]:
    """Set plain fields from ``data``; returns the names of fields whose value changed."""
    changed = []
    for name, value in data.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def split_many(model: type[Model], data: Mapping[str, Any]) -> tuple[dict, dict]:
    """``data`` split into plain fields and many-to-many fields (set after saving)."""
    names = {field.name for field in model._meta.many_to_many}
    plain = {key: value for key, value in data.items() if key not in names}
    many = {key: value for key, value in data.items() if key in names}
    return plain, many


def save_change(
    obj: Model,
    *,
    actor,
    code: str,
    fields: Iterable[str] | None = None,
    clean: bool = True,
    event: bool = True,
    comment: str = "",
    many: Mapping[str, Iterable] | None = None,
) -> Model:
    """Validate and save ``obj``, attributing the history row to ``actor`` under ``code``, and
    record the change's Event (``event=False`` for a part of a change whose Event the caller
    records once, with ``events.record``). ``many`` sets many-to-many fields after the save;
    their ids before and after are in the Event's changes."""
    if clean:
        try:
            obj.full_clean()
        except ValidationError:
            if obj._state.adding:
                _refuse_hidden_collision(actor, obj)
            raise
    obj._history_user = actor
    obj._change_reason = code
    if fields is not None:
        stamped = any(field.name == "updated_at" for field in obj._meta.concrete_fields)
        fields = list(dict.fromkeys([*fields, *(["updated_at"] if stamped else [])]))
    changes = events.changes_of(obj, fields)
    adding = obj._state.adding
    obj.save(update_fields=fields)
    for name, values in (many or {}).items():
        manager = getattr(obj, name)
        before = [] if adding else sorted(manager.values_list("pk", flat=True))
        manager.set(values)
        after = sorted(value.pk if isinstance(value, Model) else value for value in values)
        if before != after:
            changes[name] = [before, after]
    if event:
        events.record(actor=actor, code=code, obj=obj, changes=changes, comment=comment)
    events.mark_loaded(obj)
    return obj


def delete_change(obj: Model, *, actor, code: str, comment: str = "") -> None:
    """Delete ``obj`` and record the Event (with the values it had), in the caller's
    transaction."""
    events.record(
        actor=actor, code=code, obj=obj, changes=events.changes_of_deleted(obj), comment=comment
    )
    obj._history_user = actor
    obj._change_reason = code
    obj.delete()


# --- the common recipe of a plain create, change and delete ------------------------------------
#
# Each app's services.py names its entities' writes (``milestone_create``) as thin calls into
# these, with the event code it declares; a write with rules of its own is a function of its own.


def _save_with_many(
    obj: Model,
    many: Mapping[str, Any],
    *,
    actor,
    code: str,
    fields: Iterable[str] | None,
    new: bool,
) -> Model:
    """One save and one Event with every change, the many-to-many fields' ids included (they are
    set after the save, so ``save_change`` records no Event of its own here)."""
    changes = events.changes_of(obj, fields)
    save_change(obj, actor=actor, code=code, fields=fields, event=False)
    for name, values in many.items():
        manager = getattr(obj, name)
        before = [] if new else sorted(manager.values_list("pk", flat=True))
        manager.set(values)
        after = sorted(value.pk if isinstance(value, Model) else value for value in values)
        if before != after:
            changes[name] = [before, after]
    events.record(actor=actor, code=code, obj=obj, changes=changes)
    return obj


def object_create(
    *, actor, model: type[Model], data: Mapping[str, Any], code: str, **fixed: Any
) -> Model:
    """Create a ``model`` from ``data`` (the fields the actor may write) and ``fixed`` (set by
    the service, not the actor: a parent, the author). The gate is asked about the stored row,
    inside the transaction: a refusal rolls the creation back."""
    require_writable(actor, model, data)
    plain, many = split_many(model, data)
    with transaction.atomic():
        obj = model(**plain, **fixed)
        _save_with_many(obj, many, actor=actor, code=code, fields=None, new=True)
        require(actor, "add", obj)
    return obj


def object_update(
    *, actor, obj: Model, data: Mapping[str, Any], version: str | None, code: str
) -> Model:
    """Change the fields in ``data`` of a stored object, each one only if the actor may write it
    in the object's current state; ``version`` None when the caller compared it already."""
    model = type(obj)
    with transaction.atomic():
        obj = model._default_manager.select_for_update().get(pk=obj.pk)
        require_writable(actor, model, data, obj)
        if not data and not may_write_some_field(actor, obj):
            raise PermissionDenied(_("You are not allowed to change this."))
        plain, many = split_many(model, data)
        check_version(obj, version, plain)
        changed = assign_changed(obj, plain)
        _save_with_many(obj, many, actor=actor, code=code, fields=changed, new=False)
    return obj


def object_delete(*, actor, obj: Model, code: str) -> None:
    """Delete a stored object the actor may delete (its Event keeps the values it had)."""
    model = type(obj)
    with transaction.atomic():
        obj = model._default_manager.select_for_update().get(pk=obj.pk)
        require(actor, "delete", obj)
        delete_change(obj, actor=actor, code=code)
