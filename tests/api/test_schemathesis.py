"""Schemathesis against the OpenAPI schema, in process through the WSGI application.

For every operation it generates requests from the schema and checks that no answer is a server
error and that every answer conforms to the schema: documented status code, content type,
headers and body. It runs as two roles (Europol and a driver), each with a personal token,
with a small fixed number of examples per operation and a derandomized generator, so the run is
bounded in time and the same every time. Each request runs in a savepoint that is rolled back.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from empact.api.authentication import api_token_create

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 3


@pytest.fixture
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


@pytest.mark.parametrize("role", ["europol", "driver"])
def test_no_server_error_and_every_answer_conforms_to_the_schema(world, wsgi_app, role):
    _, key = api_token_create(user=world.users[role], name="schemathesis")
    auth = {"Authorization": f"Token {key}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app, headers=auth)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            with transaction.atomic():
                case.call_and_validate(headers=auth, checks=CHECKS)
                transaction.set_rollback(True)

        try:
            run()
        except Exception as exc:  # every failure is collected and reported at the end
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    assert operations > 150
    assert not failures, f"{len(failures)} failing operations:\n" + "\n\n".join(failures)
