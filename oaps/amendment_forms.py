"""The forms of amendments: the reason to amend, a proposed change of an action or a KPI (each
field changed gets the reason given), a new action or KPI, and COSI's decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from empact.forms import EclDateInput
from oaps.forms import OrganisationCatalogue, OrganisationField
from oaps.models import Kpi, OperationalAction, OperationalActionPlan, PlanGoal
from priorities.models import HorizontalGoal

ACTION_FIELDS = [
    "code",
    "title",
    "description",
    "horizontal_goal",
    "plan_goals",
    "leader",
    "start_date",
    "end_date",
    "methods",
    "expected_results",
]
KPI_FIELDS = ["name", "definition", "unit", "baseline", "target", "direction"]


def _reason(required: bool) -> forms.CharField:
    return forms.CharField(
        label=_("Reason"),
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Why this changes. Needed for a KPI's target and for an action's scope, dates or "
            "leader; it is kept next to each change in the history."
        ),
    )


class AmendForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the plan need to change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The approved version stays in force until COSI approves the amendment."),
    )


class ProposalForm(forms.ModelForm):
    """A proposal for an action or a KPI: its fields as they would be, and the reason."""

    def service_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ActionProposalForm(ProposalForm):
    leader = OrganisationField(label=_("Leader"))
    reason = _reason(required=False)

    class Meta:
        model = OperationalAction
        fields = ACTION_FIELDS
        widgets = {
            "start_date": EclDateInput(),
            "end_date": EclDateInput(),
            "plan_goals": forms.CheckboxSelectMultiple(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "methods": forms.Textarea(attrs={"rows": 3}),
            "expected_results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self,
        *args,
        actor,
        plan: OperationalActionPlan,
        catalogue: OrganisationCatalogue,
        adding: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["horizontal_goal"].queryset = (
            HorizontalGoal.objects.visible_to(actor, "view")
            .filter(masp__cycle=plan.priority.cycle_id)
            .order_by("number")
        )
        self.fields["plan_goals"].queryset = (
            PlanGoal.objects.visible_to(actor, "view").filter(plan=plan).order_by("number")
        )
        self.fields["leader"].catalogue = catalogue
        if adding:
            self.fields["reason"].required = True
        else:
            del self.fields["code"]

    def _post_clean(self) -> None:
        """The service validates the proposal against the plan; the form only parses it."""

    def service_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "reason"}


class KpiProposalForm(ProposalForm):
    reason = _reason(required=False)

    class Meta:
        model = Kpi
        fields = KPI_FIELDS
        widgets = {
            "unit": forms.TextInput(attrs={"class": "ecl-text-input--s"}),
            "definition": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, adding: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if adding:
            self.fields["reason"].required = True

    def _post_clean(self) -> None:
        """The service validates the proposal against the action; the form only parses it."""


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason for removing it"), widget=forms.TextInput())


class AmendmentApproveForm(forms.Form):
    decided_on = forms.DateField(label=_("Decision date"), widget=EclDateInput())
    meeting_reference = forms.CharField(label=_("COSI meeting reference"), required=False)
    comment = forms.CharField(
        label=_("COSI comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AmendmentReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Changes requested"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say what needs to change."),
    )


class ActionStatusForm(forms.Form):
    step = forms.ChoiceField(
        label=_("New status"),
        choices=[
            ("start", _("Ongoing")),
            ("delay", _("Delayed")),
            ("complete", _("Completed")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the action is delayed."),
    )
