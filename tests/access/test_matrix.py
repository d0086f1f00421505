"""Generated from the access matrix: every role x every object type x every action.

For each cell, the objects the gate lets the role act on must be exactly those the matrix
(evaluated by the Python oracle) says, in a world holding objects inside and outside each scope.
"""

import pytest
from django.apps import apps

from empact.access import can
from empact.access.matrix import MATRIX, load_matrix
from empact.access.paths import registered_labels
from tests.access.comparison import load, mismatches
from tests.access.oracle import PLACES, STATES
from tests.access.world import TODAY
from tests.domain_apps import BUSINESS_APPS

pytestmark = pytest.mark.django_db

# Derived permission rows and personal API tokens (only ever shown to their owner).
NOT_BUSINESS_OBJECTS = {
    "actors.countrygrant",
    "oaps.plangrant",
    "oaps.actiongrant",
    "actors.apitoken",
}


def _business_models():
    for app in BUSINESS_APPS:
        for model in apps.get_app_config(app).get_models():
            label = model._meta.label_lower
            if not label.startswith(f"{app}.historical") and label not in NOT_BUSINESS_OBJECTS:
                yield model


def test_every_business_model_is_in_the_matrix_and_has_access_paths():
    in_matrix = {spec.model_label.lower() for spec in MATRIX.types.values()}
    models = {model._meta.label_lower for model in _business_models()}
    assert models - in_matrix == set(), "models missing from empact/access/matrix.yaml"
    assert in_matrix - models == set(), "matrix types without a model"
    assert in_matrix <= registered_labels(), "types without AccessPaths in <app>/permissions.py"


def test_the_matrix_names_only_known_roles_and_states():
    matrix = load_matrix()
    from empact.access.paths import paths_for

    for object_type in matrix.types.values():
        paths = paths_for(object_type.model)
        for action in object_type.actions:
            for role, rules in object_type.cells[action].items():
                assert role in matrix.roles
                for rule in rules:
                    assert rule.state is None or rule.state in paths.states, (
                        f"{object_type.key}.{action}.{role}: unknown state {rule.state}"
                    )


@pytest.mark.parametrize("type_key", sorted(MATRIX.types))
def test_the_gate_selects_exactly_what_the_matrix_allows(world, type_key):
    objects = load(type_key)
    assert objects, f"the test world needs {type_key} objects"
    found = mismatches(world.cast, type_key, objects)
    assert not found, "\n".join(found)


def test_the_oracle_knows_every_state_the_matrix_names():
    for object_type in MATRIX.types.values():
        for action in object_type.actions:
            for role, rules in object_type.cells[action].items():
                for rule in rules:
                    assert rule.state is None or rule.state in STATES.get(object_type.key, {}), (
                        f"{object_type.key}.{action}.{role}: tests/access/oracle.py does not "
                        f"know the state {rule.state!r}"
                    )


def test_the_oracle_places_every_object_type():
    assert set(PLACES) == set(MATRIX.types)


@pytest.mark.parametrize("type_key", sorted(MATRIX.types))
def test_each_role_sees_something_and_misses_something_where_the_matrix_scopes_it(world, type_key):
    """The world is rich enough: for scoped cells some objects stay outside the scope."""
    object_type = MATRIX.type(type_key)
    model = object_type.model
    total = model._default_manager.count()
    for role, user in world.users.items():
        rules = object_type.rules("view", role)
        if not rules or any(r.relation == "all" and not r.state for r in rules):
            continue
        seen = model._default_manager.visible_to(user, "view").count()
        if any(r.relation in ("plan", "action", "country", "own_country", "own") for r in rules):
            assert seen < total, f"{role} sees every {type_key}: the world lacks outside objects"
            assert seen > 0, f"{role} sees no {type_key}: the world lacks objects in its scope"


def test_a_user_without_any_active_role_sees_nothing(world):
    outsider = world.users["driver"]
    outsider.role_assignments.update(ends_on=TODAY.replace(year=2021))
    outsider = type(outsider).objects.get(pk=outsider.pk)
    for object_type in MATRIX.types.values():
        assert not object_type.model._default_manager.visible_to(outsider, "view").exists()


def test_an_anonymous_user_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    for object_type in MATRIX.types.values():
        assert not object_type.model._default_manager.visible_to(AnonymousUser(), "view").exists()


def test_docs_permissions_md_is_generated_from_the_current_matrix():
    from pathlib import Path

    from django.conf import settings

    from empact.access.doc import render_markdown

    written = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text()
    assert written == render_markdown(), "run `python manage.py permissions_doc`"


def test_cells_written_out_by_hand_agree_with_the_gate(world):
    """A few cells read off the issue's role table, independent of the oracle's reading."""
    users = world.users
    assert can(users["driver"], "change", world.p1)  # their plan, a draft
    assert not can(users["driver"], "change", world.p2)  # another plan
    assert not can(users["co_driver"], "change", world.p2)  # their plan, already approved
    assert not can(users["participant"], "change", world.a2)  # participants only read
    assert can(users["participant"], "view", world.a2)
    assert can(users["action_leader"], "change", world.r1)  # their report, a draft
    assert not can(users["action_leader"], "view", world.r2)  # another action's report
    assert can(users["driver"], "accept", world.r2)  # submitted report in their plan
    assert not can(users["commission"], "accept", world.r2)
    assert can(users["nec"], "view", world.r3)  # their country takes part in a3
    assert not can(users["cosi_delegate"], "change", world.p1)


def test_the_oracle_shares_no_lookup_lambda_or_shortcut_with_the_gate():
    """The oracle may read the matrix cells (the specification) and the models, nothing else of
    the implementation: not the gate, its access paths, grants or any app's permissions.py."""
    import ast
    from pathlib import Path

    source = Path(__file__).with_name("oracle.py").read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    implementation = {
        name
        for name in imported
        if name.endswith(".permissions")
        or (name.startswith("empact.access") and name != "empact.access.matrix")
    }
    assert implementation == set()
