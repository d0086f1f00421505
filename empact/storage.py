"""The private storage: uploaded documents, kept outside the web root and never served as media.

Files here are reached only through a view that asks the gate first (a document version's
download). ``PRIVATE_MEDIA_ROOT`` lies outside ``STATIC_ROOT`` and ``MEDIA_ROOT`` (the tests
check it); the storage has no URL.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class PrivateStorage(FileSystemStorage):
    """A file system storage under ``PRIVATE_MEDIA_ROOT`` without a public URL."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("location", settings.PRIVATE_MEDIA_ROOT)
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL: serve them through a permission-checked view.")


class _LazyPrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = PrivateStorage()


private_storage = _LazyPrivateStorage()


def get_private_storage() -> PrivateStorage:
    """The private storage (a callable for FileField(storage=...), kept out of migrations)."""
    return private_storage


def random_name(folder: str, suffix: str) -> str:
    """A new unguessable file name under ``folder``, with ``suffix`` (such as ``.pdf``)."""
    return str(PurePosixPath(folder) / f"{secrets.token_hex(16)}{suffix}")
