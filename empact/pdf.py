"""The project's one way of making PDFs: a template rendered to HTML, printed by WeasyPrint.

WeasyPrint lays out HTML and CSS itself (through Pango, no browser), so a PDF is made from the
same templates and the same escaping as the pages. Whatever the HTML names (stylesheets, images,
fonts) is fetched only through `StaticOnlyFetcher`: the project's own static files, never the
network and never another file, so text a user typed cannot make the server fetch anything.
See docs/pdf.md.
"""

from __future__ import annotations

import logging
import posixpath
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

logger = logging.getLogger(__name__)

# The address the HTML is laid out at: it resolves `/static/...` and relative links, and names no
# real host (.invalid is reserved), so nothing can reach the network even by mistake.
BASE_URL = "https://empact.invalid/"

# The print stylesheet every PDF template links (templates/pdf/base.html).
PRINT_STYLESHEET = "css/print.css"

_CONTENT_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}


def static_path(url: str) -> Path | None:
    """The file of the project's static files that `url` names, or None for anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
        return None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    path = unquote(parts.path)
    if not path.startswith(prefix) or "\\" in path or "\x00" in path:
        return None
    relative = posixpath.normpath(path.removeprefix(prefix))
    if relative.startswith(("/", "..")) or relative == ".":
        return None
    if Path(relative).suffix.lower() not in _CONTENT_TYPES:
        return None
    # The collected files first (with their hashed names in production), then the sources.
    root = Path(settings.STATIC_ROOT).resolve()
    collected = (root / relative).resolve()
    if collected.is_relative_to(root) and collected.is_file():
        return collected
    found = finders.find(relative)
    return Path(found) if found else None


class StaticOnlyFetcher(URLFetcher):
    """Serves the project's static files to WeasyPrint and refuses every other URL."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = static_path(url)
        if path is None:
            logger.warning("PDF: refused to fetch %r (only the project's static files)", url[:200])
            raise URLFetchingError(f"Not one of the project's static files: {url[:200]}")
        content_type = _CONTENT_TYPES[path.suffix.lower()]
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def render_to_pdf(template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    """The PDF of `template_name` rendered with `context` (a template extending pdf/base.html)."""
    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf()


def safe_filename(filename: str, default: str = "document.pdf") -> str:
    """`filename` reduced to letters, digits, dots, dashes and underscores (no path, no quote)."""
    name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-_")[:150]
    return name or default


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """`pdf` as a download named `filename` (sanitised, ending in .pdf), never sniffed."""
    name = safe_filename(filename)
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(len(pdf))
    return response
