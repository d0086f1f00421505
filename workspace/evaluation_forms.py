"""The forms of the evaluation pages, the next cycle and a plan started from an earlier one."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from actors.models import Organisation
from cycles.models import Cycle, EmpactDocument, Evaluation, Recommendation
from empact.forms import EclDateInput
from priorities.models import HorizontalGoal, Priority
from workspace.forms import SetupForm


class EvaluationForm(SetupForm):
    class Meta:
        model = Evaluation
        fields = [
            "cycle",
            "title",
            "commissioned_by",
            "evaluator",
            "status",
            "started_on",
            "published_on",
            "summary",
            "report",
        ]
        widgets = {
            "started_on": EclDateInput(),
            "published_on": EclDateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        if "cycle" in self.fields:
            self.fields["cycle"].queryset = Cycle.objects.visible_to(actor, "view").filter(
                evaluation=None
            )
        if "commissioned_by" in self.fields:
            self.fields["commissioned_by"].queryset = Organisation.objects.visible_to(
                actor, "view"
            ).order_by("name")
        if "report" in self.fields:
            documents = EmpactDocument.objects.visible_to(actor, "view").order_by("title")
            if self.instance.cycle_id:
                documents = documents.filter(cycle_id=self.instance.cycle_id)
            self.fields["report"].queryset = documents


class RecommendationForm(SetupForm):
    class Meta:
        model = Recommendation
        fields = ["number", "text", "addressed_in"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        if "addressed_in" in self.fields:
            self.fields["addressed_in"].queryset = Cycle.objects.visible_to(actor, "view")


class FollowUpForm(forms.Form):
    """How the next cycle follows a recommendation up."""

    status = forms.ChoiceField(label=_("Follow-up"), choices=Recommendation.FollowUp.choices)
    reason = forms.CharField(
        label=_("Reason for not taking it up"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the recommendation is not taken up."),
    )
    note = forms.CharField(
        label=_("Follow-up note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class NextCycleForm(forms.Form):
    """The CHSGs of the cycle's MASP carried over into the next cycle's (all ticked at first)."""

    goals = forms.ModelMultipleChoiceField(
        label=_("CHSGs to carry over"),
        queryset=HorizontalGoal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The ticked CHSGs are copied into the next cycle's general MASP."),
    )

    def __init__(self, *args, goals: QuerySet[HorizontalGoal], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals
        self.fields["goals"].label_from_instance = str
        self.fields["goals"].initial = list(goals)


class PlanCopyForm(forms.Form):
    """The priority of the new plan and, if not the defaults, its years, code and title."""

    priority = forms.ModelChoiceField(label=_("Priority of the new plan"), queryset=None)
    first_year = forms.IntegerField(
        label=_("First year"), required=False, help_text=_("Left empty: after the earlier plan.")
    )
    last_year = forms.IntegerField(label=_("Last year"), required=False)
    code = forms.CharField(
        label=_("Code"),
        required=False,
        max_length=40,
        help_text=_("Left empty: the earlier plan's code with the years moved."),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=250,
        help_text=_("Left empty: the earlier plan's title."),
    )

    def __init__(
        self, *args, priorities: QuerySet[Priority], sets_up: bool = True, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities
        if not sets_up:  # the code and years of a driver's copy derive from the earlier plan
            for name in ("first_year", "last_year", "code"):
                del self.fields[name]
