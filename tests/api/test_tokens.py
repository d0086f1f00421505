"""Personal API tokens: created, listed and revoked by their owner; stored hashed; shown once."""

import datetime
import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from actors.api.authentication import api_token_create, api_token_revoke
from actors.models import ApiToken
from tests.access.world import TODAY

pytestmark = pytest.mark.django_db


def _web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_user_creates_a_token_and_sees_the_key_once(world):
    client = _web(world.users["europol"])
    response = client.post(reverse("token-list"), {"name": "Data sync", "expires_on": ""})
    assert response.status_code == 200
    key = response.context["key"]
    assert key.startswith("empact_") and len(key) > 40
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=world.users["europol"], name="Data sync")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in client.get(reverse("token-list")).content.decode()
    assert token.key_prefix in client.get(reverse("token-list")).content.decode()


def test_the_token_page_lists_only_the_users_own_tokens(world):
    api_token_create(user=world.users["driver"], name="Driver's robot")
    page = _web(world.users["europol"]).get(reverse("token-list")).content.decode()
    assert "Driver&#x27;s robot" not in page and "Driver's robot" not in page


def test_a_token_name_is_unique_among_the_users_active_tokens(world):
    api_token_create(user=world.users["europol"], name="Sync")
    response = _web(world.users["europol"]).post(reverse("token-list"), {"name": "Sync"})
    assert response.status_code == 200
    assert "already have an active token" in response.content.decode()


def test_a_token_authenticates_as_its_owner_and_records_its_last_use(world):
    token, key = api_token_create(user=world.users["nec"], name="NEC tool")
    response = _token_client(key).get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["email"] == "nec@example.eu"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_last_use_is_written_at_most_once_a_minute(world, freeze_clock):
    token, key = api_token_create(user=world.users["nec"], name="Busy")
    client = _token_client(key)
    client.get("/api/v1/me/")
    token.refresh_from_db()
    first = token.last_used_at
    client.get("/api/v1/me/")
    token.refresh_from_db()
    assert token.last_used_at == first
    later = first + datetime.timedelta(minutes=2)
    freeze_clock(later)
    client.get("/api/v1/me/")
    token.refresh_from_db()
    assert token.last_used_at == later


def test_a_revoked_token_no_longer_works(world):
    token, key = api_token_create(user=world.users["europol"], name="Old")
    response = _web(world.users["europol"]).post(reverse("token-revoke", args=[token.pk]))
    assert response.status_code == 302
    assert _token_client(key).get("/api/v1/me/").status_code == 401


def test_nobody_revokes_somebody_elses_token(world):
    token, key = api_token_create(user=world.users["europol"], name="Mine")
    response = _web(world.users["administrator"]).post(reverse("token-revoke", args=[token.pk]))
    assert response.status_code == 404
    assert _token_client(key).get("/api/v1/me/").status_code == 200


def test_an_expired_token_no_longer_works(world):
    _, key = api_token_create(
        user=world.users["europol"], name="Short", expires_on=TODAY - datetime.timedelta(days=1)
    )
    assert _token_client(key).get("/api/v1/me/").status_code == 401


def test_a_token_of_a_deactivated_account_no_longer_works(world):
    _, key = api_token_create(user=world.users["participant"], name="Leaver")
    type(world.users["participant"]).objects.filter(pk=world.users["participant"].pk).update(
        is_active=False
    )
    assert _token_client(key).get("/api/v1/me/").status_code == 401


def test_a_wrong_key_is_401(world):
    response = _token_client("empact_not-a-real-key").get("/api/v1/plans/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_token_has_its_owners_rights_and_no_more(world):
    _, key = api_token_create(user=world.users["participant"], name="Participant tool")
    client = _token_client(key)
    assert client.post(f"/api/v1/plans/{world.p1.pk}/submit/").status_code == 403
    assert client.get(f"/api/v1/plans/{world.p3.pk}/").status_code == 404


def test_revoking_twice_is_harmless(world):
    token, _ = api_token_create(user=world.users["europol"], name="Twice")
    first = api_token_revoke(actor=world.users["europol"], token=token).revoked_at
    assert api_token_revoke(actor=world.users["europol"], token=token).revoked_at == first


def test_a_browser_session_needs_the_csrf_token_to_change_anything(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.users["driver"])
    assert client.get(f"/api/v1/plans/{world.p1.pk}/").status_code == 200
    response = client.post(f"/api/v1/plans/{world.p1.pk}/submit/")
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]


def test_the_schema_and_the_reference_are_for_signed_in_users_only(world):
    assert APIClient().get("/api/v1/schema/").status_code == 401
    assert Client().get("/api/v1/docs/").status_code == 302
    web = _web(world.users["participant"])
    assert web.get("/api/v1/schema/?format=json").json()["openapi"].startswith("3.")
    page = web.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle." in html
    assert "https://" not in html and "http://" not in html  # no CDN
    assert '<html lang="en">' in html  # Swagger UI and the schema are in English
    assert "<style" not in html and "<script>" not in html  # no inline style or script
    script = web.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()


def test_an_administrator_revokes_a_leaked_token_in_the_admin(world):
    token, key = api_token_create(user=world.users["europol"], name="Leaked")
    admin_user = world.users["administrator"]
    admin_user.is_staff = admin_user.is_superuser = True  # as create_administrator makes them
    admin_user.save()
    response = _web(admin_user).post(
        reverse("admin:actors_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    assert _token_client(key).get("/api/v1/me/").status_code == 401
    assert token.history.latest().history_user == admin_user


def test_the_service_refuses_to_revoke_somebody_elses_token_for_a_non_administrator(world):
    from django.core.exceptions import PermissionDenied

    token, key = api_token_create(user=world.users["europol"], name="Mine")
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=world.users["driver"], token=token)
    assert _token_client(key).get("/api/v1/me/").status_code == 200
