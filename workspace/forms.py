"""Forms of the pages that set a cycle up."""

from __future__ import annotations

from django import forms

from cycles.models import Cycle
from empact.forms import limit_to_writable


class CycleSetUpForm(forms.ModelForm):
    """The first step of setting a cycle up: its years (and name, filled in if left empty)."""

    class Meta:
        model = Cycle
        fields = ["first_year", "name"]

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_to_writable(self, actor)
