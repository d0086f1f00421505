"""The EMPACT documents: the list (all, or one cycle's), a document with its versions and the
upload of a new version, and the permission-checked download of a version's file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cycles import services as cycle_services
from cycles.downloads import download_response
from cycles.models import DocumentVersion, EmpactDocument
from empact.access import can, may
from empact.views import require_can, sorted_page
from oaps.views import apply_validation_error
from workspace import selectors
from workspace.document_forms import DocumentForm, DocumentVersionUploadForm
from workspace.views import require_may

DOCUMENT_SORTS = {"title": ("title",), "kind": ("kind", "title"), "updated": ("last_upload",)}


def _documents(user):
    versions = DocumentVersion.objects.visible_to(user, "view").filter(document=OuterRef("pk"))
    return (
        EmpactDocument.objects.visible_to(user, "view")
        .select_related("cycle")
        .annotate(
            version_count=Count("versions", distinct=True),
            last_version=Subquery(versions.order_by("-version").values("version")[:1]),
            last_upload=Max("versions__created_at"),
        )
    )


def _list_page(request: HttpRequest, documents, cycle=None) -> HttpResponse:
    page, sort = sorted_page(request, documents, DOCUMENT_SORTS, default="kind")
    columns = [
        (_("Document"), "title"),
        (_("Kind"), "kind"),
        (_("Cycle"), ""),
        (_("Latest version"), "updated"),
    ]
    context = {
        "page": page,
        "sort": sort,
        "columns": columns,
        "cycle": cycle,
        "create_url": None,
    }
    if may(request.user, "empact_document", "add"):
        query = f"?cycle={cycle.pk}" if cycle else ""
        context["create_url"] = reverse("document-create") + query
    return render(request, "cycles/document_list.html", context)


@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    """Every document the user may see, across cycles."""
    return _list_page(request, _documents(request.user))


@require_GET
def cycle_document_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The documents of one cycle, and those spanning every cycle."""
    cycle = selectors.cycle_for_page(request.user, pk)
    documents = _documents(request.user).filter(Q(cycle=cycle) | Q(cycle=None))
    return _list_page(request, documents, cycle)


@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest) -> HttpResponse:
    require_may(request.user, "empact_document", "add")
    initial = {}
    if (cycle_id := request.GET.get("cycle", "")).isdigit():
        initial["cycle"] = int(cycle_id)
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        instance=EmpactDocument(),
        initial=initial,
        actor=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = cycle_services.document_create(actor=request.user, data=form.service_data())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The document was created: upload its first version."))
            return redirect("document-detail", document.pk)
    return render(
        request,
        "cycles/document_form.html",
        {"form": form, "title": _("Add a document"), "back_url": reverse("document-list")},
    )


def _detail_page(request: HttpRequest, document: EmpactDocument, form=None) -> HttpResponse:
    may_upload = can(request.user, "change", document)
    if may_upload and form is None:
        form = DocumentVersionUploadForm(
            instance=DocumentVersion(document=document), actor=request.user
        )
    versions = DocumentVersion.objects.visible_to(request.user, "view").filter(document=document)
    context = {
        "document": document,
        "versions": versions.select_related("document"),
        "form": form if may_upload else None,
    }
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "cycles/document_detail.html", context, status=status)


def _document(request: HttpRequest, pk: int) -> EmpactDocument:
    return get_object_or_404(
        EmpactDocument.objects.visible_to(request.user, "view").select_related("cycle"), pk=pk
    )


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _document(request, pk))


@require_POST
def document_version_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    require_can(request.user, "change", document)
    form = DocumentVersionUploadForm(
        request.POST, request.FILES, instance=DocumentVersion(document=document), actor=request.user
    )
    if form.is_valid():
        try:
            version = cycle_services.document_version_upload(
                actor=request.user,
                document=document,
                data=form.service_data(),
                upload=form.cleaned_data["upload"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Version %(number)s was uploaded.") % {"number": version.version},
            )
            return redirect("document-detail", document.pk)
    return _detail_page(request, document, form)


@require_GET
def document_version_download(request: HttpRequest, pk: int) -> FileResponse:
    """A version's file, for those who may see the version (the gate: 404 for the others)."""
    version = get_object_or_404(
        DocumentVersion.objects.visible_to(request.user, "view").select_related("document"),
        pk=pk,
    )
    return download_response(version)
