"""Abstract bases shared by every app's business models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessQuerySet(models.QuerySet):
    """Querysets that know the permission gate: ``Model.objects.visible_to(user, "change")``."""

    def visible_to(self, user, action: str = "view") -> AccessQuerySet:
        from empact.access import visible_q

        return self.filter(visible_q(user, self.model, action))


class TimestampedModel(models.Model):
    """Creation and last-change times: ``updated_at`` feeds ETags and ``updated_after`` filters."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = AccessQuerySet.as_manager()

    class Meta:
        abstract = True
