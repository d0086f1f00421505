"""Every URL of the site with real objects as arguments, for the tests that walk them all.

The URL names and the kind of object each takes come from the access matrix (``MATRIX.urls``),
which a test in tests/access keeps equal to the URL map; the admin pages come from the admin
site's registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Model
from django.urls import NoReverseMatch, get_resolver, reverse

from empact.access.matrix import MATRIX


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    post_only: bool = False  # the page answers GET with 405
    type_key: str = ""  # the kind of object in the URL, if any (a key of the access matrix)
    obj: Model | None = None

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")


# URLs that take something other than one object id, or that catch every other path.
SPECIAL = {
    "password_reset_confirm": ["/accounts/reset/MQ/set-password/"],
    "api:not-found": ["/api/v1/no-such-collection/"],
}
# Answers that are not a page of the URL map: unknown pages, a static file, a health check.
EXTRA = ["/no-such-page/", "/static/css/empact.css", "/static/js/api-reference.js"]


def url_arguments(name: str) -> list[str]:
    resolver = get_resolver()
    *namespaces, short = name.split(":")
    for namespace in namespaces:
        resolver = resolver.namespace_dict[namespace][1]
    for possibility, *_ in resolver.reverse_dict.getlist(short):
        return list(possibility[0][1])
    raise AssertionError(f"no URL named {name}")


def _objects(type_key: str, limit: int | None) -> list[Model]:
    model = MATRIX.type(type_key).model
    return list(model._default_manager.order_by("pk")[:limit])


def pages(*, objects_per_page: int | None = None) -> list[Page]:
    """Every page of the URL map, once per object of the kind it takes (at most
    ``objects_per_page`` of them), in the matrix's order."""
    found = []
    for name, need in MATRIX.urls.items():
        requirement, _, method = need.partition(" ")
        post_only = method == "POST"
        if name in SPECIAL:
            found += [Page(name, url, post_only) for url in SPECIAL[name]]
        elif not url_arguments(name):
            found.append(Page(name, reverse(name), post_only))
        elif "." not in requirement:  # a public or signed-in page about something of one's own
            found.append(Page(name, reverse(name, args=[1]), post_only))
        else:
            type_key = requirement.split(".")[0]
            for obj in _objects(type_key, objects_per_page):
                url = reverse(name, args=[obj.pk])
                found.append(Page(name, url, post_only, type_key, obj))
    return found


def admin_pages(*, objects_per_model: int | None = 1) -> list[Page]:
    """The admin index, and the list, add, change and history page of every registered model."""
    found = [Page("admin:index", reverse("admin:index"))]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for view in ("changelist", "add"):
            found.append(Page(f"{prefix}_{view}", reverse(f"{prefix}_{view}")))
        for obj in model._default_manager.order_by("pk")[:objects_per_model]:
            for view in ("change", "history"):
                try:
                    found.append(
                        Page(f"{prefix}_{view}", reverse(f"{prefix}_{view}", args=[obj.pk]))
                    )
                except NoReverseMatch:
                    continue
    return found
