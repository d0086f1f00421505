"""The ECL page layout (templates/base.html), the ECL partials and the ECL form renderer."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.staticfiles import finders
from django.core import mail
from django.core.paginator import Paginator
from django.template import engines
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.html import Element, parse_html
from django.urls import reverse
from django.utils import translation

from empact.forms import EclBoundField, EclDateInput, EclFormRenderer
from tests.factories import DEFAULT_PASSWORD, UserFactory

ECL_FILES = {
    "stylesheet": "vendor/ecl/styles/ecl-eu.css",
    "print stylesheet": "vendor/ecl/styles/ecl-eu-print.css",
    "script": "vendor/ecl/scripts/ecl-eu.js",
}


# --- helpers ------------------------------------------------------------------------------


def walk(node: Element, parents: tuple[Element, ...] = ()) -> Iterator[tuple[Element, tuple]]:
    """Every element under ``node`` with its ancestors, in document order."""
    for child in node.children:
        if isinstance(child, Element):
            yield child, parents
            yield from walk(child, (*parents, child))


def attrs(element: Element) -> dict[str, str | None]:
    return dict(element.attributes)


def find_all(html: str | Element, tag: str | None = None, **wanted: str) -> list[Element]:
    """Elements of the given tag whose attributes contain ``wanted`` (``class_`` for class)."""
    root = parse_html(html) if isinstance(html, str) else html
    found = []
    # parse_html returns the element itself when the fragment has a single root.
    for element, _parents in [*([(root, ())] if root.name else []), *walk(root)]:
        if tag and element.name != tag:
            continue
        have = attrs(element)
        if all(
            _matches(have, name.rstrip("_").replace("_", "-"), value)
            for name, value in wanted.items()
        ):
            found.append(element)
    return found


def _matches(have: dict, name: str, value: str) -> bool:
    if name == "class":
        return value in (have.get("class") or "").split()
    return have.get(name) == value


def find_one(html: str | Element, tag: str | None = None, **wanted: str) -> Element:
    found = find_all(html, tag, **wanted)
    assert len(found) == 1, f"expected one <{tag} {wanted}>, found {len(found)}"
    return found[0]


def text(element: Element) -> str:
    return " ".join(
        str(child) if not isinstance(child, Element) else text(child) for child in element.children
    ).strip()


def parent_of(html: str, target: Element, **wanted: str) -> Element:
    """The closest ancestor of ``target`` matching ``wanted``."""
    for element, parents in walk(parse_html(html)):
        if element == target:
            for parent in reversed(parents):
                if all(_matches(attrs(parent), name.rstrip("_"), v) for name, v in wanted.items()):
                    return parent
    raise AssertionError(f"no ancestor {wanted} around {target}")


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response
    return response.content.decode()


@pytest.fixture
def user():
    return UserFactory(first_name="Ana", last_name="Ionescu", language="en")


@pytest.fixture
def signed_in(client: Client, user) -> Client:
    client.force_login(user)
    return client


# --- page layout --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "fr"])
def test_home_page_declares_the_language_of_the_signed_in_user(client, user, language):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    html = page(client, reverse("home"))
    assert re.search(rf'<html lang="{language}"', html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "fr"])
def test_login_page_declares_the_language_chosen_in_the_switcher(client, language):
    response = client.post(
        reverse("set_language"), {"language": language, "next": reverse("login")}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("login")
    assert re.search(rf'<html lang="{language}"', response.content.decode())


@pytest.mark.django_db
def test_skip_link_is_the_first_link_and_targets_the_main_landmark(signed_in):
    html = page(signed_in, reverse("home"))
    first_link = find_all(html, "a")[0]
    assert attrs(first_link)["href"] == "#main"
    assert "ecl-skip-link" in attrs(first_link)["class"]
    main = find_one(html, "main")
    assert attrs(main)["id"] == "main"


@pytest.mark.django_db
def test_page_loads_the_vendored_ecl_styles_and_script_from_static(signed_in):
    html = page(signed_in, reverse("home"))
    stylesheets = [attrs(link)["href"] for link in find_all(html, "link", rel="stylesheet")]
    scripts = [attrs(script)["src"] for script in find_all(html, "script")]
    for name, path in ECL_FILES.items():
        stem, suffix = path.rsplit(".", 1)
        pattern = re.compile(rf"^/static/{re.escape(stem)}(\.[0-9a-f]{{12}})?\.{suffix}$")
        assert any(pattern.match(url) for url in stylesheets + scripts), f"{name} not loaded"
        assert finders.find(path), f"{path} is missing from static/"
    assert all(url.startswith("/static/") for url in stylesheets + scripts), "no CDN"
    assert all("defer" in attrs(script) for script in find_all(html, "script"))


def test_vendored_ecl_records_its_pinned_version_and_licence():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor" / "ecl"
    pinned = re.search(
        r"^ECL_VERSION=(\S+)$",
        (Path(settings.BASE_DIR) / "scripts" / "fetch-ecl.sh").read_text(),
        re.M,
    )
    assert pinned
    assert f"@ecl/preset-eu {pinned.group(1)} " in (vendor / "VERSION").read_text()
    assert "European Union Public Licence" in (vendor / "LICENSE").read_text()
    assert (vendor / "images" / "icons" / "sprites" / "icons.svg").exists()
    assert not list(vendor.rglob("*.map")), "source maps are not vendored"


def test_vendored_ecl_files_are_the_unmodified_package_files():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor" / "ecl"
    listed = {}
    for line in (vendor / "SHA256SUMS").read_text().splitlines():
        checksum, name = line.split(maxsplit=1)
        listed[name] = checksum
    on_disk = {
        str(path.relative_to(vendor))
        for path in vendor.rglob("*")
        if path.is_file() and path.name not in {"SHA256SUMS", "VERSION"}
    }
    assert set(listed) == on_disk, "run scripts/fetch-ecl.sh instead of editing static/vendor/ecl"
    for name, checksum in listed.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == checksum, name


@pytest.mark.django_db
def test_language_switcher_posts_every_configured_language_to_set_language(signed_in):
    html = page(signed_in, reverse("home"))
    form = find_one(html, "form", action=reverse("set_language"))
    assert reverse("set_language") == "/i18n/setlang/"
    assert attrs(form)["method"] == "post"
    assert find_all(form, "input", name="csrfmiddlewaretoken")
    select = find_one(form, "select", name="language")
    options = [attrs(option)["value"] for option in find_all(select, "option")]
    assert options == [code for code, _name in settings.LANGUAGES]
    label = find_one(form, "label")
    assert attrs(label)["for"] == attrs(select)["id"]
    assert find_all(form, "button", type="submit"), "works without JavaScript"


@pytest.mark.django_db
def test_header_shows_the_signed_in_user_with_profile_link_and_logout_form(signed_in):
    html = page(signed_in, reverse("home"))
    profile = find_one(html, "a", href=reverse("profile"))
    assert "Ana Ionescu" in text(profile)
    logout = find_one(html, "form", action=reverse("logout"))
    assert attrs(logout)["method"] == "post"
    assert find_all(logout, "input", name="csrfmiddlewaretoken")
    assert not find_all(html, "a", href=reverse("login"))


@pytest.mark.django_db
def test_header_offers_the_login_link_to_anonymous_visitors(client):
    html = page(client, reverse("password_reset"))
    login = [a for a in find_all(html, "a") if attrs(a)["href"].startswith(reverse("login"))]
    assert login
    assert not find_all(html, "form", action=reverse("logout"))


@pytest.mark.parametrize(
    ("level", "variant", "role"),
    [
        (constants.SUCCESS, "success", "status"),
        (constants.INFO, "info", "status"),
        (constants.WARNING, "warning", "alert"),
        (constants.ERROR, "error", "alert"),
    ],
)
def test_messages_render_as_ecl_notifications_with_a_live_role(level, variant, role):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = render_to_string(
        "base.html", {"messages": [Message(level, "Plan saved <b>")]}, request=request
    )
    notification = find_one(html, "div", class_="ecl-notification")
    assert f"ecl-notification--{variant}" in attrs(notification)["class"]
    assert attrs(notification)["role"] == role
    assert "Plan saved &lt;b&gt;" in html
    assert notification in [el for el, _ in walk(find_one(html, "main"))]


# --- forms --------------------------------------------------------------------------------


class PlanForm(forms.Form):
    title = forms.CharField(label="Title", help_text="A short name.")
    summary = forms.CharField(label="Summary", widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(
        label="Kind", choices=[("op", "Operational"), ("st", "Strategic")], widget=forms.RadioSelect
    )


def test_forms_use_the_ecl_renderer_by_default():
    form = PlanForm()
    assert isinstance(form.renderer, EclFormRenderer)
    assert isinstance(form["title"], EclBoundField)


def test_field_error_is_next_to_the_field_and_linked_to_the_input():
    form = PlanForm(data={"title": "", "summary": "Keep me"})
    assert not form.is_valid()
    html = str(form)

    title = find_one(html, "input", name="title")
    assert attrs(title)["aria-invalid"] == "true"
    assert "ecl-text-input--invalid" in attrs(title)["class"]
    described_by = attrs(title)["aria-describedby"].split()
    assert described_by == ["id_title_helptext", "id_title_error"]
    error = find_one(html, id="id_title_error")
    assert "ecl-feedback-message" in attrs(error)["class"]
    assert "This field is required." in text(error)
    group = parent_of(html, title, class_="ecl-form-group")
    assert error in [element for element, _ in walk(group)], "the error is in the field's group"
    label = find_one(group, "label", for_="id_title")
    assert "required" in text(label)


def test_entered_values_are_kept_when_the_form_has_errors():
    form = PlanForm(data={"title": "", "summary": "Keep me"})
    form.is_valid()
    html = str(form)
    summary = find_one(html, "textarea", name="summary")
    assert text(summary) == "Keep me"
    assert "ecl-text-area" in attrs(summary)["class"]
    assert "aria-invalid" not in attrs(summary)


def test_error_summary_leads_the_form_and_links_to_each_field_in_error():
    form = PlanForm(data={"title": ""})
    form.is_valid()
    html = str(form)
    summary = find_all(parse_html(html), "div")[0]
    assert "ecl-notification--error" in attrs(summary)["class"]
    assert attrs(summary)["role"] == "alert"
    assert "data-empact-autofocus" in attrs(summary)
    links = [attrs(a)["href"] for a in find_all(summary, "a")]
    assert links == ["#id_title", "#id_kind_0"]


def test_form_without_errors_has_no_error_summary():
    assert "ecl-notification" not in str(PlanForm())


CHOICES = [("a", "A"), ("b", "B")]


@pytest.mark.parametrize(
    ("widget", "tag", "css_class"),
    [
        (forms.TextInput(), "input", "ecl-text-input"),
        (forms.EmailInput(), "input", "ecl-text-input"),
        (forms.PasswordInput(), "input", "ecl-text-input"),
        (forms.NumberInput(), "input", "ecl-text-input"),
        (forms.DateInput(), "input", "ecl-text-input"),
        (forms.Textarea(), "textarea", "ecl-text-area"),
        (forms.Select(choices=CHOICES), "select", "ecl-select"),
        (forms.SelectMultiple(choices=CHOICES), "select", "ecl-select"),
        (forms.CheckboxInput(), "input", "ecl-checkbox__input"),
        (forms.CheckboxSelectMultiple(choices=CHOICES), "input", "ecl-checkbox__input"),
        (forms.RadioSelect(choices=CHOICES), "input", "ecl-radio__input"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, forms.Widget) else None,
)
def test_each_widget_renders_with_its_ecl_class(widget, tag, css_class):
    form = type("OneFieldForm", (forms.Form,), {"value": forms.Field(widget=widget)})()
    elements = find_all(str(form["value"]), tag)
    assert elements
    assert all(css_class in attrs(element)["class"].split() for element in elements)


def test_a_class_set_on_the_widget_is_kept_and_its_width_wins():
    widget = forms.TextInput(attrs={"class": "ecl-text-input--l plan-title"})
    form = type("OneFieldForm", (forms.Form,), {"value": forms.CharField(widget=widget)})()
    classes = attrs(find_one(str(form["value"]), "input"))["class"].split()
    assert classes == ["ecl-text-input", "ecl-text-input--l", "plan-title"]


def test_ecl_date_input_is_a_native_date_field_with_an_iso_value_in_any_language():
    field = forms.DateField(widget=EclDateInput)
    form = type("OneFieldForm", (forms.Form,), {"value": field})(
        initial={"value": date(2026, 3, 31)}
    )
    with translation.override("nl"):
        element = attrs(find_one(str(form["value"]), "input"))
    assert (element["type"], element["value"]) == ("date", "2026-03-31")


def test_radio_buttons_are_grouped_in_a_fieldset_with_a_legend():
    form = PlanForm(data={"title": "x"})
    form.is_valid()
    html = str(form)
    fieldset = find_one(html, "fieldset")
    assert attrs(fieldset)["aria-describedby"] == "id_kind_error"
    assert "Kind" in text(find_one(fieldset, "legend"))
    radios = find_all(fieldset, "input", type="radio")
    assert [attrs(radio)["id"] for radio in radios] == ["id_kind_0", "id_kind_1"]
    assert all("ecl-radio__input" in attrs(radio)["class"] for radio in radios)
    assert find_all(fieldset, "label", for_="id_kind_0")


# --- partials -----------------------------------------------------------------------------


def test_table_marks_the_sorted_column_and_links_each_header_to_its_sort():
    request = RequestFactory().get("/plans/", {"sort": "-title", "page": "3", "status": "open"})
    columns = [("Title", "title"), ("Status", "status"), ("Notes", "")]
    html = render_to_string(
        "ecl/table.html",
        {"caption": "Plans", "columns": columns, "sort": "-title", "rows": [["A", "Open", "-"]]},
        request=request,
    )
    headers = find_all(html, "th")
    assert [attrs(th).get("aria-sort") for th in headers] == ["descending", None, None]
    title_link, status_link = (attrs(a)["href"] for a in find_all(html, "a"))
    assert title_link == "?sort=title&status=open"
    assert status_link == "?sort=status&status=open"
    assert not find_all(headers[2], "a"), "a column without sort key is not a link"
    assert find_one(html, "caption").children == ["Plans"]


def test_pagination_links_keep_the_query_and_mark_the_current_page():
    request = RequestFactory().get("/plans/", {"sort": "title", "page": "2"})
    current = Paginator(list(range(50)), 10).get_page(2)
    html = render_to_string("ecl/pagination.html", {"page": current}, request=request)
    nav = find_one(html, "nav")
    assert attrs(nav)["aria-label"] == "Pagination"
    hrefs = [attrs(a)["href"] for a in find_all(nav, "a")]
    assert "?sort=title&page=1" in hrefs
    assert "?sort=title&page=3" in hrefs
    assert "2" in text(find_one(nav, "span", **{"aria-current": "page"}))


def test_pagination_is_absent_for_a_single_page():
    request = RequestFactory().get("/plans/")
    single = Paginator([1, 2], 10).get_page(1)
    assert render_to_string("ecl/pagination.html", {"page": single}, request=request).strip() == ""


def test_menu_marks_the_current_page_and_section_when_included_with_only():
    template = engines["django"].from_string('{% include "ecl/menu.html" with items=items only %}')
    items = [("Home", "/"), ("Plans", "/plans/"), ("Reports", "/reports/")]
    html = template.render({"items": items}, request=RequestFactory().get("/plans/7/"))
    links = {text(a): attrs(a).get("aria-current") for a in find_all(html, "a")}
    assert links == {"Home": None, "Plans": "true", "Reports": None}
    nav = find_one(html, "nav")
    assert attrs(nav)["aria-label"] == "Main navigation"


def test_pagination_included_with_only_still_keeps_the_query():
    template = engines["django"].from_string(
        '{% include "ecl/pagination.html" with page=page only %}'
    )
    current = Paginator(list(range(30)), 10).get_page(1)
    html = template.render({"page": current}, request=RequestFactory().get("/", {"q": "cyber"}))
    assert "?q=cyber&page=2" in [attrs(a)["href"] for a in find_all(html, "a")]


# --- registration pages -------------------------------------------------------------------


@pytest.mark.django_db
def test_failed_login_shows_the_error_summary_and_keeps_the_email(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    summary = find_one(html, "div", class_="empact-error-summary")
    assert attrs(summary)["role"] == "alert"
    email = find_one(html, "input", name="username")
    assert attrs(email)["value"] == user.email
    assert find_all(html, "a", href=reverse("password_reset"))


@pytest.mark.django_db
def test_login_with_the_right_password_signs_in(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_password_reset_sends_a_one_line_subject_and_a_plain_text_link(client, user):
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert page(client, response.url)
    (message,) = mail.outbox
    assert "\n" not in message.subject
    link = re.search(r"https?://\S+/reset/\S+/", message.body)
    assert link, message.body
    assert "&amp;" not in message.body
    confirm = client.get(link.group(0), follow=True)
    assert find_all(confirm.content.decode(), "input", name="new_password1")


@pytest.mark.django_db
def test_password_reset_link_that_does_not_work_says_so(client):
    url = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"})
    html = page(client, url)
    assert "This link does not work" in html
    assert find_all(html, "a", href=reverse("password_reset"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["password_reset", "password_reset_done", "password_reset_complete"]
)
def test_anonymous_account_pages_render_in_the_layout(client, name):
    html = page(client, reverse(name))
    assert len(find_all(html, "h1")) == 1
    assert find_one(html, "main")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["password_change", "password_change_done"])
def test_password_change_pages_render_in_the_layout(signed_in, name):
    html = page(signed_in, reverse(name))
    assert len(find_all(html, "h1")) == 1
    if name == "password_change":
        assert find_all(html, "input", name="old_password")
