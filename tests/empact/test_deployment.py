"""docker-compose.yml cannot run here, so it is checked by reading: parsed and cross-checked."""

from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parents[2]
REQUIRED_BY_SETTINGS = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "DEBUG"}
APP_SERVICES = ("migrate", "web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def test_the_stack_has_the_production_services(compose):
    assert {"db", "redis", "web", "worker", "beat", "migrate"} <= set(compose["services"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_every_app_service_gets_the_environment_settings_require(compose, name):
    environment = compose["services"][name]["environment"]
    assert set(environment) >= REQUIRED_BY_SETTINGS
    assert environment["DEBUG"] == "0"


@pytest.mark.parametrize("name", ["db", "redis", "web", "worker", "beat"])
def test_every_long_running_service_has_a_health_check(compose, name):
    assert compose["services"][name]["healthcheck"]["test"]


def test_no_secret_is_written_into_the_compose_file(compose):
    for service in compose["services"].values():
        for key, value in (service.get("environment") or {}).items():
            if "SECRET" in key or "PASSWORD" in key:
                assert "${" in str(value), f"{key} must come from the environment"


def test_exactly_one_beat_runs_and_migrations_run_once_before_the_app(compose):
    services = compose["services"]
    assert services["beat"]["deploy"]["replicas"] == 1
    assert "beat" in services["beat"]["command"]
    assert services["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    for name in ("web", "worker", "beat"):
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"
    assert "migrate" not in " ".join(services["web"]["command"])


def test_the_image_runs_as_a_non_root_user_and_installs_from_the_lock():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "\nUSER empact" in dockerfile
    assert "-c requirements.lock" in dockerfile
    assert "FROM python:3.11-slim" in dockerfile
