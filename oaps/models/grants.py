"""Guardian object permissions on plans and actions, derived from role assignments."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from actors.models import RoleAssignment
from oaps.models.plans import OperationalAction, OperationalActionPlan


class PlanGrant(UserObjectPermissionBase):
    """A guardian object permission on a plan, derived from one role assignment (direct FK)."""

    content_object = models.ForeignKey(OperationalActionPlan, on_delete=models.CASCADE)
    assignment = models.ForeignKey(RoleAssignment, on_delete=models.CASCADE, related_name="+")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("plan permission")
        verbose_name_plural = _("plan permissions")


class ActionGrant(UserObjectPermissionBase):
    """A guardian object permission on an action, derived from one role assignment (direct FK)."""

    content_object = models.ForeignKey(OperationalAction, on_delete=models.CASCADE)
    assignment = models.ForeignKey(RoleAssignment, on_delete=models.CASCADE, related_name="+")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("action permission")
        verbose_name_plural = _("action permissions")
