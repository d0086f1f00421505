"""empact.pdf: the project's one way of making PDFs (WeasyPrint, static files only)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from empact import pdf

SAMPLE = "pdf_sample.html"


@pytest.fixture(autouse=True)
def sample_template(settings) -> None:
    engine = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"]]}
    engine["DIRS"].append(Path(__file__).parent / "pdf_templates")
    settings.TEMPLATES = [engine]


@pytest.fixture
def fetched(monkeypatch) -> list[str]:
    """Every URL WeasyPrint asked the fetcher for, allowed or refused."""
    urls: list[str] = []
    original = pdf.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticOnlyFetcher, "fetch", spy)
    return urls


@pytest.fixture
def network(monkeypatch) -> list[str]:
    """Fails the test if anything opens a URL or a socket to another host."""
    opened: list[str] = []

    def refuse(self, *args, **kwargs):
        opened.append(repr(args))
        raise AssertionError("the PDF renderer opened a connection")

    monkeypatch.setattr("urllib.request.OpenerDirector.open", refuse)
    monkeypatch.setattr("socket.socket.connect", refuse)
    return opened


def text_of(document: bytes) -> str:
    reader = PdfReader(io.BytesIO(document))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_holds_the_text_the_template_rendered():
    document = pdf.render_to_pdf(SAMPLE, {"title": "Plan 2026", "body": "Operational actions."})

    assert document.startswith(b"%PDF-")
    text = text_of(document)
    assert "Plan 2026" in text
    assert "Operational actions." in text
    assert "EMPACT cycle manager" in text  # the running title of templates/pdf/base.html


def test_the_pdf_uses_the_print_stylesheet_from_the_static_files(fetched):
    pdf.render_to_pdf(SAMPLE, {"title": "T", "body": "B"})

    [stylesheet] = fetched
    assert stylesheet.startswith(f"{pdf.BASE_URL}{settings.STATIC_URL.strip('/')}/css/print.")
    assert pdf.static_path(stylesheet).read_text().startswith("/*")


@pytest.mark.parametrize(
    "url",
    [
        "https://attacker.example/tracker.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "//attacker.example/x.png",
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/media/secret.pdf",
    ],
)
def test_an_image_outside_the_static_files_is_never_fetched(url, fetched, network):
    document = pdf.render_to_pdf(SAMPLE, {"title": "T", "body": "B", "image": url})

    assert document.startswith(b"%PDF-")
    assert network == []
    assert [asked for asked in fetched if pdf.static_path(asked)] == fetched[:1]  # print.css


def test_a_stylesheet_link_to_another_host_is_not_fetched(network):
    document = pdf.render_to_pdf(
        SAMPLE, {"title": "T", "body": "B", "link": "https://x.test/a.css"}
    )

    assert document.startswith(b"%PDF-")
    assert network == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://attacker.example/static/css/print.css",
        f"{pdf.BASE_URL}static/../../etc/passwd",
        f"{pdf.BASE_URL}static/css/../../../etc/passwd.css",
        f"{pdf.BASE_URL}media/x.css",
        f"{pdf.BASE_URL}static/css/print.css.py",
    ],
)
def test_the_fetcher_refuses_anything_but_a_static_file(url):
    with pytest.raises(pdf.URLFetchingError):
        pdf.StaticOnlyFetcher().fetch(url)


def test_user_text_with_html_is_printed_as_text_not_markup(fetched, network):
    hostile = '<img src="https://attacker.example/x.png"><b>bold</b> & <script>x()</script>'

    document = pdf.render_to_pdf(SAMPLE, {"title": "Plan", "body": hostile})

    text = text_of(document)
    assert "<b>bold</b>" in text
    assert '<img src="https://attacker.example/x.png">' in text
    assert all("attacker" not in url for url in fetched)
    assert network == []


def test_the_download_is_an_attachment_with_a_safe_name_never_sniffed():
    response = pdf.pdf_response(b"%PDF-1.7 ...", '../../Plan "2026"\r\nX-Evil: 1 été')

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Plan-2026-X-Evil-1-ete.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b"%PDF-1.7 ..."


def test_a_name_with_nothing_printable_gets_a_plain_default():
    response = pdf.pdf_response(b"%PDF-", "../../")

    assert response["Content-Disposition"] == 'attachment; filename="document.pdf"'
