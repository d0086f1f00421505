"""Filter building blocks shared by every collection (django-filter).

Relations are filtered by id with :class:`IdFilter` (no query to validate the id, so a filter
never reveals whether an object the user may not see exists); ``updated_after`` lets an
integration pull only what changed since its last run.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters import utils
from django_filters.fields import IsoDateTimeField
from django_filters.widgets import BooleanWidget
from rest_framework.filters import SearchFilter

MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdFilter(filters.NumberFilter):
    field_class = IdField


class YearField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2200)
        super().__init__(*args, **kwargs)


class YearFilter(filters.NumberFilter):
    field_class = YearField


class CountryFilter(filters.CharFilter):
    """A country by id (``12``) or ISO code (``BE``), across one or more lookups."""

    def __init__(self, *args, lookups: tuple[str, ...] = ("country",), **kwargs):
        self.lookups = lookups
        kwargs.setdefault("help_text", _("A country id or its two-letter ISO code, e.g. BE."))
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    @staticmethod
    def country_q(prefix: str, value: str) -> Q:
        if value.isdigit() and int(value) <= MAX_ID:
            return Q(**{f"{prefix}_id": int(value)})
        return Q(**{f"{prefix}__code": value.upper()})

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        value = value.strip()
        condition = Q()
        for lookup in self.lookups:
            condition |= self.country_q(lookup, value)
        return qs.filter(condition)


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 time, converted to UTC here: the database accepts offsets up to 15:59 only."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        try:
            return value.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError(_("Enter a time between the years 1 and 9999.")) from None


class UtcDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class StrictBooleanWidget(BooleanWidget):
    """Reads ``true``/``false`` (and ``1``/``0``) as booleans and passes anything else on as it
    came, so the field can refuse it instead of the filter being silently left out."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        parsed = super().value_from_datadict(data, files, name)
        return value if parsed is None else parsed


class StrictBooleanField(forms.Field):
    widget = StrictBooleanWidget
    default_error_messages = {"invalid": _("Enter true or false.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(filters.BooleanFilter):
    """A yes/no filter that answers 400 to any other value (``?is_published=null``): with
    django-filter's own, an unreadable value drops the filter and the whole list comes back."""

    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", StrictBooleanWidget)
        super().__init__(*args, **kwargs)


class ApiFilterSet(filters.FilterSet):
    """A filter given without a value (``?status=``) is a 400: the schema has no empty value.
    Boolean model fields filter with :class:`StrictBooleanFilter`."""

    FILTER_DEFAULTS = {
        **filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
    }

    updated_after = UtcDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=_("Only objects changed at or after this time (ISO 8601)."),
    )
    updated_before = UtcDateTimeFilter(
        field_name="updated_at",
        lookup_expr="lt",
        help_text=_("Only objects changed before this time (ISO 8601)."),
    )

    def is_valid(self):
        valid = super().is_valid()
        for name in self.filters:
            if name in self.form.fields and self.data.get(name) == "":
                self.form.add_error(name, _("Give a value, or leave the parameter out."))
                valid = False
        return valid


class ApiSearchFilter(SearchFilter):
    """``?search=`` over the collection's text fields; NUL characters cannot be stored, so they
    cannot be searched either."""

    def get_search_terms(self, request):
        if self.search_param not in request.query_params:
            return []  # DRF would build a field to clean the missing value to nothing
        return [term.replace("\x00", "") for term in super().get_search_terms(request)]


def names_a_filter(params: Iterable[str], filter_names: Iterable[str]) -> bool:
    """Whether a query parameter may be read by one of these filters: its name, or its name with
    a suffix (``<name>_min``: the parameters of a multi-value widget)."""
    names = tuple(filter_names)
    return any(param == name or param.startswith(f"{name}_") for param in params for name in names)


class ApiFilterBackend(filters.DjangoFilterBackend):
    """django-filter's backend, building and validating the filter form only for a request that
    gives a filter (about a millisecond a request otherwise): without one, every filter lets the
    queryset through unchanged, which tests/api/test_filter_backend.py checks for every
    collection. Bad values still answer 400 naming the filter."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        if not names_a_filter(request.query_params, filterset_class.base_filters):
            return queryset
        filterset = filterset_class(**self.get_filterset_kwargs(request, queryset, view))
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        return filterset.qs
