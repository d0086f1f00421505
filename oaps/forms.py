"""Forms of the plan and action pages. Choices offer only what the actor may see.

Forms that edit a stored object carry a hidden ``version`` (``empact.services.version_of``): the
services refuse to overwrite a newer version, and the page then shows what changed.

Organisations are many (every national authority of every country), so they are picked by
typing in a text box tied to a ``<datalist>`` of the visible organisations: the browser offers
matching names as the user types, without any JavaScript.
"""

from __future__ import annotations

import datetime
from functools import cached_property
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import modelformset_factory
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from actors.models import Country, Organisation
from cycles.models import Cycle
from empact.access import writable_fields
from empact.forms import EclDateInput, limit_to_writable
from empact.services import version_of
from oaps.models import Kpi, OperationalAction, OperationalActionPlan, Participation, PlanGoal
from priorities.models import HorizontalGoal

Plan = OperationalActionPlan
ORGANISATION_LIST_ID = "empact-organisations"


def organisation_label(organisation: Organisation) -> str:
    """The name the datalist offers: unique, as (name, country) is unique."""
    details = [organisation.acronym] if organisation.acronym else []
    if organisation.country_id:
        details.append(organisation.country.code)
    return f"{organisation.name} ({', '.join(details)})" if details else organisation.name


class OrganisationCatalogue:
    """The organisations a user may pick, loaded once per request (one query)."""

    def __init__(self, user) -> None:
        self.user = user

    @cached_property
    def organisations(self) -> list[Organisation]:
        return list(
            Organisation.objects.visible_to(self.user, "view")
            .select_related("country")
            .order_by("name", "pk")
        )

    @cached_property
    def by_label(self) -> dict[str, Organisation]:
        return {organisation_label(o).casefold(): o for o in self.organisations}

    @cached_property
    def by_pk(self) -> dict[int, Organisation]:
        return {o.pk: o for o in self.organisations}

    @property
    def labels(self) -> list[str]:
        return [organisation_label(o) for o in self.organisations]


class OrganisationInput(forms.TextInput):
    """A text box offering the organisations of the page's datalist."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {
                "list": ORGANISATION_LIST_ID,
                "autocomplete": "off",
                "class": "ecl-text-input--l",
                **(attrs or {}),
            }
        )


class OrganisationField(forms.Field):
    """One organisation, typed as the datalist writes it (case does not matter)."""

    widget = OrganisationInput
    default_error_messages = {
        "invalid_choice": _("Choose an organisation from the list, written as the list shows it."),
    }

    def __init__(self, *, catalogue: OrganisationCatalogue | None = None, **kwargs) -> None:
        kwargs.setdefault(
            "help_text",
            _("Start typing the name, acronym or country code, then pick from the list."),
        )
        super().__init__(**kwargs)
        self.catalogue = catalogue

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Organisation):
            return organisation_label(value)
        if isinstance(value, int) and self.catalogue and value in self.catalogue.by_pk:
            return organisation_label(self.catalogue.by_pk[value])
        return value

    def to_python(self, value: Any) -> Organisation | None:
        if isinstance(value, Organisation):
            return value
        text = (value or "").strip()
        if not text:
            return None
        found = self.catalogue.by_label.get(text.casefold()) if self.catalogue else None
        if found is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return found

    def has_changed(self, initial: Any, data: Any) -> bool:
        """The form shows the organisation's label for its id: the same organisation is no
        change (so an action form that only adds a KPI records no change of the action)."""
        if self.disabled:
            return False
        try:
            chosen = self.to_python(data)
        except forms.ValidationError:
            return True
        before = initial.pk if isinstance(initial, Organisation) else initial
        return (chosen.pk if chosen else None) != (before or None)


class VersionedModelForm(forms.ModelForm):
    """A model form carrying the version of the object it edits, to detect concurrent edits."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, actor=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", version_of(self.instance))
        if actor is not None:  # forms that know the user offer only what they may write
            limit_to_writable(self, actor)

    @property
    def submitted_version(self) -> str | None:
        """The version the user loaded; None when there is nothing to compare with."""
        if not self.instance.pk:
            return None
        return self.cleaned_data.get("version") or None


