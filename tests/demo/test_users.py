import pytest
from django.core.management import call_command

from demo.users import CAST, DEMO_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_demo_logins_prints_every_demo_user_with_roles_and_the_password(capsys):
    call_command("demo_logins", demo_database=True)
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output
    for person in CAST:
        assert person.address in output
    assert "National EMPACT coordinator (NEC) (FR)" in output
    assert "Driver of OAP DRUGS 2026-2027" in output


def test_demo_addresses_are_plain_ascii_first_and_last_names():
    addresses = {person.address for person in CAST}
    assert "mikkel.sorensen@empact.example.eu" in addresses
    assert "elodie.marchand@empact.example.eu" in addresses
    assert all(address.isascii() for address in addresses)
    assert len(addresses) == len(CAST)
