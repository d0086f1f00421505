"""Every declared event code is one that something records, and every code the source records is
declared: the registry (and docs/events.md, generated from it) lists exactly what can happen.

A code is produced when its string is written in the source outside the ``events.py`` that
declares it (a service's ``code=``), when a workflow table names it (``empact.workflow``), or
when the admin's generic write path picks it for a registered model (``events.code_for``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib import admin

from empact import events, workflow
from empact.admin import AuditedAdminMixin

SKIPPED_DIRECTORIES = {"tests", "migrations", "var", "node_modules"}
# A dotted code given to a write: ``code="oaps.plan.changed"``, ``_change_reason = "..."``.
RECORDED = re.compile(r"""(?:code|_change_reason)\s*=\s*["']([a-z_]+\.[a-z_]+\.[a-z_]+)["']""")


def _source_files() -> list[Path]:
    """The project's Python files outside the tests, migrations and the virtual environment."""
    base = Path(settings.BASE_DIR)
    files = []
    for top in sorted(base.iterdir()):
        if top.name.startswith(".") or top.name in SKIPPED_DIRECTORIES or not top.is_dir():
            continue
        if not (top / "__init__.py").exists():
            continue
        for path in top.rglob("*.py"):
            if not SKIPPED_DIRECTORIES & set(path.relative_to(base).parts):
                files.append(path)
    return files


@cache
def _source() -> str:
    """Every source file but the ``events.py`` files, where the codes are declared."""
    return "\n".join(p.read_text() for p in _source_files() if p.name != "events.py")


def _written(code: str) -> bool:
    return f'"{code}"' in _source() or f"'{code}'" in _source()


def _in_workflow_tables() -> set[str]:
    return {step.event_code for steps in workflow.tables().values() for step in steps}


def _by_the_admin() -> set[str]:
    codes = set()
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, AuditedAdminMixin):
            continue
        for verb in ("created", "changed", "deleted"):
            try:
                codes.add(events.code_for(model, verb))
            except LookupError:
                continue
    return codes


def test_every_declared_event_code_is_recorded_by_something():
    produced = _in_workflow_tables() | _by_the_admin()
    unproduced = [
        kind.code
        for kind in events.event_types()
        if kind.code not in produced and not _written(kind.code)
    ]
    assert unproduced == [], "nothing records these codes: remove their declaration"


def test_every_code_the_source_records_is_declared():
    declared = {kind.code for kind in events.event_types()}
    recorded = set(RECORDED.findall(_source())) | _in_workflow_tables()
    assert recorded, "the pattern finds no code: the test would prove nothing"
    assert recorded - declared == set(), "declare these codes in their app's events.py"


def test_the_source_search_reads_the_apps_and_skips_the_tests():
    names = {path.relative_to(settings.BASE_DIR).parts[0] for path in _source_files()}
    assert {"empact", "actors", "oaps"} <= names
    assert "tests" not in names
