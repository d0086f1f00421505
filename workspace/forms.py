"""Forms of the pages that set a cycle up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from actors.models import Organisation, User
from cycles.models import Cycle, Milestone, Threat, ThreatAssessment
from empact.forms import EclDateInput, limit_to_writable
from oaps.forms import (
    OrganisationCatalogue,
    OrganisationField,
    OrganisationSetMixin,
    VersionedModelForm,
    organisation_label,
)
from oaps.models import OperationalActionPlan, ReportingPeriod
from priorities.models import HorizontalGoal, Masp, Priority


class CycleSetUpForm(forms.ModelForm):
    """The first step of setting a cycle up: its years (and name, filled in if left empty)."""

    class Meta:
        model = Cycle
        fields = ["first_year", "name"]

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_to_writable(self, actor)


class SetupForm(VersionedModelForm):
    """A form of the set-up flow: the fields the actor may write, the version of the object it
    edits, and the data its service takes (``service_data``)."""

    def service_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name in self.fields and not self.fields[name].disabled
        }


class MilestoneForm(SetupForm):
    class Meta:
        model = Milestone
        fields = ["title", "kind", "step", "due_date", "done_date", "responsible", "document_url"]
        widgets = {"due_date": EclDateInput(), "done_date": EclDateInput()}

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["responsible"].queryset = Organisation.objects.visible_to(
            actor, "view"
        ).order_by("name")
        self.fields["title"].widget.attrs["class"] = "ecl-text-input--l"


class ThreatAssessmentForm(SetupForm):
    class Meta:
        model = ThreatAssessment
        fields = ["kind", "title", "publication_date", "summary"]
        widgets = {"publication_date": EclDateInput(), "summary": forms.Textarea(attrs={"rows": 4})}


class ThreatForm(SetupForm):
    class Meta:
        model = Threat
        fields = ["title", "trend", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PriorityForm(SetupForm):
    class Meta:
        model = Priority
        fields = [
            "code",
            "title",
            "description",
            "threats",
            "council_decision_date",
            "council_reference",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "threats": forms.CheckboxSelectMultiple(),
            "council_decision_date": EclDateInput(),
        }

    def __init__(self, *args, actor, cycle: Cycle, **kwargs) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["threats"].queryset = (
            Threat.objects.visible_to(actor, "view")
            .filter(assessment__cycle=cycle)
            .select_related("assessment")
            .order_by("assessment__publication_date", "title")
        )
        self.fields["threats"].label_from_instance = lambda t: f"{t.title} ({t.assessment})"
        self.fields["code"].widget.attrs["class"] = "ecl-text-input--s"


class MaspForm(SetupForm):
    class Meta:
        model = Masp
        fields = ["title", "approval_date", "description"]
        widgets = {
            "approval_date": EclDateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class HorizontalGoalForm(SetupForm):
    class Meta:
        model = HorizontalGoal
        fields = ["number", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GoalsCopyForm(forms.Form):
    """The previous cycle's CHSGs offered as a start: the ticked ones are copied."""

    goals = forms.ModelMultipleChoiceField(
        label=_("CHSGs of the previous cycle"),
        queryset=HorizontalGoal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the CHSGs to copy into this MASP; you can edit each copy afterwards."),
        error_messages={"required": _("Tick at least one CHSG to copy.")},
    )

    def __init__(self, *args, goals, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals
        self.fields["goals"].label_from_instance = str


def plan_holders(actor) -> QuerySet[User]:
    """The active people with an organisation: who may be given a driver's role."""
    return (
        User.objects.visible_to(actor, "view")
        .filter(is_active=True)
        .exclude(organisation=None)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )


def holder_label(user: User) -> str:
    return f"{user.get_full_name() or user.email} - {organisation_label(user.organisation)}"


class PlanSetUpForm(OrganisationSetMixin, SetupForm):
    """A plan of a priority with its driver and co-driver organisations, and the people who will
    hold the driver and co-driver roles for it (their roles are given when the plan is
    created)."""

    driver = OrganisationField(label=_("Driver"))
    add_co_driver = OrganisationField(label=_("Add a co-driver"), required=False)
    drivers = forms.ModelMultipleChoiceField(
        label=_("Driver's people"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("They get the role of driver of this plan from today. Hold Ctrl to pick more."),
    )
    co_drivers_people = forms.ModelMultipleChoiceField(
        label=_("Co-drivers' people"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "They get the role of co-driver of this plan from today; each works for a "
            "co-driving organisation. Hold Ctrl to pick more."
        ),
    )

    class Meta:
        model = OperationalActionPlan
        fields = ["priority", "code", "title", "first_year", "last_year", "driver", "co_drivers"]

    field_order = [*Meta.fields, "add_co_driver", "drivers", "co_drivers_people"]

    def __init__(
        self, *args, actor, cycle: Cycle, catalogue: OrganisationCatalogue, **kwargs
    ) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["priority"].queryset = (
            Priority.objects.visible_to(actor, "view").filter(cycle=cycle).order_by("code")
        )
        self.fields["driver"].catalogue = catalogue
        self._organisation_set("co_drivers", "add_co_driver", [], catalogue)
        people = plan_holders(actor)
        for name in ("drivers", "co_drivers_people"):
            self.fields[name].queryset = people
            self.fields[name].label_from_instance = holder_label
        self.fields["title"].widget.attrs["class"] = "ecl-text-input--l"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._merge_added(cleaned)
        return cleaned

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["co_drivers"] = self.cleaned_data.get("co_drivers", [])
        return data


class PlanSetupEditForm(OrganisationSetMixin, SetupForm):
    """The fields of a plan that COSI sets: its code, driver and co-drivers."""

    driver = OrganisationField(label=_("Driver"))
    add_co_driver = OrganisationField(label=_("Add a co-driver"), required=False)

    class Meta:
        model = OperationalActionPlan
        fields = ["code", "driver", "co_drivers"]

    field_order = [*Meta.fields, "add_co_driver"]

    def __init__(self, *args, actor, catalogue: OrganisationCatalogue, **kwargs) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["driver"].catalogue = catalogue
        current = [o.pk for o in self.instance.co_drivers.all()]
        self._organisation_set("co_drivers", "add_co_driver", current, catalogue)
        limit_to_writable(self, actor)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._merge_added(cleaned)
        return cleaned

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if "co_drivers" not in self.fields or not self.fields["co_drivers"].disabled:
            data["co_drivers"] = self.cleaned_data.get("co_drivers", [])
        return data


class ReportingPeriodsForm(forms.Form):
    """How to generate the reporting periods: how often, how long to report, for whom."""

    MONTHS = [
        (6, _("Every six months")),
        (3, _("Every three months")),
        (4, _("Every four months")),
        (12, _("Every year")),
    ]

    months = forms.TypedChoiceField(label=_("Frequency"), choices=MONTHS, coerce=int, initial=6)
    days_to_report = forms.IntegerField(
        label=_("Days to report"),
        min_value=0,
        max_value=120,
        initial=15,
        help_text=_("Each report is due this many days after its period ends."),
        widget=forms.NumberInput(attrs={"class": "ecl-text-input--s"}),
    )
    plans = forms.ModelMultipleChoiceField(
        label=_("Plans"),
        queryset=OperationalActionPlan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Periods over each ticked plan's years; tick none for periods of the whole cycle."
        ),
    )

    def __init__(self, *args, plans, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans
        if not plans.exists():
            del self.fields["plans"]


class ReportingPeriodForm(SetupForm):
    class Meta:
        model = ReportingPeriod
        fields = ["title", "start", "end", "deadline"]
        widgets = {"start": EclDateInput(), "end": EclDateInput(), "deadline": EclDateInput()}
