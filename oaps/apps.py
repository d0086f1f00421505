from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OapsConfig(AppConfig):
    name = "oaps"
    verbose_name = _("Oaps")
