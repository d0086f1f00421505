"""The demo commands create accounts with a published password: never on a real database."""

import pytest
from django.core.management import CommandError, call_command

from actors.models import User

pytestmark = pytest.mark.django_db

DEMO_COMMANDS = (
    ("load_demo", {}),
    ("generate_scale_data", {"factor": 1}),
    ("demo_logins", {}),
)


@pytest.mark.parametrize(("command", "options"), DEMO_COMMANDS)
def test_a_demo_command_refuses_a_database_not_marked_as_a_demo(command, options, settings):
    settings.DEBUG = False
    settings.EMPACT_DEMO_DATABASE = False
    with pytest.raises(CommandError, match="EMPACT_DEMO_DATABASE=1") as refused:
        call_command(command, verbosity=0, **options)
    assert "\n" not in str(refused.value), "the refusal is one line"
    assert not User.objects.exists(), "no account with a known password was created"


def test_load_demo_runs_when_the_setting_marks_the_database_as_a_demo(settings):
    settings.DEBUG = False
    settings.EMPACT_DEMO_DATABASE = True
    call_command("load_demo", verbosity=0)
    assert User.objects.filter(email__endswith="@empact.example.eu").exists()


def test_load_demo_runs_with_debug_on(settings):
    settings.DEBUG = True
    settings.EMPACT_DEMO_DATABASE = False
    call_command("load_demo", verbosity=0)
    assert User.objects.exists()


def test_the_demo_database_setting_is_off_unless_the_environment_says_so():
    from django.conf import settings as real_settings

    assert real_settings.EMPACT_DEMO_DATABASE is False
