"""Reference data every installation needs, assembled from the apps (``manage.py load_reference``).

Each app that owns reference data keeps it in its ``reference.py``, with a function
``reference_load(*, upserter, loaded)`` that writes its rows idempotently and returns them by name
(``countries``, ``organisations``, ...). They run in the order of ``INSTALLED_APPS``, lower apps
first, so a later one finds the rows it refers to in ``loaded``. The project package names no app.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from empact.upsert import Upserter


def reference_load(*, upserter: Upserter | None = None) -> dict[str, Any]:
    """Load (or bring up to date) all reference data, in one transaction; safe to run again."""
    upserter = upserter or Upserter()
    loaded: dict[str, Any] = {}
    with transaction.atomic():
        for app_config in apps.get_app_configs():
            name = f"{app_config.name}.reference"
            if name != __name__ and module_has_submodule(app_config.module, "reference"):
                module = import_module(name)
                loaded.update(module.reference_load(upserter=upserter, loaded=loaded))
    return loaded
