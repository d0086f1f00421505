"""A user's e-mail address (their sign-in name) changes only by themself, with their password,
the old address told; or by an administrator in the admin."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from actors.models import User
from tests.access.world import PASSWORD

pytestmark = pytest.mark.django_db

URL = "profile-email"


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def change(client: Client, new_email: str, password: str = PASSWORD):
    return client.post(reverse(URL), {"new_email": new_email, "password": password})


def test_the_profile_links_to_the_email_change_page(world):
    page = signed_in(world.users["participant"]).get(reverse("profile")).content.decode()
    assert reverse(URL) in page


def test_a_user_changes_their_email_with_their_password(world, django_capture_on_commit_callbacks):
    user = world.users["participant"]
    with django_capture_on_commit_callbacks(execute=True):
        response = change(signed_in(user), "New.Address@Example.eu")
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "new.address@example.eu"
    last = user.history.first()
    assert (last.history_change_reason, last.history_user_id) == (
        "actors.user.email_changed",
        user.pk,
    )


def test_the_old_address_receives_a_notice_and_the_new_one_a_confirmation(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change(signed_in(world.users["participant"]), "new.address@example.eu")
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"participant@example.eu", "new.address@example.eu"}
    notice = by_recipient["participant@example.eu"]
    assert "new.address@example.eu" in notice.body
    assert "not you" in notice.body
    assert "sign in" in by_recipient["new.address@example.eu"].body


def test_a_wrong_password_is_refused_and_nothing_changes(world):
    user = world.users["participant"]
    response = change(signed_in(user), "new.address@example.eu", password="a-guess")
    assert response.status_code == 200
    assert "This is not your current password." in response.content.decode()
    user.refresh_from_db()
    assert user.email == "participant@example.eu"
    assert mail.outbox == []


def test_an_address_already_in_use_is_refused(world):
    response = change(signed_in(world.users["participant"]), "NEC@example.eu")
    assert response.status_code == 200
    assert "Another account already uses this e-mail address." in response.content.decode()
    assert User.objects.get(pk=world.users["participant"].pk).email == "participant@example.eu"


def test_the_same_address_is_refused(world):
    response = change(signed_in(world.users["participant"]), "Participant@example.eu")
    assert response.status_code == 200
    assert "This is already your e-mail address." in response.content.decode()


def test_the_page_is_in_dutch_for_a_dutch_user(world):
    user = world.users["participant"]
    user.language = "nl"
    user.save(update_fields=["language"])
    client = signed_in(user)
    page = client.get(reverse(URL), headers={"accept-language": "nl"}).content.decode()
    assert "E-mailadres wijzigen" in page
    response = change(client, "new.address@example.eu", password="a-guess")
    assert "Dit is niet uw huidige wachtwoord." in response.content.decode()


def test_wrong_passwords_here_count_towards_the_lockout(world):
    client = signed_in(world.users["participant"])
    for _ in range(5):
        change(client, "new.address@example.eu", password="a-guess")
    response = Client().post(
        reverse("login"), {"username": "participant@example.eu", "password": PASSWORD}
    )
    assert response.status_code == 429


@pytest.mark.parametrize("role", ["nec", "secretariat", "driver", "action_leader"])
def test_another_user_cannot_change_someones_email_through_any_page(world, role):
    """The page changes only the e-mail of the user signed in: there is no user id to forge.
    A NEC of the victim's country and the secretariat get no other page for it either."""
    victim = world.objects["colleague_be"]
    client = signed_in(world.users[role])
    for data in (
        {"new_email": "attacker@example.eu", "password": PASSWORD, "user": victim.pk},
        {"new_email": "attacker@example.eu", "password": PASSWORD, "id": victim.pk},
    ):
        client.post(reverse(URL), data)
        client.post(reverse("profile"), {**data, "email": "attacker2@example.eu"})
        client.post(reverse("user-detail", args=[victim.pk]), {"email": "attacker3@example.eu"})
    assert User.objects.get(pk=victim.pk).email == "colleague.be@example.eu"
    assert client.get(reverse("admin:actors_user_change", args=[victim.pk])).status_code in (
        302,
        403,
    ), "the admin is for administrators only"


def test_an_administrator_changes_an_email_in_the_admin_and_the_old_address_is_told(
    world, django_capture_on_commit_callbacks
):
    victim = world.objects["colleague_be"]
    client = signed_in(world.users["administrator"])
    url = reverse("admin:actors_user_change", args=[victim.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value not in (None, []) and name in form.fields and not form.fields[name].disabled
    }
    data["email"] = "colleague.renamed@example.eu"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    victim.refresh_from_db()
    assert victim.email == "colleague.renamed@example.eu"
    assert victim.history.first().history_change_reason == "actors.user.email_changed"
    assert "colleague.be@example.eu" in [message.to[0] for message in mail.outbox]
