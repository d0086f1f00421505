"""What a page shows: used by the query-count tests to prove the rows they added are on the page."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import escape


def missing_from(html: str, texts: Iterable[str]) -> list[str]:
    """The texts the page does not show. A text ending in a digit must not run on into another
    digit, so 'OA 1' is not found in 'OA 12' and a row cannot hide behind a longer code."""
    return [text for text in texts if not re.search(re.escape(escape(text)) + r"(?![0-9])", html)]
