"""The forms of the revision pages: a proposal, and COSI's decision on it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cycles.models import Threat
from empact.forms import EclDateInput
from oaps.models import PlanGoal
from priorities.models import Priority


class RevisionProposalForm(forms.Form):
    """What to revise (a priority or a plan goal), why, the threats it answers and the new
    wording; the service checks the rest (the threats' cycle and report, the right)."""

    priority = forms.ModelChoiceField(
        label=_("Priority to revise"),
        queryset=Priority.objects.none(),
        required=False,
        help_text=_("Choose a priority or a plan goal, not both."),
    )
    plan_goal = forms.ModelChoiceField(
        label=_("Plan goal to revise"), queryset=PlanGoal.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the interim report calls for new wording."),
    )
    threats = forms.ModelMultipleChoiceField(
        label=_("Threats of the interim report it answers"),
        queryset=Threat.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(label=_("New title"), max_length=250)
    description = forms.CharField(
        label=_("New description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, priorities, plan_goals, threats, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities
        self.fields["plan_goal"].queryset = plan_goals
        self.fields["threats"].queryset = threats
        if not plan_goals.exists():
            del self.fields["plan_goal"]
        if not priorities.exists():
            del self.fields["priority"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if bool(cleaned.get("priority")) == bool(cleaned.get("plan_goal")):
            raise forms.ValidationError(
                _("Choose either one priority or one plan goal to revise."), code="target"
            )
        return cleaned

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        target = {key: data[key] for key in ("priority", "plan_goal") if data.get(key) is not None}
        return {
            **target,
            "reason": data["reason"],
            "threats": list(data.get("threats") or []),
            "proposed": {"title": data["title"], "description": data.get("description", "")},
        }


class RevisionDecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("COSI decided on"), widget=EclDateInput())
    note = forms.CharField(
        label=_("COSI's note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, note_required: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if note_required:
            self.fields["note"].required = True
            self.fields["note"].help_text = _("Say why COSI rejected it.")
