"""The forms of the assessment pages: opening one, the findings, the secretariat's rating of an
item, a delegation's comment and the adoption. The item forms take their fields from the
matrix's field rights (``limit_to_writable``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, AssessmentItem
from empact.forms import EclDateInput
from oaps.forms import VersionedModelForm


class AssessmentOpenForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["kind", "opens_on", "closes_on", "summary"]
        widgets = {
            "opens_on": EclDateInput(),
            "closes_on": EclDateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }


class EuropolFindingsForm(VersionedModelForm):
    class Meta:
        model = AssessmentItem
        fields = ["europol_rating", "europol_findings"]
        widgets = {"europol_findings": forms.Textarea(attrs={"rows": 4})}


class DriversFindingsForm(VersionedModelForm):
    class Meta:
        model = AssessmentItem
        fields = ["drivers_rating", "drivers_findings"]
        widgets = {"drivers_findings": forms.Textarea(attrs={"rows": 4})}


class OverallRatingForm(VersionedModelForm):
    class Meta:
        model = AssessmentItem
        fields = ["rating", "findings", "recommendations"]
        widgets = {
            "findings": forms.Textarea(attrs={"rows": 3}),
            "recommendations": forms.Textarea(attrs={"rows": 3}),
        }


class DelegationCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your delegation's comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One comment per country: giving it again replaces your delegation's."),
    )


class AdoptionForm(forms.Form):
    conclusions = forms.CharField(
        label=_("COSI's conclusions"), widget=forms.Textarea(attrs={"rows": 5})
    )
    recommendations = forms.CharField(
        label=_("COSI's recommendations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        required=False,
        widget=EclDateInput(),
        help_text=_("The day of COSI's meeting (default today)."),
    )
