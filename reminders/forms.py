from django import forms

from reminders.models import Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["mode", "other_email"]
        widgets = {"mode": forms.RadioSelect}
