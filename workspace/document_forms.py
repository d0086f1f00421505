"""Forms of the document pages: a new document, and a new version with its file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cycles.models import Cycle, DocumentVersion, EmpactDocument
from cycles.uploads import ACCEPT_ATTRIBUTE, check_upload
from empact.forms import EclDateInput
from workspace.forms import SetupForm


class DocumentForm(SetupForm):
    """A new document: its kind, title and cycle (none for a document spanning cycles)."""

    class Meta:
        model = EmpactDocument
        fields = ["kind", "title", "cycle"]

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["cycle"].queryset = Cycle.objects.visible_to(actor, "view").order_by(
            "-first_year"
        )
        self.fields["cycle"].empty_label = _("No cycle: the document spans cycles")
        self.fields["title"].widget.attrs["class"] = "ecl-text-input--l"


class DocumentVersionUploadForm(SetupForm):
    """A new version of a document: the file, and when and under which reference it was approved.
    The version number is the next one (set by the service)."""

    upload = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT), at most %(limit)s."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    class Meta:
        model = DocumentVersion
        fields = ["approved_on", "council_reference", "notes"]
        widgets = {"approved_on": EclDateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        field = self.fields["upload"]
        field.help_text = field.help_text % {"limit": filesizeformat(settings.DOCUMENT_MAX_BYTES)}
        field.error_messages["required"] = _("Choose the file of the new version.")

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            check_upload(upload)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return upload

    def service_data(self) -> dict[str, Any]:
        return {name: value for name, value in super().service_data().items() if name != "upload"}
