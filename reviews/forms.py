"""The forms of the review pages: opening a round and a delegation's position."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from empact.forms import EclDateInput
from oaps.models import OperationalActionPlan
from reviews.models import Position


class ReviewRoundForm(forms.Form):
    """The secretariat puts submitted plans to COSI until a closing date."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to name the round after its plans."),
    )
    plans = forms.ModelMultipleChoiceField(
        label=_("Plans to review"),
        queryset=OperationalActionPlan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only plans submitted to COSI can be reviewed."),
    )
    closes_on = forms.DateField(label=_("Closes on"), widget=EclDateInput())

    def __init__(self, *args, plans, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans


class PositionForm(forms.Form):
    position = forms.ChoiceField(
        label=_("Your delegation's position"),
        choices=Position.Answer.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required unless your delegation agrees."),
    )
