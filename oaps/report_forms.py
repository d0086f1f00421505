"""Forms of the progress report pages: the report itself, one KPI value per KPI, new results,
and the drivers' review. They only parse input; ``oaps.services`` saves it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from empact.forms import EclDateInput
from oaps.models import Kpi, ProgressReport, ReportingPeriod

REPORT_FIELDS = ("narrative", "completion_estimate", "obstacles")
MAX_RESULT_ROWS = 20
FILLED_BY = ("result_type", "quantity", "country")


class ProgressReportForm(forms.Form):
    """The report's own fields. Everything is optional in a draft; submitting checks the rest."""

    narrative = forms.CharField(
        label=_("Progress narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "ecl-text-area--l"}),
        help_text=_("What the action achieved in this period, and what comes next."),
    )
    completion_estimate = forms.IntegerField(
        label=_("Completion estimate (%)"),
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "ecl-text-input--s"}),
        help_text=_("How far the action is, as a whole number from 0 to 100."),
    )
    obstacles = forms.CharField(
        label=_("Obstacles"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "ecl-text-area--l"}),
        help_text=_("Anything that delays the action or needs the drivers' help."),
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_for(report: ProgressReport | None, version: str = "") -> dict[str, Any]:
        if report is None:
            return {"version": ""}
        return {name: getattr(report, name) for name in REPORT_FIELDS} | {"version": version}

    def valid_data(self) -> dict[str, Any]:
        """The report fields that passed validation (a draft keeps what it can)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in REPORT_FIELDS if name in cleaned}

    def content_changed(self) -> bool:
        return any(name != "version" for name in self.changed_data)


def kpi_target_text(kpi: Kpi) -> str:
    """What the value is measured against: "Target: 50 number, higher is better. Baseline: 6."."""
    text = _("Target: %(target)s %(unit)s, %(direction)s.") % {
        "target": floatformat(kpi.target, "-2g"),
        "unit": kpi.unit,
        "direction": str(kpi.get_direction_display()).lower(),
    }
    if kpi.baseline is not None:
        text += " " + _("Baseline: %(baseline)s %(unit)s.") % {
            "baseline": floatformat(kpi.baseline, "-2g"),
            "unit": kpi.unit,
        }
    return text


class KpiValueForm(forms.Form):
    """The value of one KPI in a report, with a comment; an empty value removes it."""

    value = forms.DecimalField(
        label=_("Value"),
        required=False,
        max_digits=16,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "ecl-text-input--s", "step": "any"}),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, kpi: Kpi, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"kpi-{kpi.pk}")
        super().__init__(*args, **kwargs)
        self.kpi = kpi
        self.fields["value"].label = _("Value (%(unit)s)") % {"unit": kpi.unit}
        self.fields["value"].help_text = kpi_target_text(kpi)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("value") is None and cleaned.get("comment") and "value" not in self.errors:
            self.add_error("value", _("Enter a value to keep the comment, or clear the comment."))
        return cleaned

    def value_and_comment(self) -> tuple[Any, str]:
        return self.cleaned_data["value"], self.cleaned_data["comment"]


def _plain(value: Decimal) -> Decimal:
    """17.00 shows as 17 and 2.50 as 2.5 (never in exponent notation)."""
    return value.to_integral() if value == value.to_integral() else value.normalize()


def kpi_forms(
    kpis: Iterable[Kpi], values: Mapping[int, Any], data: Mapping[str, Any] | None = None
) -> list[KpiValueForm]:
    """One form per KPI, filled with the report's stored values."""
    forms_ = []
    for kpi in kpis:
        stored = values.get(kpi.pk)
        initial = {"value": _plain(stored.value), "comment": stored.comment} if stored else {}
        forms_.append(KpiValueForm(data, kpi=kpi, initial=initial))
    return forms_


class ResultForm(forms.Form):
    """A new operational result: an aggregate quantity of one result type, never personal data."""

    result_type = forms.TypedChoiceField(label=_("Result type"), coerce=int)
    quantity = forms.DecimalField(
        label=_("Quantity"),
        min_value=0,
        max_digits=18,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "ecl-text-input--s", "step": "any"}),
    )
    country = forms.TypedChoiceField(
        label=_("Country"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Leave empty for a result of the whole action."),
    )
    period_start = forms.DateField(label=_("From"), widget=EclDateInput)
    period_end = forms.DateField(label=_("To"), widget=EclDateInput)

    def __init__(
        self,
        *args: Any,
        result_types: list[tuple[int, str]],
        countries: list[tuple[int, str]],
        period: ReportingPeriod,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["result_type"].choices = [("", _("Choose a result type")), *result_types]
        self.fields["country"].choices = [("", _("The whole action")), *countries]
        self.fields["period_start"].initial = period.start
        self.fields["period_end"].initial = period.end

    def has_changed(self) -> bool:
        """A row counts once it has a result type, a quantity or a country: its dates come
        filled in, so an untouched row is blank and skipped."""
        return any(self.data.get(self.add_prefix(name)) for name in FILLED_BY)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned


class BaseResultFormSet(forms.BaseFormSet):
    def recorded_data(self) -> list[dict[str, Any]]:
        """The rows the user filled in (unchanged blank rows are skipped)."""
        return [form.cleaned_data for form in self.forms if form.has_changed()]


def result_formset(
    data: Mapping[str, Any] | None,
    *,
    result_types: list[tuple[int, str]],
    countries: list[tuple[int, str]],
    period: ReportingPeriod,
    rows: int = 1,
) -> BaseResultFormSet:
    formset_class = forms.formset_factory(
        ResultForm,
        formset=BaseResultFormSet,
        extra=max(1, min(rows, MAX_RESULT_ROWS)),
        max_num=MAX_RESULT_ROWS,
        absolute_max=MAX_RESULT_ROWS,
    )
    return formset_class(
        data,
        prefix="results",
        form_kwargs={"result_types": result_types, "countries": countries, "period": period},
    )


class ReviewForm(forms.Form):
    """The drivers' review of a submitted report; the buttons say accept or return."""

    comment = forms.CharField(
        label=_("Review comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you return the report: say what needs to change."),
    )


class LockExceptionForm(forms.Form):
    """Who may still write the report of a closed period, until when and why. The people offered
    are those who write the action's report (its leaders and co-leaders)."""

    user = forms.ModelChoiceField(
        label=_("Granted to"),
        queryset=None,
        empty_label=_("Choose a person"),
        help_text=_("Only the action's leaders and co-leaders may write its report."),
    )
    until = forms.DateField(
        label=_("Until"),
        widget=EclDateInput(),
        help_text=_("The last day the report may still be written: today or later."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say why the exception is granted: it is recorded."),
    )

    def __init__(self, *args: Any, writers, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = writers
        self.fields["user"].error_messages["required"] = _("Choose the person to let in.")
        self.fields["until"].error_messages["required"] = _("Enter the last day of the exception.")
        self.fields["reason"].error_messages["required"] = _("Say why the exception is granted.")

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the exception is granted."))
        return reason