class OrganisationSetMixin:
    """A set of organisations (co-drivers, co-leaders): ticked boxes to keep, one box to add.

    The boxes list only the current organisations (and those the user just ticked), not every
    organisation; the "add" field takes one more from the datalist.
    """

    def _organisation_set(
        self, name: str, add_name: str, current: list[int], catalogue: OrganisationCatalogue
    ) -> None:
        self._set_names = (name, add_name)
        field = self.fields[name]
        ids = set(current)
        if self.is_bound:
            ids |= {
                int(value) for value in self.data.getlist(self.add_prefix(name)) if value.isdigit()
            }
        if ids:
            field.widget = forms.CheckboxSelectMultiple()
            field.label_from_instance = organisation_label
            field.queryset = (  # also gives the new widget its choices
                Organisation.objects.visible_to(catalogue.user, "view")
                .filter(pk__in=ids)
                .select_related("country")
                .order_by("name")
            )
            field.help_text = _("Untick an organisation to remove it.")
        else:
            del self.fields[name]
        self.fields[add_name].catalogue = catalogue

    def _merge_added(self, cleaned: dict[str, Any]) -> None:
        name, add_name = self._set_names
        chosen = list(cleaned.get(name) or [])
        added = cleaned.pop(add_name, None)
        if added is not None and added not in chosen:
            chosen.append(added)
        cleaned[name] = chosen


# --- plans -------------------------------------------------------------------------------------


