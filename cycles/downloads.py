"""The download of a document version's file (the page and the API answer the same way)."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from cycles.models import DocumentVersion


def download_response(version: DocumentVersion) -> FileResponse:
    """The file of ``version`` as a download under its original name, never sniffed."""
    if not version.file:
        raise Http404(_("This version has no file."))
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("This version's file is missing.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.filename or f"document{version.pk}",
        content_type=version.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
