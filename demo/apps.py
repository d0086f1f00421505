from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo story and its commands (``load_demo``, ``demo_logins``, ``generate_scale_data``):
    above every app, it builds a whole installation's worth of data through their models."""

    name = "demo"
    verbose_name = _("Demo")
