"""The comment form of the discussion part (the service checks the rights and the people)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from discussion.models import BODY_MAX_LENGTH

FIND_MAX_LENGTH = 100
PERSON_ID = re.compile(r"[0-9]{1,18}")  # an id as posted, before any lookup


class PeopleField(forms.TypedMultipleChoiceField):
    """The people offered are those who may see the object; another id is not a form error but
    the service's refusal, which names the person and says why."""

    def valid_value(self, value) -> bool:
        return PERSON_ID.fullmatch(str(value)) is not None


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
        help_text=_(
            "They find the comment in My work. Offered: the people of this discussion and "
            "those you find below, if they may see this page."
        ),
    )
    find = forms.CharField(
        label=_("Find people to address"),
        max_length=FIND_MAX_LENGTH,
        required=False,
        help_text=_("Part of a name or e-mail address, then Find people."),
    )

    def __init__(
        self,
        *args,
        people: Iterable = (),
        searched: str = "",
        found: int = 0,
        more: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressed_to"].choices = [
            (person.pk, person.get_full_name() or person.email) for person in people
        ]
        if searched:
            find = self.fields["find"]
            find.widget.attrs["autofocus"] = True
            if not found:
                find.help_text = _(
                    "Nobody who may see this page matches “%(words)s”. Try part of the name."
                ) % {"words": searched}
            elif more:
                find.help_text = _(
                    "The first %(count)s people who match “%(words)s” are offered above; type "
                    "more of the name to find someone else."
                ) % {"count": found, "words": searched}
            else:
                find.help_text = ngettext(
                    "%(count)s person who matches “%(words)s” is offered above.",
                    "%(count)s people who match “%(words)s” are offered above.",
                    found,
                ) % {"count": found, "words": searched}


def posted_people(data) -> list[int]:
    """The ids ticked in a posted comment form (anything else is left out)."""
    if data is None:
        return []
    values = data.getlist("addressed_to") if hasattr(data, "getlist") else []
    return [int(value) for value in values if PERSON_ID.fullmatch(str(value))]
