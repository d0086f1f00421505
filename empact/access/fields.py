"""Field rights: which fields of an object a user may write, from the matrix's ``fields``.

A field listed as ``create`` is set when the object is created and read-only afterwards; a field
listed with an action is writable on creation and afterwards by whoever may do that action on
the object in its current state; a field not listed is read-only for everyone (statuses and the
other workflow fields change only through their steps). Forms, API serializers and services all
ask here, so the three never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils.translation import gettext as _

from empact.access.gate import can, may
from empact.access.matrix import CREATE_ONLY, type_for_model


def writable_fields(user, model: type[Model], instance: Model | None = None) -> frozenset[str]:
    """The fields ``user`` may write: on a new object (``instance`` None or unsaved) every listed
    field if they may create one; on a stored object those whose action they may do on it."""
    object_type = type_for_model(model)
    if instance is None or instance.pk is None:
        return frozenset(object_type.fields) if may(user, object_type.key, "add") else frozenset()
    granted: dict[str, bool] = {}
    writable = set()
    for name, action in object_type.fields.items():
        if action == CREATE_ONLY:
            continue
        if action not in granted:
            granted[action] = can(user, action, instance)
        if granted[action]:
            writable.add(name)
    return frozenset(writable)


def field_actions(model: type[Model]) -> set[str]:
    """The actions that grant writing some field of a stored object of ``model``."""
    return set(type_for_model(model).fields.values()) - {CREATE_ONLY}


def refusal_message(model: type[Model], names: Iterable[str]) -> str:
    """Why these fields cannot be written, in the user's words."""
    listed = type_for_model(model).fields
    parts = []
    for name in sorted(names):
        if name not in listed:
            parts.append(
                _("%(field)s (it changes only through its workflow steps)") % {"field": name}
            )
        elif listed[name] == CREATE_ONLY:
            parts.append(_("%(field)s (it is set when the record is created)") % {"field": name})
        else:
            parts.append(name)
    return _("You may not change these fields: %(fields)s.") % {"fields": ", ".join(parts)}


def require_writable(
    user, model: type[Model], names: Iterable[str], instance: Model | None = None
) -> None:
    """Refuse (PermissionDenied) a write of any field the user may not write."""
    refused = set(names) - writable_fields(user, model, instance)
    if refused:
        raise PermissionDenied(refusal_message(model, refused))


def may_write_some_field(user, instance: Model) -> bool:
    """Whether the user may write at least one field of this stored object."""
    return any(can(user, action, instance) for action in field_actions(type(instance)))
