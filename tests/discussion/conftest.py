"""The access tests' world and frozen day, and signed-in clients, for the discussion tests."""

from tests.access.conftest import today, world  # noqa: F401 - fixtures
from tests.web.conftest import client_for  # noqa: F401 - fixture
