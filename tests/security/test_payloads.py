"""Script payloads in every free-text field, every page and endpoint rendered for several roles:
the pages show them as text, the API returns them as JSON data.

Every CharField and TextField of every model of the project's apps (their change history too) is
overwritten, row by row, with a payload that tries both an element and an attribute break-out.
The payload names its field and row, so a failure says where the text came from. A field is
left out only when it has choices, holds a password, or its validators refuse every payload
shape (an e-mail address, a URL); ``test_the_payloads_reach_the_main_fields`` checks what was
filled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.test import Client

from tests.access.oracle import allowed
from tests.access.world import TODAY
from tests.security.pages import Page, admin_pages, pages

pytestmark = pytest.mark.django_db

APPS = ("actors", "cycles", "priorities", "oaps", "funding", "assessments", "workspace", "empact")
ROLES = ("administrator", "secretariat", "driver", "action_leader", "nec", "participant")
# The longest shape that a field's validators (its max_length included) accept is used.
SHAPES = (
    '<script>alert("f-{tag}")</script>"><img src=x onerror=alert("f-{tag}")>',
    '"><img src=x onerror=alert("f-{tag}")>',
    "<script>alert({tag})</script>",
    "<svg onload=alert({tag})>",
    '"><svg onload={tag}>',
)
UNESCAPED = re.compile(r"<script>alert\(|<img src=x onerror|<svg onload")
ESCAPED = re.compile(r"&lt;(?:script&gt;|img src=x |svg )[^<>]*?(\d+\.\d+)")
SKIPPED_NAMES = {"password"}
# Answers that carry the text as data; nosniff keeps a browser from reading them as HTML.
DATA_TYPES = ("application/json", "text/csv", "application/vnd.oai.openapi")


@dataclass
class Payloads:
    fields: list[str] = field(default_factory=list)  # "app.model.field", by field number
    skipped: list[str] = field(default_factory=list)

    def source(self, tag: str) -> str:
        number, _, pk = tag.partition(".")
        return f"{self.fields[int(number)]} (pk {pk})"


def _free_text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f.name not in SKIPPED_NAMES
    ]


def _payload(model_field: models.Field, tag: str) -> str | None:
    for shape in SHAPES:
        value = shape.format(tag=tag)
        try:
            model_field.run_validators(value)
        except ValidationError:
            continue
        return value
    return None


def fill_every_free_text_field() -> Payloads:
    payloads = Payloads()
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for model_field in _free_text_fields(model):
                number = len(payloads.fields)
                name = f"{model._meta.label_lower}.{model_field.name}"
                payloads.fields.append(name)
                for pk in model._base_manager.values_list("pk", flat=True):
                    value = _payload(model_field, f"{number}.{pk}")
                    if value is None:
                        payloads.skipped.append(f"{name}: its validators refuse every payload")
                        break
                    try:
                        with transaction.atomic():
                            model._base_manager.filter(pk=pk).update(**{model_field.name: value})
                    except DatabaseError as error:
                        payloads.skipped.append(f"{name}: the database refuses it ({error})")
                        break
    return payloads


@pytest.fixture(scope="module")
def payloads(world, django_db_blocker) -> Payloads:
    with django_db_blocker.unblock():
        return fill_every_free_text_field()


def _visible(page: Page, user) -> bool:
    return page.obj is None or allowed(user, page.type_key, "view", page.obj, TODAY)


def _problems(page: Page, response, payloads: Payloads, seen: set[str]) -> list[str]:
    content_type = response.get("Content-Type", "")
    if response.get("Content-Disposition", "").startswith("attachment"):
        # a file (a PDF, a document's version) downloads; the browser never renders it
        if response.get("X-Content-Type-Options") != "nosniff":
            return [f"{page.url}: an attachment without X-Content-Type-Options: nosniff"]
        return []
    if response.streaming:
        body = b"".join(response.streaming_content).decode()
    else:
        body = response.content.decode()
    answers_data = page.is_api and page.name != "api:docs" and response.status_code == 200
    if answers_data and not content_type.startswith(DATA_TYPES):
        return [f"{page.url}: answers {content_type}, not data"]
    if content_type.startswith(DATA_TYPES):
        if response.get("X-Content-Type-Options") != "nosniff":
            return [f"{page.url}: {content_type} without X-Content-Type-Options: nosniff"]
        return []
    seen.update(ESCAPED.findall(body))
    problems = []
    for match in UNESCAPED.finditer(body):
        snippet = body[match.start() : match.start() + 90]
        tag = re.search(r"[\d]+\.[\d]+", snippet)
        source = payloads.source(tag.group(0)) if tag else "?"
        problems.append(f"{page.url} ({response.status_code}): {source}: {snippet!r}")
    return problems


def _render(client: Client, site: list[Page], payloads: Payloads, seen: set[str]) -> list[str]:
    problems = []
    for page in site:
        response = client.get(page.url)
        assert response.status_code < 500, f"{page.url}: {response.status_code}"
        problems += _problems(page, response, payloads, seen)
    return problems


SKIPPED_PAGES = {"api:schema"}  # the OpenAPI schema holds no data and takes seconds


@pytest.mark.parametrize("role", ROLES)
def test_every_page_and_endpoint_shows_the_payloads_as_text(world, payloads, client_for, role):
    user = world.users[role]
    site = [
        page
        for page in pages()
        if not page.post_only and page.name not in SKIPPED_PAGES and _visible(page, user)
    ]
    seen: set[str] = set()
    problems = _render(client_for(user), site, payloads, seen)
    assert not problems, "\n".join(problems)
    assert len(seen) > 50, "the payloads do not reach the pages: is the test still filling them?"


def test_the_admin_shows_the_payloads_as_text(world, payloads, client_for):
    admin = world.users["administrator"]
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    seen: set[str] = set()
    problems = _render(client_for(admin), admin_pages(), payloads, seen)
    assert not problems, "\n".join(problems)


def test_the_payloads_reach_the_main_fields(world, payloads, client_for):
    """Not a vacuous pass: the main fields hold a payload and the pages show it escaped."""
    for name in (
        "oaps.kpi.unit",
        "oaps.operationalaction.title",
        "oaps.operationalactionplan.title",
        "oaps.progressreport.narrative",
        "actors.organisation.name",
        "actors.user.first_name",
        "priorities.priority.title",
    ):
        assert name in payloads.fields
        assert not [skip for skip in payloads.skipped if skip.startswith(name + ":")]
    assert not [skip for skip in payloads.skipped if "database" in skip], payloads.skipped
    seen: set[str] = set()
    driver = world.users["driver"]
    site = [
        page for page in pages() if page.name in ("plan-detail", "action-detail", "report-edit")
    ]
    _render(client_for(driver), [p for p in site if _visible(p, driver)], payloads, seen)
    shown = {payloads.source(tag).split(" ")[0] for tag in seen if "." in tag}
    expected = {
        "oaps.kpi.unit",
        "oaps.operationalaction.title",
        "oaps.operationalactionplan.title",
        "oaps.progressreport.narrative",
        "actors.organisation.acronym",
        "actors.user.first_name",
    }
    assert expected <= shown, sorted(shown)


REFLECTED = '"><img src=x onerror=alert("reflected")><script>alert("reflected")</script>'


def test_query_parameters_are_shown_as_text_on_every_page(world, client_for):
    user = world.users["administrator"]
    client = client_for(user)
    parameters = dict.fromkeys(("q", "sort", "next", "status", "year", "tab"), REFLECTED)
    problems = []
    for page in pages(objects_per_page=1):
        if page.post_only or page.is_api or page.name in SKIPPED_PAGES:
            continue
        response = client.get(page.url, parameters)
        assert response.status_code < 500, f"{page.url}: {response.status_code}"
        if response.get("Content-Disposition", "").startswith("attachment"):
            continue  # a file download, never rendered
        body = response.content.decode()
        if UNESCAPED.search(body):
            problems.append(f"{page.url}: {body[UNESCAPED.search(body).start() :][:90]!r}")
    assert not problems, "\n".join(problems)
