"""The Content-Security-Policy: on every response, with no inline script or style, and no template
that would need one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.security.pages import EXTRA, admin_pages, pages

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

# --- the header ----------------------------------------------------------------------------


def _directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(parts)


def _policy_problems(url: str, response) -> list[str]:
    header = response.get("Content-Security-Policy")
    if header is None:
        return [f"{url} ({response.status_code}): no Content-Security-Policy header"]
    if "unsafe-" in header:
        return [f"{url}: {header}"]
    return []


def test_the_home_page_carries_the_whole_policy(world, client_for):
    response = client_for(world.users["nec"]).get("/")
    assert _directives(response["Content-Security-Policy"]) == POLICY


def test_every_page_and_endpoint_carries_the_policy_without_unsafe_sources(world, client_for):
    admin = world.users["administrator"]
    admin.is_superuser = True  # the admin site opens for superusers only
    admin.save(update_fields=["is_superuser"])
    signed_in = client_for(admin)
    site = pages(objects_per_page=1)
    urls = [page.url for page in (*site, *admin_pages())] + EXTRA
    problems = []
    for url in urls:
        problems += _policy_problems(url, signed_in.get(url))
    for page in site:  # signed out: the sign-in redirects and the API's 401s
        problems += _policy_problems(page.url, Client().get(page.url))
    for page in site:  # a POST refused for a missing CSRF token (403)
        if page.post_only:
            problems += _policy_problems(page.url, Client(enforce_csrf_checks=True).post(page.url))
    assert len(urls) > 150
    assert not problems, "\n".join(problems)


def test_the_api_reference_starts_swagger_ui_from_a_static_script(world, client_for):
    response = client_for(world.users["driver"]).get("/api/v1/docs/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<script src="/api/v1/docs/?script="></script>' in body  # the split view's start
    assert re.search(r'<script src="/static/js/api-reference[.0-9a-f]*js"></script>', body)
    assert inline_code(body) == []


def test_htmx_adds_no_inline_style_and_evaluates_nothing(world, client_for):
    body = client_for(world.users["nec"]).get("/").content.decode()
    assert '"includeIndicatorStyles": false' in body
    assert '"allowEval": false' in body


# --- the templates -------------------------------------------------------------------------

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"] + [
    path for path in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in path.parts
]
COMMENTS = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)
INLINE = {
    "a <script> without src": re.compile(r"<script\b(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "a <style> element": re.compile(r"<style\b", re.IGNORECASE),
    "a style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE),
    "an on... handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "an hx-on attribute (htmx evaluates it)": re.compile(r"\s(data-)?hx-on", re.IGNORECASE),
    "a javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}
# ECL components that JavaScript starts. Notification only closes itself; others (Select,
# Gallery, ...) copy option and caption texts into innerHTML, so each needs a review first.
ECL_COMPONENTS_STARTED = {"Notification"}


def inline_code(text: str) -> list[str]:
    """What in a template or page the policy would refuse to run or apply."""
    text = COMMENTS.sub("", text)
    found = [
        f"{what}: {match.group(0)[:80]!r}"
        for what, pattern in INLINE.items()
        for match in pattern.finditer(text)
    ]
    for component in re.findall(r'data-ecl-auto-init="([^"]*)"', text):
        if component not in ECL_COMPONENTS_STARTED:
            found.append(f"ECL component {component} started: review what it writes as HTML")
    return found


def _template_files() -> list[Path]:
    return sorted(path for folder in TEMPLATE_DIRS for path in folder.rglob("*") if path.is_file())


def test_no_template_holds_inline_script_style_or_event_handlers():
    files = _template_files()
    assert len(files) > 100
    problems = [
        f"{path.relative_to(settings.BASE_DIR)}: {problem}"
        for path in files
        for problem in inline_code(path.read_text())
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="module">x()</script>',
        "<STYLE>p{}</STYLE>",
        '<p class="x" style="color: red">',
        '<button onclick="go()">',
        '<body onload="go()">',
        '<div hx-on:click="go()">',
        '<a href="javascript:go()">',
        '<div data-ecl-auto-init="Select">',
    ],
)
def test_the_template_scan_finds_each_kind_of_inline_code(snippet):
    assert inline_code(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/js/empact.js" defer></script>',
        "{% if style %} ecl-button--{{ style }}{% endif %}",
        "{# an inline <style> would be refused #}",
        '<div data-ecl-auto-init="Notification">',
        "<p>Based on the plan, one=two</p>",
    ],
)
def test_the_template_scan_lets_external_scripts_and_plain_text_through(snippet):
    assert inline_code(snippet) == []
