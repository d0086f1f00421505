"""The PDF of an assessment (through the project's one way of making PDFs, ``empact.pdf``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify

from assessments.models import Assessment
from assessments.selectors import commenting_countries, items_of


def assessment_context(user, assessment: Assessment) -> dict:
    return {
        "assessment": assessment,
        "items": items_of(user, assessment),
        "countries_commenting": commenting_countries(assessment),
    }


def assessment_pdf(user, assessment: Assessment, request=None) -> bytes:
    """The assessment as the user may read it, as a PDF document."""
    from empact.pdf import render_to_pdf  # WeasyPrint loads only when a PDF is made

    return render_to_pdf(
        "assessments/assessment_pdf.html", assessment_context(user, assessment), request
    )


def pdf_filename(assessment: Assessment) -> str:
    return f"{slugify(str(assessment)) or 'assessment'}.pdf"


def assessment_pdf_response(user, assessment: Assessment, request=None) -> HttpResponse:
    """The PDF as a download (``empact.pdf.pdf_response``: a safe file name, never sniffed)."""
    from empact.pdf import pdf_response

    return pdf_response(assessment_pdf(user, assessment, request), pdf_filename(assessment))
