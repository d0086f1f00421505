"""Generated from the access matrix: every HTML page x every role.

An object the role may not see answers 404, one it may see but not act on answers 403, the rest
answers as the page does. A URL pattern that the matrix does not list fails the suite.
"""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from empact.access.matrix import MATRIX
from tests.access.oracle import allowed
from tests.access.world import TODAY
from tests.pages import missing_from

pytestmark = pytest.mark.django_db


def _guarded_pages() -> list[tuple[str, str, str, str]]:
    """(url name, object type, action, HTTP method) of every guarded HTML page in the matrix.

    A value ``type.action`` refers to the object the URL's one integer argument identifies (or,
    for a URL without arguments, to the kind of object the page lists or creates). `` POST``
    marks pages that only accept POST.
    """
    pages = []
    for name, need in MATRIX.urls.items():
        requirement, _, method = need.partition(" ")
        if requirement in ("public", "login") or name.startswith("api:"):
            continue
        type_key, action = requirement.split(".")
        pages.append((name, type_key, action, (method or "GET").lower()))
    return pages


def _url_arguments(name: str) -> list[str]:
    resolver = get_resolver()
    namespace, _, name = name.rpartition(":")
    if namespace:
        resolver = resolver.namespace_dict[namespace][1]
    for pattern in resolver.reverse_dict.getlist(name):
        return list(pattern[0][0][1])
    raise AssertionError(f"no URL named {name}")


def _names(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = entry.namespace or namespace
            if entry.namespace and namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}:{entry.name}" if namespace and entry.name else entry.name


def test_every_url_pattern_is_covered_by_the_matrix():
    names = set(_names(get_resolver().url_patterns))
    assert None not in names, "every URL pattern needs a name so the matrix can list it"
    assert names - set(MATRIX.urls) == set(), "URL patterns missing from matrix.yaml `urls`"
    assert set(MATRIX.urls) - names == set(), "matrix.yaml lists URLs that do not exist"


def test_every_guarded_page_takes_at_most_one_object_argument():
    for name, *_ in _guarded_pages():
        assert len(_url_arguments(name)) <= 1, f"{name}: one object per URL, please"


@pytest.mark.parametrize(
    "name", [n for n, need in MATRIX.urls.items() if need.partition(" ")[0] == "login"]
)
def test_pages_for_signed_in_users_send_anonymous_visitors_to_the_login(client, name):
    arguments = len(_url_arguments(name))
    url = reverse(name, args=[1] * arguments)
    posted = name in ("logout", "token-revoke") or MATRIX.urls[name].endswith(" POST")
    response = client.post(url) if posted else client.get(url)
    if name.startswith("api:") and name != "api:docs":
        assert response.status_code == 401  # the API answers, it does not redirect
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


OBJECT_PAGES = [page for page in _guarded_pages() if _url_arguments(page[0])]
LIST_PAGES = [page for page in _guarded_pages() if not _url_arguments(page[0])]


@pytest.mark.parametrize(("name", "type_key", "action", "method"), OBJECT_PAGES)
def test_object_pages_answer_404_403_or_the_page_as_the_matrix_says(
    world, name, type_key, action, method
):
    model = MATRIX.type(type_key).model
    objects = list(model._default_manager.all())
    mismatches = []
    for role, user in world.users.items():
        client = _client_for(user)
        for obj in objects:
            if not allowed(user, type_key, "view", obj, TODAY):
                expected = {404}
            elif not allowed(user, type_key, action, obj, TODAY):
                expected = {403}
            elif method == "post":  # an empty post: done, or refused as input (the form's errors)
                expected = {200, 302, 400}
            else:
                expected = {200, 302}
            with transaction.atomic():
                response = getattr(client, method)(reverse(name, args=[obj.pk]))
                transaction.set_rollback(True)
            if response.status_code not in expected:
                mismatches.append(
                    f"{role} {name} {obj!r}: {response.status_code} not in {expected}"
                )
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize(("name", "type_key", "action", "method"), LIST_PAGES)
def test_list_and_form_pages_answer_as_the_matrix_says(world, name, type_key, action, method):
    object_type = MATRIX.type(type_key)
    for role, user in world.users.items():
        response = getattr(_client_for(user), method)(reverse(name))
        expected = {200} if object_type.rules(action, role) else {403}
        assert response.status_code in expected, f"{role} {name}: {response.status_code}"


def test_the_people_list_shows_exactly_the_users_the_matrix_lets_each_role_see(world):
    from actors.models import User

    for role, user in world.users.items():
        response = _client_for(user).get(reverse("user-list"))
        listed = {person.pk for person in response.context["page"].object_list}
        expected = {u.pk for u in User.objects.all() if allowed(user, "user", "view", u, TODAY)}
        assert listed == expected, role


def test_the_people_list_runs_a_constant_number_of_queries(world):
    from actors.models import User

    client = _client_for(world.users["secretariat"])
    client.get(reverse("user-list"))  # warm up: session, content types

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("user-list")).status_code == 200
        return len(context.captured_queries)

    few = count()
    User.objects.bulk_create(
        User(email=f"bulk{i}@example.eu", first_name="Bulk", last_name=f"Person {i}")
        for i in range(50)
    )
    assert count() == few
    pages = [client.get(reverse("user-list"), {"page": page}) for page in (1, 2)]
    listed = "".join(page.content.decode() for page in pages)
    assert not missing_from(listed, [f"bulk{i}@example.eu" for i in range(50)])