class PlanForm(OrganisationSetMixin, VersionedModelForm):
    add_co_driver = OrganisationField(label=_("Add a co-driver"), required=False)

    class Meta:
        model = OperationalActionPlan
        fields = ["title", "first_year", "last_year", "co_drivers"]

    def __init__(self, *args, catalogue: OrganisationCatalogue, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = [o.pk for o in self.instance.co_drivers.all()] if self.instance.pk else []
        self._organisation_set("co_drivers", "add_co_driver", current, catalogue)
        self.fields["title"].widget.attrs["class"] = "ecl-text-input--l"
        limit_to_writable(self, catalogue.user)
        # The co-drivers are set with the plan's set-up (``plan-setup``), by COSI's secretariat:
        # a form for someone who may not set them has no co-driver fields at all.
        instance = self.instance if self.instance.pk else None
        self.sets_co_drivers = "co_drivers" in writable_fields(catalogue.user, Plan, instance)
        if not self.sets_co_drivers:
            self.fields.pop("co_drivers", None)
            self.fields.pop("add_co_driver", None)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._merge_added(cleaned)
        return cleaned


class PlanGoalForm(VersionedModelForm):
    class Meta:
        model = PlanGoal
        fields = ["number", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PlanDecisionForm(forms.Form):
    """COSI's comment on approving or returning a plan (the service checks it is given)."""

    comment = forms.CharField(
        label=_("COSI comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, comment_required: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if comment_required:
            self.fields["comment"].required = True
            self.fields["comment"].help_text = _("Say what needs to change.")


class PlanApprovalForm(PlanDecisionForm):
    """COSI's approval: the day and the meeting that decided it, and an optional comment."""

    approved_on = forms.DateField(label=_("Approved by COSI on"), widget=EclDateInput())
    meeting_reference = forms.CharField(
        label=_("COSI meeting reference"),
        max_length=100,
        help_text=_("e.g. CM 1234/26"),
    )
    field_order = ["approved_on", "meeting_reference", "comment"]


class ActionFilterForm(forms.Form):
    """Filters of the plan's action table (a GET form: every filter is optional)."""

    chsg = forms.ModelChoiceField(
        label=_("CHSG"), queryset=HorizontalGoal.objects.none(), required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    leader = forms.ModelChoiceField(
        label=_("Leader"), queryset=Organisation.objects.none(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        required=False,
        help_text=_("Leads or takes part."),
    )

    def __init__(self, *args, choices: dict[str, Any], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chsg"].queryset = choices["chsg"]
        self.fields["chsg"].empty_label = _("All CHSGs")
        self.fields["status"].choices = [
            ("", _("All statuses")),
            *OperationalAction.Status.choices,
        ]
        self.fields["leader"].queryset = choices["leader"]
        self.fields["leader"].empty_label = _("All leaders")
        self.fields["country"].queryset = choices["country"]
        self.fields["country"].empty_label = _("All countries")

    def filters(self) -> dict[str, Any]:
        """The valid filters; an invalid value (a stale link) is ignored and flagged."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}


# --- actions -----------------------------------------------------------------------------------

ACTION_FIELDS = [
    "code",
    "title",
    "description",
    "horizontal_goal",
    "plan_goals",
    "leader",
    "co_leaders",
    "start_date",
    "end_date",
    "methods",
    "expected_results",
    "is_joint_action_day",
]


class ActionForm(OrganisationSetMixin, VersionedModelForm):
    leader = OrganisationField(label=_("Leader"))
    add_co_leader = OrganisationField(label=_("Add a co-leader"), required=False)

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

    field_order = [*ACTION_FIELDS[:7], "add_co_leader", *ACTION_FIELDS[7:]]

    def __init__(
        self, *args, actor, plan: OperationalActionPlan, catalogue: OrganisationCatalogue, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["horizontal_goal"].queryset = (
            HorizontalGoal.objects.visible_to(actor, "view")
            .filter(masp__cycle=plan.priority.cycle_id)
            .order_by("number")
        )
        self.fields["plan_goals"].queryset = (
            PlanGoal.objects.visible_to(actor, "view").filter(plan=plan).order_by("number")
        )
        self.fields["plan_goals"].label_from_instance = lambda g: f"G{g.number}: {g.title}"
        if not self.fields["plan_goals"].queryset.exists():
            del self.fields["plan_goals"]
        self.fields["leader"].catalogue = catalogue
        self.fields["title"].widget.attrs["class"] = "ecl-text-input--l"
        self.fields["code"].widget.attrs["class"] = "ecl-text-input--s"
        current = [o.pk for o in self.instance.co_leaders.all()] if self.instance.pk else []
        self._organisation_set("co_leaders", "add_co_leader", current, catalogue)
        limit_to_writable(self, actor)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._merge_added(cleaned)
        return cleaned

    def service_data(self) -> dict[str, Any]:
        """What the services take: the model fields of the action, m2m included."""
        data = {
            name: self.cleaned_data[name]
            for name in ACTION_FIELDS
            if name in self.fields and not self.fields[name].disabled
        }
        if "co_leaders" not in self.fields or not self.fields["co_leaders"].disabled:
            data["co_leaders"] = self.cleaned_data.get("co_leaders", [])
        return data


class KpiForm(VersionedModelForm):
    class Meta:
        model = Kpi
        fields = ["name", "unit", "baseline", "target", "direction"]
        widgets = {"unit": forms.TextInput(attrs={"class": "ecl-text-input--s"})}

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


KpiFormSet = modelformset_factory(Kpi, form=KpiForm, extra=0, can_delete=True)


class ParticipantForm(forms.ModelForm):
    """A new participant: a country, or an organisation (one of the two)."""

    organisation = OrganisationField(label=_("Organisation"), required=False)

    class Meta:
        model = Participation
        fields = ["country", "organisation", "role"]
        help_texts = {"country": _("Choose a country, or type an organisation below.")}

    def __init__(self, *args, actor, catalogue: OrganisationCatalogue, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.visible_to(actor, "view").order_by("name")
        self.fields["organisation"].catalogue = catalogue
        limit_to_writable(self, actor)

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


ParticipantFormSet = modelformset_factory(
    Participation, form=ParticipantForm, extra=0, can_delete=False
)


class ParticipationRemoveForm(forms.Form):
    participations = forms.ModelMultipleChoiceField(
        label=_("Remove participants"),
        queryset=Participation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the participants to remove from the action."),
    )

    def __init__(self, *args, participations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participations"]
        field.queryset = participations
        field.label_from_instance = lambda p: (
            f"{p.organisation or p.country} - {p.get_role_display()} "
            f"({p.get_confirmation_display()})"
        )


class CountryCycleForm(forms.Form):
    """The cycle the country page shows (a GET form); empty means every cycle."""

    cycle = forms.ModelChoiceField(label=_("Cycle"), queryset=Cycle.objects.none(), required=False)

    def __init__(self, *args, cycles: QuerySet[Cycle], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles
        self.fields["cycle"].empty_label = _("All cycles")

    @classmethod
    def for_request(cls, data: QueryDict, cycles: QuerySet[Cycle], today: datetime.date):
        """Bound to the query string; without a choice there, the cycle running today."""
        if "cycle" not in data:
            running = next((c for c in cycles if today.year in c.years), None)
            data = QueryDict(mutable=True)
            data["cycle"] = str(running.pk) if running else ""
        return cls(data, cycles=cycles)

    def chosen(self) -> Cycle | None:
        return self.cleaned_data["cycle"] if self.is_valid() else None


class PlanListForm(forms.Form):
    """The filters of the plan list (a GET form): a cycle and a status, each optional."""

    cycle = forms.ModelChoiceField(label=_("Cycle"), queryset=Cycle.objects.none(), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, cycles: QuerySet[Cycle], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles
        self.fields["cycle"].empty_label = _("All cycles")
        self.fields["status"].choices = [
            ("", _("All statuses")),
            *OperationalActionPlan.Status.choices,
        ]

    def filters(self) -> dict[str, Any]:
        """The chosen cycle and status; none for a choice that is not offered."""
        if not self.is_valid():
            return {}
        return {"cycle": self.cleaned_data["cycle"], "status": self.cleaned_data["status"]}
