"""The comment form of the discussion part (the service checks the rights and the people)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from discussion.models import BODY_MAX_LENGTH


class PeopleField(forms.TypedMultipleChoiceField):
    """The people offered are those who may see the object; another id is not a form error but
    the service's refusal, which names the person and says why."""

    def valid_value(self, value) -> bool:
        return re.fullmatch(r"[0-9]{1,18}", str(value)) is not None


class CommentForm(forms.Form):
    object = forms.CharField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Your comment"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text. Everybody who may see this page may read it."),
    )
    addressed_to = PeopleField(
        label=_("Address to"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They find the comment in My work. Only people who may see this page."),
    )

    def __init__(self, *args, people: Iterable = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressed_to"].choices = [
            (person.pk, person.get_full_name() or person.email) for person in people
        ]
