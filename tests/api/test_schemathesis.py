"""Schemathesis against the OpenAPI schema, in process through the WSGI application.

For every role of the access matrix and every operation it generates requests from the schema,
valid ones and invalid ones, and checks that no answer is a server error, that invalid input is
rejected with a 4xx, and that every answer conforms to the schema: documented status code,
content type, headers and body. Hypothesis' health checks are on.

So that writes really run, a path's ``id`` is drawn from the objects of that collection in the
test world (some the role may see, some it may not: 404), and a write carries the object's
current ``ETag`` in ``If-Match``, read just before with the same token. Each request runs in a
savepoint that is rolled back, so every example meets the same world. The schema is loaded once;
the generator is derandomized with a few examples per operation and mode, so the run is bounded
in time and the same every time; ``EMPACT_SCHEMATHESIS_DEPTH=8`` runs eight times as many.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client

from actors.api.authentication import api_token_create
from empact.access import MATRIX
from empact.api.urls import COLLECTIONS

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
DEPTH = int(os.environ.get("EMPACT_SCHEMATHESIS_DEPTH", "1"))  # more examples for a deeper run
EXAMPLES = {GenerationMode.POSITIVE: 2 * DEPTH, GenerationMode.NEGATIVE: DEPTH}
MODELS = {prefix: viewset.serializer_class.Meta.model for prefix, viewset, _ in COLLECTIONS}


@pytest.fixture(scope="module")
def wsgi_app():
    """The project's WSGI application, kept on the test's database connection: as Django's test
    client does, the connection is not closed at the start and end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def tokens(world, django_db_blocker):
    """A personal token per role, made inside the module's world transaction."""
    with django_db_blocker.unblock():
        return {
            role: api_token_create(user=user, name="schemathesis")[1]
            for role, user in world.users.items()
        }


@pytest.fixture(scope="module")
def schema(wsgi_app, tokens):
    auth = {"Authorization": f"Token {tokens['administrator']}"}
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app, headers=auth)


def _path_ids(user) -> dict[str, list[int]]:
    """Per collection, the ids a path draws from: every object the user may see and one that
    they may not (a 404), so most examples reach the object and its writes."""
    drawn = {}
    for prefix, model in MODELS.items():
        objects = model._default_manager
        # One's own notifications are the only collection outside the matrix: by recipient.
        mine = (
            objects.visible_to(user, "view")
            if hasattr(objects, "visible_to")
            else objects.filter(recipient=user)
        )
        visible = sorted(mine.values_list("pk", flat=True))
        hidden = objects.exclude(pk__in=visible).order_by("pk").values_list("pk", flat=True)[:1]
        drawn[prefix] = visible + list(hidden)
    return drawn


def _prefix(path: str) -> str:
    return path.split("/")[3]  # /api/v1/<prefix>/...


def _negatable(operation) -> bool:
    """Whether a request can break the schema: a query or a body. The path ``id`` is drawn from
    the world and the only header (``If-Match``) is a free string, so an operation with neither
    (``/me/``, most steps) has no invalid input to generate."""
    return len(operation.query) > 0 or len(operation.body) > 0


def _strategy(operation, mode: GenerationMode, ids: dict[str, list[int]]):
    """Cases of the operation with, for a path with ``{id}``, an id of an object of the world:
    generated with a fixed id (so the id is never the invalid part), then set to a drawn one."""
    if "{id}" not in operation.path:
        return operation.as_strategy(generation_mode=mode)
    pks = ids[_prefix(operation.path)] or [2**31 - 1]  # none in the world: a 404 id
    cases = operation.as_strategy(generation_mode=mode, path_parameters={"id": pks[0]})
    return st.tuples(cases, st.sampled_from(pks)).map(_with_id)


def _with_id(drawn):
    case, pk = drawn
    case.path_parameters = {**case.path_parameters, "id": pk}
    return case


def _with_current_etag(case, client: Client, auth: dict[str, str]) -> None:
    """A write (or a step) carries the object's current ETag, read with the same token (through
    the WSGI application: Django's test client would reconnect the signals that close the
    connection)."""
    if case.method == "GET" or "{id}" not in case.path:
        return
    if case.meta is not None and case.meta.is_negative_at("header"):
        return  # the invalid header is what this example tries
    response = client.get(
        f"/api/v1/{_prefix(case.path)}/{case.path_parameters['id']}/", headers=auth
    )
    if response.status_code == 200:
        case.headers = {**(case.headers or {}), "If-Match": response.headers["ETag"]}


def test_the_schema_has_the_operations_of_every_collection(schema):
    paths = {result.ok().path for result in schema.get_all_operations()}
    assert {_prefix(path) for path in paths} >= set(MODELS)
    assert len(paths) > 60


@pytest.mark.parametrize("role", MATRIX.roles)
def test_no_server_error_and_every_answer_conforms_to_the_schema(
    world, wsgi_app, tokens, schema, role
):
    auth = {"Authorization": f"Token {tokens[role]}"}
    client = Client(wsgi_app)
    ids = _path_ids(world.users[role])
    failures: list[str] = []
    answers: Counter[tuple[str, int]] = Counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode, examples in EXAMPLES.items():
            if mode.is_negative and not _negatable(operation):
                continue
            if mode.is_positive and operation.method.upper() == "GET":
                examples = (
                    DEPTH  # reads change nothing: fewer examples; the lists are in test_matrix
                )

            @settings(
                max_examples=examples,
                derandomize=True,
                database=None,
                deadline=None,
                phases=[Phase.explicit, Phase.generate],
            )
            @given(case=_strategy(operation, mode, ids))
            def run(case):
                with transaction.atomic():
                    _with_current_etag(case, client, auth)
                    response = case.call_and_validate(headers=auth, checks=CHECKS)
                    answers[(case.method, response.status_code)] += 1
                    transaction.set_rollback(True)

            try:
                run()
            except (Exception, BaseExceptionGroup) as exc:  # all collected, reported at the end
                failures.append(f"{operation.label} [{mode}]: {str(exc)[:1500]}")
    assert not failures, f"{len(failures)} failing operations:\n" + "\n\n".join(failures)
    if role == "administrator":  # may write everything: every kind of write really ran
        ran = {method for method, status in answers if method != "GET" and status < 300}
        assert ran == {"POST", "PUT", "PATCH", "DELETE"}, sorted(answers.items())
