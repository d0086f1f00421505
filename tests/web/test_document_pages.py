"""The EMPACT documents: the lists, a document with its versions, the upload of a new version
(checked by type and size) and the download of a file, served only to those who may see it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cycles.models import DocumentVersion, EmpactDocument
from empact.models import Event
from tests.access.oracle import allowed
from tests.access.world import TODAY

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<c/>"})


def upload(client, document, name, data, **fields):
    post = {"council_reference": "6481/21", "notes": "As adopted.", **fields}
    post["upload"] = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(reverse("document-version-upload", args=[document.pk]), post)


def error_text(response) -> str:
    form = response.context["form"]
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def test_the_document_list_shows_limite_documents_only_to_their_cycles_users(world, client_for):
    def titles(user):
        response = client_for(user).get(reverse("document-list"))
        assert response.status_code == 200
        return sorted((d.title, d.cycle_id) for d in response.context["page"].object_list)

    o = world.objects
    a, b = o["cycle_a"].pk, o["cycle_b"].pk
    everything = [
        ("Evaluation report", a),
        ("Evaluation report", b),
        ("Mandate", None),
        ("PAD", a),
        ("PAD", b),
    ]
    assert titles(world.users["secretariat"]) == sorted(everything, key=str)
    # the driver takes part in cycle a only: cycle b's PAD (LIMITE) is not theirs, its public
    # evaluation report is
    assert titles(world.users["driver"]) == sorted(
        [t for t in everything if t != ("PAD", b)], key=str
    )


def test_the_cycle_page_links_the_documents_of_the_cycle(world, client_for):
    cycle = world.objects["cycle_a"]
    client = client_for(world.users["driver"])

    page = client.get(reverse("cycle-detail", args=[cycle.pk]))
    assert reverse("cycle-document-list", args=[cycle.pk]) in page.content.decode()

    listed = client.get(reverse("cycle-document-list", args=[cycle.pk])).context["page"]
    assert {d.cycle_id for d in listed.object_list} == {cycle.pk, None}


@pytest.mark.parametrize("key", ["version_a", "version_b", "mandate_v1", "evaluation_report_b_v1"])
def test_a_file_is_served_only_to_those_who_may_see_it(world, client_for, key):
    version = world.objects[key]
    mismatches = []
    for role, user in world.cast.items():
        response = client_for(user).get(reverse("document-version-download", args=[version.pk]))
        may = allowed(user, "document_version", "view", version, TODAY)
        if response.status_code != (200 if may else 404):
            mismatches.append(f"{role}: {response.status_code}")
        elif may:
            assert b"".join(response.streaming_content) == version.file.open("rb").read()
            assert response["Content-Disposition"] == 'attachment; filename="document.pdf"'
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Content-Type"] == "application/pdf"
    assert not mismatches, mismatches


def test_the_api_serves_the_file_to_those_who_may_see_it_only(world):
    from rest_framework.test import APIClient

    version = world.objects["version_b"]  # LIMITE, cycle b
    url = f"/api/v1/document-versions/{version.pk}/download/"
    for role in ("secretariat", "driver"):
        client = APIClient()
        client.force_authenticate(world.users[role])
        response = client.get(url)
        if allowed(world.users[role], "document_version", "view", version, TODAY):
            assert response.status_code == 200, role
            assert response["Content-Disposition"].startswith("attachment;")
            assert response["X-Content-Type-Options"] == "nosniff"
        else:
            assert response.status_code == 404, role
    assert reverse("api:document-version-download", args=[version.pk]) == url


def test_the_secretariat_creates_a_document_and_uploads_its_versions(world, client_for):
    client = client_for(world.users["secretariat"])
    cycle = world.objects["cycle_a"]

    form = client.get(reverse("document-create"), {"cycle": cycle.pk})
    assert form.context["form"]["cycle"].value() == cycle.pk
    created = client.post(
        reverse("document-create"),
        {"kind": "interim_report", "title": "Interim report 2024", "cycle": cycle.pk},
    )
    document = EmpactDocument.objects.get(title="Interim report 2024")
    assert created.status_code == 302
    assert created["Location"] == reverse("document-detail", args=[document.pk])
    assert Event.objects.filter(code="cycles.document.created", object_id=document.pk).count() == 1

    first = upload(client, document, "Interim report.pdf", PDF_BYTES)
    second = upload(client, document, "Interim report v2.docx", DOCX, approved_on="2024-05-02")

    assert first.status_code == second.status_code == 302
    versions = list(document.versions.order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert [v.filename for v in versions] == ["Interim report.pdf", "Interim report v2.docx"]
    assert versions[1].approved_on.isoformat() == "2024-05-02"
    assert versions[1].council_reference == "6481/21"
    assert versions[1].content_type.endswith("wordprocessingml.document")
    uploads = Event.objects.filter(code="cycles.document_version.uploaded")
    assert sorted(uploads.values_list("object_id", flat=True)) == [v.pk for v in versions]

    detail = client.get(reverse("document-detail", args=[document.pk])).content.decode()
    assert reverse("document-version-download", args=[versions[1].pk]) in detail
    assert "Interim report v2.docx" in detail


@pytest.mark.parametrize(
    ("name", "data"),
    [("report.xlsx", XLSX), ("report.odt", ODT), ("report.PDF", PDF_BYTES)],
)
def test_spreadsheets_and_opendocument_texts_are_accepted(world, client_for, name, data):
    document = world.objects["mandate"]
    response = upload(client_for(world.users["secretariat"]), document, name, data)

    assert response.status_code == 302
    assert document.versions.order_by("-version").first().filename == name


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tool.pdf", b"MZ\x90\x00 an executable", "This file is not a document that can be"),
        ("page.pdf", b"<html><script>alert(1)</script>", "This file is not a document that can be"),
        ("archive.docx", zipped({"a.txt": b"x"}), "This file is not a document that can be"),
        ("renamed.pdf", DOCX, "it is a Word (DOCX) file: rename it to end in “.docx”"),
        ("notes.txt", PDF_BYTES, "it is a PDF file: rename it to end in “.pdf”"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_a_file_of_another_type_is_refused_with_what_to_do_and_the_input_kept(
    world, client_for, name, data, message
):
    document = world.objects["mandate"]
    before = document.versions.count()

    response = upload(client_for(world.users["secretariat"]), document, name, data)

    assert response.status_code == 400
    assert message in error_text(response)
    assert document.versions.count() == before
    assert response.context["form"]["council_reference"].value() == "6481/21"
    assert response.context["form"]["notes"].value() == "As adopted."


def test_a_file_over_the_size_limit_is_refused_with_the_limit(world, client_for, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    document = world.objects["mandate"]

    response = upload(client_for(world.users["secretariat"]), document, "big.pdf", PDF_BYTES * 40)

    assert response.status_code == 400
    assert "files of at most 1.0\xa0KB can be uploaded" in error_text(response)
    assert document.versions.count() == 1


def test_the_stored_file_has_a_random_name_outside_the_web_roots(world, client_for):
    document = world.objects["mandate"]
    client = client_for(world.users["secretariat"])
    upload(client, document, '..\\..\\etc\\"pass<wd>" été.pdf', PDF_BYTES)

    version = document.versions.order_by("-version").first()
    stored = Path(version.file.path).resolve()
    # the browser's header escapes the quote, so the name's last part is 'etc"pass<wd>" été.pdf'
    assert version.filename.endswith("pass_wd_ été.pdf") and "/" not in version.filename
    assert "\\" not in version.filename and ".." not in version.filename
    assert "pass" not in version.file.name
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    for root in (settings.MEDIA_ROOT, settings.STATIC_ROOT, settings.BASE_DIR / "static"):
        assert not stored.is_relative_to(Path(root).resolve())
    assert stored.read_bytes() == PDF_BYTES
    for url in (f"/media/{version.file.name}", f"/static/{version.file.name}"):
        assert client.get(url).status_code == 404
    with pytest.raises(ValueError, match="no URL"):
        version.file.url  # noqa: B018


def test_only_those_who_may_add_a_version_are_offered_the_upload(world, client_for):
    document = world.objects["document_a"]
    url = reverse("document-detail", args=[document.pk])

    secretariat = client_for(world.users["secretariat"]).get(url)
    driver_client = client_for(world.users["driver"])
    driver = driver_client.get(url)

    assert secretariat.context["form"] is not None
    assert driver.status_code == 200
    assert driver.context["form"] is None
    assert 'enctype="multipart/form-data"' not in driver.content.decode()
    assert upload(driver_client, document, "x.pdf", PDF_BYTES).status_code == 403
    assert driver_client.get(reverse("document-create")).status_code == 403
    assert not DocumentVersion.objects.filter(document=document, version=2).exists()
