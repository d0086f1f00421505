"""Template rules that keep the markup valid whatever the page's context."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INCLUDE = re.compile(r"\{%\s*include\s+\"ecl/button\.html\"(?P<rest>[^%]*)%\}")


def test_every_ecl_button_is_included_without_the_pages_context():
    """The button template has a ``form`` attribute parameter: a page's own ``form`` (a Django
    form) leaking in through the context puts the whole form inside the button (a nested
    interactive control, which axe-core found on the profile page)."""
    leaky = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in INCLUDE.finditer(path.read_text())
        if not match.group("rest").rstrip().endswith(" only")
    ]
    assert leaky == [], "add `only` to these includes"
