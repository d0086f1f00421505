"""The site menu: one entry per main page, shown only to a user who may open it.

Whether a user may open a page is the page's requirement in the access matrix (``urls:``): a
page for every signed-in user, or a right on a type of object (``plan.view``) that one of the
user's roles holds somewhere. The menu reads those requirements, so it never offers a page
that would answer 403.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from empact.access import MATRIX
from empact.access.gate import may

# (url name, label), in the order of the menu.
ENTRIES = (
    ("home", _("My work")),
    ("cycle-list", _("Cycles")),
    ("document-list", _("Documents")),
    ("plan-list", _("Plans")),
    ("country-list", _("Countries")),
    ("user-list", _("People")),
    ("api:docs", _("API reference")),
)


def may_open(user, url_name: str) -> bool:
    """Whether the matrix lets ``user`` open the page named ``url_name`` at all."""
    need = MATRIX.urls[url_name].partition(" ")[0]
    if need == "public":
        return True
    if not user.is_authenticated:
        return False
    if need == "login":
        return True
    type_key, _dot, action = need.partition(".")
    return may(user, type_key, action)


def menu_items(user) -> list[tuple[str, str]]:
    """The (label, url) pairs of the menu for ``user``: none for a visitor not signed in."""
    if not user.is_authenticated:
        return []
    return [(str(label), reverse(name)) for name, label in ENTRIES if may_open(user, name)]


def main_nav(request: HttpRequest) -> dict:
    """Context processor: ``main_nav``, computed only when a page renders the menu."""
    user = getattr(request, "user", None)
    if user is None:
        return {"main_nav": []}
    return {"main_nav": SimpleLazyObject(lambda: menu_items(user))}
