"""The registry of the kinds of objects people may comment on.

discussion sits above oaps and below the apps that build on it (the review rounds). oaps cannot
import discussion, so discussion registers oaps' plans, actions and progress reports itself in its
``AppConfig.ready()``; an app above discussion registers its own kinds in its ``ready()``. Each kind
is a type of the access matrix: who sees an object and who may comment on it is the matrix's
answer for that type (``view``, and ``comment`` as the ``comment`` type's ``about:`` says).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model

from empact.access.matrix import MATRIX

MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class Commentable:
    key: str  # the access matrix type key ("plan"); also the prefix of ``plan:12``
    url: Callable[[Model], str]  # the page of an object, where its discussion is shown

    @property
    def model(self) -> type[Model]:
        return MATRIX.type(self.key).model


_REGISTRY: dict[str, Commentable] = {}


def register(key: str, *, url: Callable[[Model], str]) -> None:
    """Let people comment on the objects of the matrix type ``key``."""
    MATRIX.type(key)  # an unknown type fails at start-up
    _REGISTRY[key] = Commentable(key, url)


def kinds() -> dict[str, Commentable]:
    return dict(_REGISTRY)


def kind(key: str) -> Commentable | None:
    return _REGISTRY.get(key)


def kind_of(model: type[Model]) -> Commentable | None:
    label = model._meta.label_lower
    for commentable in _REGISTRY.values():
        if commentable.model._meta.label_lower == label:
            return commentable
    return None


def reference(obj: Model) -> str:
    """``plan:12``: how the API and the forms name an object of a registered kind."""
    commentable = kind_of(type(obj))
    if commentable is None:
        raise LookupError(f"{obj._meta.label} is not commentable")
    return f"{commentable.key}:{obj.pk}"


def parse_reference(text: str) -> tuple[Commentable, int] | None:
    """The kind and id of ``plan:12``; None for anything else."""
    key, _, pk = str(text).partition(":")
    commentable = _REGISTRY.get(key.strip())
    pk = pk.strip()
    if commentable is None or not re.fullmatch(r"[0-9]{1,19}", pk) or int(pk) > MAX_ID:
        return None  # the id must fit the database's bigint
    return commentable, int(pk)
