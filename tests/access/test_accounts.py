"""Accounts: sign in with e-mail, sign out, password reset and change, profile, language."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from actors.models import User
from tests.access.world import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_user_signs_in_with_email_and_password_and_out_again(world):
    client = Client()
    response = client.post(
        reverse("login"), {"username": "driver@example.eu", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("logout")).status_code == 405, "signing out is a POST"
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_a_wrong_password_is_refused_with_a_message_and_the_email_kept(world):
    response = Client().post(
        reverse("login"), {"username": "driver@example.eu", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "driver@example.eu" in response.content.decode()
    assert response.context["form"].errors


def test_there_is_no_public_sign_up():
    from django.urls import NoReverseMatch

    for name in ("signup", "register", "sign_up"):
        with pytest.raises(NoReverseMatch):
            reverse(name)


def test_password_reset_sends_a_link_by_email(world):
    response = Client().post(reverse("password_reset"), {"email": "nec@example.eu"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_reset_does_not_reveal_whether_an_address_exists(world):
    response = Client().post(reverse("password_reset"), {"email": "nobody@example.eu"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_a_user_changes_their_password(world):
    client = Client()
    client.force_login(world.users["participant"])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-new-passphrase",
            "new_password2": "a-much-longer-new-passphrase",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(pk=world.users["participant"].pk).check_password(
        "a-much-longer-new-passphrase"
    )


def test_the_profile_lists_active_and_past_roles(world):
    import datetime

    from actors.models import Role, RoleAssignment

    user = world.users["nec"]
    RoleAssignment.objects.create(
        user=user,
        role=Role.PARTICIPANT,
        action=world.a1,
        starts_on=datetime.date(2021, 1, 1),
        ends_on=datetime.date(2021, 12, 31),
    )
    client = Client()
    client.force_login(user)
    response = client.get(reverse("profile"))
    assert [a.role for a in response.context["current"]] == ["nec"]
    assert [a.role for a in response.context["past"]] == ["participant"]


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_preferred_language_is_saved_and_used(world, language):
    user = world.users["driver"]
    client = Client()
    client.force_login(user)
    client.post(reverse("profile"), {"language": language})
    assert User.objects.get(pk=user.pk).language == language
    response = client.get(reverse("profile"))
    shown_in = response.wsgi_request.LANGUAGE_CODE
    assert shown_in == language


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_language_switcher_also_remembers_the_choice(world, language):
    user = world.users["driver"]
    client = Client()
    client.force_login(user)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert User.objects.get(pk=user.pk).language == language


def test_the_admin_site_is_for_administrators_only(world):
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        response = client.get("/admin/")
        expected = 200 if role == "administrator" else 302
        assert response.status_code == expected, role
