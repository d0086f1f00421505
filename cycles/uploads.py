"""What a document upload may be: PDF, DOCX, XLSX or ODT, recognised by its content (the first
bytes, the parts of the zip), not by its name or the type the browser claims; at most
``DOCUMENT_MAX_BYTES``. The file name is reduced to safe characters for the download."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    suffix: str
    content_type: str
    label: str


PDF = FileType(".pdf", "application/pdf", "PDF")
DOCX = FileType(
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (DOCX)",
)
XLSX = FileType(
    ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"
)
ODT = FileType(".odt", "application/vnd.oasis.opendocument.text", "OpenDocument text (ODT)")
ACCEPTED = (PDF, DOCX, XLSX, ODT)
ACCEPT_ATTRIBUTE = ",".join(t.suffix for t in ACCEPTED)


def _zip_type(upload: UploadedFile) -> FileType | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if (
                "mimetype" in names
                and archive.getinfo("mimetype").file_size <= 100  # never inflate a big entry
                and archive.read("mimetype").strip() == ODT.content_type.encode()
            ):
                return ODT
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    return None


def file_type_of(upload: UploadedFile) -> FileType | None:
    """The accepted type the content of ``upload`` is, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(upload)
    return None


def safe_filename(name: str) -> str:
    """The base name of ``name`` in letters, digits, spaces, dots, dashes and underscores."""
    name = unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^\w .-]+", "_", name, flags=re.UNICODE)
    name = re.sub(r"\s+", " ", name).strip(" ._")
    stem, suffix = PurePosixPath(name).stem[:150], PurePosixPath(name).suffix[:10]
    return f"{stem}{suffix}" if stem else f"document{suffix}"


def check_upload(upload: UploadedFile) -> FileType:
    """The type of ``upload``; a ValidationError in the user's words if it may not be stored."""
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; files of at most %(limit)s can be uploaded.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    accepted = ", ".join(t.label for t in ACCEPTED)
    found = file_type_of(upload)
    if found is None:
        raise ValidationError(
            _("This file is not a document that can be uploaded. Accepted: %(types)s.")
            % {"types": accepted},
            code="type",
        )
    suffix = PurePosixPath(upload.name or "").suffix.lower()
    if suffix != found.suffix:
        raise ValidationError(
            _(
                "The file's name ends in “%(suffix)s” but it is a %(type)s file: rename it to end "
                "in “%(expected)s”."
            )
            % {"suffix": suffix or "-", "type": found.label, "expected": found.suffix},
            code="suffix",
        )
    return found
