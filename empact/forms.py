"""Form rendering with the Europa Component Library: every Django form emits ECL markup.

``settings.FORM_RENDERER`` points at :class:`EclFormRenderer`, so ``{{ form }}`` renders through
``templates/ecl/forms/``: an error summary at the top, then one ECL form group per field (label
with its required/optional indicator, help text, widget, error message), all linked with
``aria-describedby``. The widget classes come from :class:`EclBoundField`, so a field rendered on
its own (``{{ form.title }}``) is styled the same way. See docs/frontend.md.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

from empact.access import writable_fields

DEFAULT_WIDTHS = {"ecl-text-input--m", "ecl-text-area--m"}
WIDTH_MODIFIERS = {
    f"ecl-{element}--{size}" for element in ("text-input", "text-area") for size in "sml"
}


def ecl_widget_classes(widget: forms.Widget, *, invalid: bool) -> list[str]:
    """The ECL classes of the element a widget renders (of each option, for choice lists)."""
    if isinstance(widget, forms.MultiWidget):
        return ecl_widget_classes(widget.widgets[0], invalid=invalid) if widget.widgets else []
    # CheckboxSelectMultiple subclasses RadioSelect: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return ["ecl-checkbox__input"]
    if isinstance(widget, forms.RadioSelect):
        return ["ecl-radio__input"]
    if isinstance(widget, forms.Select):  # also SelectMultiple and NullBooleanSelect
        return ["ecl-select"]
    if isinstance(widget, forms.Textarea):
        return [
            "ecl-text-area",
            "ecl-text-area--m",
            *(["ecl-text-area--invalid"] if invalid else []),
        ]
    if isinstance(widget, forms.HiddenInput | forms.FileInput):
        return []
    if isinstance(widget, Input):
        return [
            "ecl-text-input",
            "ecl-text-input--m",
            *(["ecl-text-input--invalid"] if invalid else []),
        ]
    return []


class EclBoundField(BoundField):
    """A bound field whose widget carries the ECL classes.

    Django already sets ``required``, ``aria-invalid`` and ``aria-describedby`` (pointing at
    ``<id>_helptext`` and ``<id>_error``, the ids the field template gives the help text and the
    error message); this adds the ECL classes, keeping any class set on the widget. Inputs and
    text areas are medium width unless the widget sets another one, for example
    ``forms.TextInput(attrs={"class": "ecl-text-input--l"})``.
    """

    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = ecl_widget_classes(widget, invalid=bool(self.errors))
        extra = f"{widget.attrs.get('class', '')} {attrs.get('class', '')}".split()
        if any(name in WIDTH_MODIFIERS for name in extra):  # a width set on the widget wins
            classes = [name for name in classes if name not in DEFAULT_WIDTHS]
        classes.extend(name for name in extra if name not in classes)
        if classes:
            attrs["class"] = " ".join(classes)
        return attrs

    @property
    def error_anchor(self) -> str:
        """The id the error summary links to: the input itself, or the first option."""
        if self.field.widget.use_fieldset and self.auto_id:
            return self.id_for_label or f"{self.auto_id}_0"
        return self.id_for_label


class EclFormRenderer(TemplatesSetting):
    """Renders forms, formsets and fields with the ECL templates under templates/ecl/forms/."""

    form_template_name = "ecl/forms/form.html"
    formset_template_name = "ecl/forms/formset.html"
    field_template_name = "ecl/forms/field.html"
    bound_field_class = EclBoundField


class EclDateInput(forms.DateInput):
    """A date field with the browser's date picker (``<input type="date">``, ISO value).

    Django's default DateInput is a text box in the locale's format; use this widget where a
    calendar helps. Django always accepts the ISO format back, whatever the active language.
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def limit_to_writable(form: forms.ModelForm, actor) -> None:
    """Disable the fields of a model form that the access matrix does not let ``actor`` write on
    the form's object in its state: a disabled field shows its value and ignores what is posted,
    so a form can never write more than the matrix grants (the service refuses it too)."""
    model = form._meta.model
    instance = form.instance if form.instance.pk else None
    writable = writable_fields(actor, model, instance)
    model_fields = {field.name for field in model._meta.get_fields()}
    for name, field in form.fields.items():
        if name in model_fields and name not in writable:
            field.disabled = True
