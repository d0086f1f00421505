"""Brute force: sign-in and every other password check are throttled per account and per
address (django-axes); password-reset mails are throttled per account and per address."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.access.world import PASSWORD

pytestmark = pytest.mark.django_db

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


def sign_in(client: Client, email: str, password: str, **extra):
    return client.post(reverse("login"), {"username": email, "password": password}, **extra)


def fail(client: Client, email: str, times: int, **extra) -> None:
    for _ in range(times):
        response = sign_in(client, email, "not-the-password", **extra)
        assert response.status_code in (200, 429)


def test_an_account_is_locked_after_five_wrong_passwords_even_with_the_right_one(world):
    client = Client()
    fail(client, "driver@example.eu", ACCOUNT_LIMIT - 1)
    assert sign_in(Client(), "driver@example.eu", "still-wrong").status_code == 429
    response = sign_in(client, "driver@example.eu", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_a_page_of_the_site_that_says_when_to_try_again(world):
    client = Client()
    fail(client, "driver@example.eu", ACCOUNT_LIMIT)
    response = sign_in(client, "driver@example.eu", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "ecl-site-header" in page, "the lockout page has the layout of the site"
    assert "Too many failed log-in attempts" in page
    assert "15 minutes" in page
    assert response["Retry-After"] == "900"
    assert "Traceback" not in page


def test_the_lockout_page_is_in_dutch_for_a_dutch_reader(world):
    client = Client(headers={"accept-language": "nl"})
    fail(client, "driver@example.eu", ACCOUNT_LIMIT)
    response = sign_in(client, "driver@example.eu", PASSWORD)
    assert response.status_code == 429
    assert "Te veel mislukte aanmeldpogingen" in response.content.decode()


def test_the_account_counter_ignores_the_case_of_the_address(world):
    client = Client()
    for email in (
        "Driver@example.eu",
        "DRIVER@EXAMPLE.EU",
        " driver@example.eu",
        "driver@Example.eu",
    ):
        sign_in(client, email, "not-the-password")
    fail(client, "driver@example.eu", 1)
    assert sign_in(client, "driver@example.eu", PASSWORD).status_code == 429


def test_a_locked_account_does_not_lock_other_accounts_on_the_same_address(world):
    client = Client()
    fail(client, "driver@example.eu", ACCOUNT_LIMIT)
    assert sign_in(client, "nec@example.eu", PASSWORD).status_code == 302


def test_an_address_is_locked_after_twenty_failures_on_any_accounts(world):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    accounts = [
        f"{role}@example.eu" for role in ("driver", "nec", "participant", "europol", "commission")
    ]
    for email in accounts:
        fail(attacker, email, ADDRESS_LIMIT // len(accounts) - (1 if email == accounts[-1] else 0))
    assert sign_in(attacker, "secretariat@example.eu", "wrong").status_code == 429
    assert sign_in(attacker, "secretariat@example.eu", PASSWORD).status_code == 429
    colleague = Client(REMOTE_ADDR="198.51.100.7")
    assert sign_in(colleague, "secretariat@example.eu", PASSWORD).status_code == 302


def test_a_successful_sign_in_resets_the_count(world):
    client = Client()
    fail(client, "driver@example.eu", ACCOUNT_LIMIT - 1)
    assert sign_in(client, "driver@example.eu", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    fail(client, "driver@example.eu", ACCOUNT_LIMIT - 1)
    assert sign_in(client, "driver@example.eu", PASSWORD).status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_the_count_of_the_address(world):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    victims = [f"{role}@example.eu" for role in ("driver", "nec", "participant", "europol")]
    for email in victims:
        fail(attacker, email, ACCOUNT_LIMIT - 1)
    assert sign_in(attacker, "commission@example.eu", PASSWORD).status_code == 302
    attacker.post(reverse("logout"))
    fail(attacker, "secretariat@example.eu", ADDRESS_LIMIT - len(victims) * (ACCOUNT_LIMIT - 1))
    assert sign_in(attacker, "cosi_delegate@example.eu", PASSWORD).status_code == 429


def test_the_cool_off_is_fifteen_minutes_and_not_extended_by_further_tries():
    import datetime

    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is False
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_wrong_current_passwords_in_the_password_change_form_count_towards_the_lockout(world):
    client = Client()
    client.force_login(world.users["participant"])
    for _ in range(ACCOUNT_LIMIT):
        client.post(
            reverse("password_change"),
            {
                "old_password": "a-guess",
                "new_password1": "a-much-longer-new-passphrase",
                "new_password2": "a-much-longer-new-passphrase",
            },
        )
    assert sign_in(Client(), "participant@example.eu", PASSWORD).status_code == 429


def test_the_admin_sign_in_is_throttled_too(world):
    client = Client()
    for _ in range(ACCOUNT_LIMIT):
        client.post(
            reverse("admin:login"), {"username": "administrator@example.eu", "password": "x"}
        )
    response = client.post(
        reverse("admin:login"), {"username": "administrator@example.eu", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_the_client_address_comes_from_the_trusted_proxy_not_from_the_client(settings):
    from django.test import RequestFactory

    from empact.signin import client_address

    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9", "the entry our proxy added, not a forged one"


# --- password reset -------------------------------------------------------------------------


def reset(client: Client, email: str):
    return client.post(reverse("password_reset"), {"email": email})


def test_password_reset_sends_at_most_three_mails_per_account_an_hour(world):
    answers = [reset(Client(REMOTE_ADDR=f"192.0.2.{n}"), "nec@example.eu") for n in range(5)]
    assert len(mail.outbox) == 3
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("password_reset_done"))
    }, "the same answer whether or not a mail went out"


def test_password_reset_answers_the_same_for_an_unknown_address_once_throttled(world):
    client = Client()
    known = [reset(client, "nec@example.eu") for _ in range(4)]
    unknown = [reset(client, "nobody@example.eu") for _ in range(4)]
    assert {(a.status_code, a["Location"]) for a in known + unknown} == {
        (302, reverse("password_reset_done"))
    }
    assert len(mail.outbox) == 3


def test_password_reset_requests_from_one_address_are_limited_to_twenty_an_hour(world):
    client = Client(REMOTE_ADDR="203.0.113.50")
    for n in range(ADDRESS_LIMIT):
        reset(client, f"someone{n}@example.eu")
    response = reset(client, "driver@example.eu")
    assert response.status_code == 302
    assert len(mail.outbox) == 0, "no mail once the address is throttled"
    reset(Client(REMOTE_ADDR="198.51.100.8"), "driver@example.eu")
    assert len(mail.outbox) == 1
