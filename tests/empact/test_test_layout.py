"""The tests mirror the code: every app's services have ``tests/<app>/test_services*.py`` and
its selectors ``tests/<app>/test_selectors*.py`` (STYLE.md, "Tests mirror the code").

A module ``<app>/services.py`` needs ``tests/<app>/test_services.py``; a package
``<app>/services/`` needs that file, or one ``tests/<app>/test_services_<module>.py`` for each of
its modules (``oaps/services/plans.py``: ``tests/oaps/test_services_plans.py``). The same for
selectors. ``empact`` is left out: its write recipe is what every app's services tests run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
KINDS = ("services", "selectors")


def apps() -> list[str]:
    """The top-level packages that are Django apps, but the project package."""
    return sorted(
        path.name
        for path in ROOT.iterdir()
        if (path / "apps.py").is_file() and path.name not in {"empact", "tests"}
    )


def missing_tests(app: str, kind: str, root: Path = ROOT) -> list[str]:
    """The test files that ``app``'s ``kind`` (services or selectors) lacks, as paths."""
    tests = root / "tests" / app
    module, package = root / app / f"{kind}.py", root / app / kind
    whole = tests / f"test_{kind}.py"
    if module.is_file():
        return [] if whole.is_file() else [str(whole.relative_to(root))]
    if (package / "__init__.py").is_file():
        if whole.is_file():
            return []
        parts = sorted(p.stem for p in package.glob("*.py") if p.stem != "__init__")
        wanted = [tests / f"test_{kind}_{part}.py" for part in parts]
        return [str(path.relative_to(root)) for path in wanted if not path.is_file()]
    return []


def test_the_business_apps_are_found():
    assert {"actors", "cycles", "oaps", "funding", "workspace"} <= set(apps())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("app", apps())
def test_every_apps_services_and_selectors_have_their_test_files(app, kind):
    assert not missing_tests(app, kind), f"{app}/{kind}: add {', '.join(missing_tests(app, kind))}"


def test_a_services_module_without_its_test_file_is_named(tmp_path):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "services.py").write_text("")
    assert missing_tests("shop", "services", tmp_path) == ["tests/shop/test_services.py"]


def test_a_selectors_package_needs_a_test_file_per_module_or_one_for_all(tmp_path):
    package = tmp_path / "shop" / "selectors"
    package.mkdir(parents=True)
    for name in ("__init__", "orders", "stock"):
        (package / f"{name}.py").write_text("")
    (tmp_path / "tests" / "shop").mkdir(parents=True)
    (tmp_path / "tests" / "shop" / "test_selectors_orders.py").write_text("")
    assert missing_tests("shop", "selectors", tmp_path) == ["tests/shop/test_selectors_stock.py"]
    (tmp_path / "tests" / "shop" / "test_selectors.py").write_text("")
    assert missing_tests("shop", "selectors", tmp_path) == []
