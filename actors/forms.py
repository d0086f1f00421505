"""Forms for accounts and role assignments. Choices offer only what the actor may see."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from actors.models import Country, Organisation, Role, RoleAssignment, User
from empact.access import assignable_roles
from empact.forms import limit_to_writable
from empact.signin import password_confirmed


def assignees_for(actor: User):
    """The active people the actor sees, other than the actor: whom a role may be given to (the
    service checks the rest, e.g. that a NEC's participant is of their country)."""
    return User.objects.visible_to(actor, "view").filter(is_active=True).exclude(pk=actor.pk)


class DateInput(forms.DateInput):
    input_type = "date"


class UserCreateForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "organisation", "country", "language"]

    def __init__(self, *args, actor: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["organisation"].queryset = Organisation.objects.visible_to(
            actor, "view"
        ).select_related("country")
        self.fields["country"].queryset = Country.objects.visible_to(actor, "view")
        limit_to_writable(self, actor)


class EmailChangeForm(forms.Form):
    """A new e-mail address, confirmed with the current password (checked like a sign-in)."""

    new_email = forms.EmailField(label=_("New e-mail address"), max_length=254)
    password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is you."),
    )

    def __init__(self, *args, request, **kwargs) -> None:
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not password_confirmed(self.request, self.request.user, password):
            raise forms.ValidationError(
                _("This is not your current password."), code="password_incorrect"
            )
        return password


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "plan", "action", "country", "starts_on", "ends_on", "reason"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {
            "plan": _("For drivers and co-drivers."),
            "action": _("For action leaders, co-action leaders and participants."),
            "country": _("For NECs and COSI delegates."),
        }

    def __init__(self, *args, actor: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        assignable = assignable_roles(actor)
        self.fields["role"].choices = [
            (value, label) for value, label in Role.choices if value in assignable
        ]
        # Only the people and scopes the actor may assign; nobody gives themselves a role.
        self.fields["user"].queryset = assignees_for(actor)
        # The plan and action models (oaps, above actors) are read off the foreign keys.
        plans = RoleAssignment._meta.get_field("plan").related_model
        actions = RoleAssignment._meta.get_field("action").related_model
        self.fields["plan"].queryset = plans.objects.visible_to(actor, "assign").select_related(
            "priority"
        )
        self.fields["action"].queryset = actions.objects.visible_to(actor, "assign").select_related(
            "plan"
        )
        self.fields["country"].queryset = Country.objects.visible_to(actor, "assign")


class RoleEndForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Last day in the role"), widget=DateInput(), help_text=_("The role ends after it.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class HandoverForm(forms.Form):
    successor = forms.ModelChoiceField(label=_("Successor"), queryset=User.objects.none())
    on = forms.DateField(
        label=_("Handover day"),
        widget=DateInput(),
        help_text=_("The last day of the current holder and the first day of the successor."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, actor: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = assignees_for(actor)
