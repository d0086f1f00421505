"""Abstract bases shared by every app's business models."""

from __future__ import annotations

from collections.abc import Collection

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from empact import clock


class AccessQuerySet(models.QuerySet):
    """Querysets that know the permission gate: ``Model.objects.visible_to(user, "change")``."""

    def visible_to(self, user, action: str = "view") -> AccessQuerySet:
        from empact.access import visible_q

        return self.filter(visible_q(user, self.model, action))


class TimestampedModel(models.Model):
    """Creation and last-change times: ``updated_at`` feeds ETags and ``updated_after`` filters.

    Both come from the application clock (``empact.clock``), not from ``auto_now``, so a test
    that freezes the clock freezes them too. ``updated_at`` moves forward on every save, by a
    microsecond when the clock has not (a frozen clock): each save is a new version, a new ETag.
    """

    created_at = models.DateTimeField(
        _("created at"), default=clock.stamp, editable=False, blank=True
    )
    updated_at = models.DateTimeField(
        _("updated at"), default=clock.stamp, editable=False, blank=True, db_index=True
    )

    objects = AccessQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs) -> None:
        if update_fields is None or "updated_at" in update_fields:
            self.updated_at = clock.later_than(None if self._state.adding else self.updated_at)
        super().save(*args, update_fields=update_fields, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        """Keep the values as loaded: an Event records each changed field before and after."""
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance


class EventQuerySet(models.QuerySet):
    """Events are append-only: a queryset refuses bulk changes and deletions."""

    def update(self, **kwargs):
        raise TypeError("Events are append-only.")

    def delete(self):
        raise TypeError("Events are append-only.")

    def about(self, obj: models.Model) -> EventQuerySet:
        """The events of an object's history: about the object, or about one of its parts."""
        from django.contrib.contenttypes.models import ContentType

        kind = ContentType.objects.get_for_model(type(obj))
        return self.filter(
            models.Q(content_type=kind, object_id=obj.pk)
            | models.Q(parent_type=kind, parent_id=obj.pk)
        )

    def visible_to(
        self, user, action: str = "view", *, content_type_ids: Collection[int] | None = None
    ) -> EventQuerySet:
        """The events the user may read (``action`` is always "view": the log is read-only);
        with ``content_type_ids``, only those about objects of these types."""
        from empact.events import visible_q

        if action != "view":
            return self.none()

        return self.filter(visible_q(user, content_type_ids))


class Event(models.Model):
    """One row of the audit log: who did what to which object, when, and with which values.

    Every service writes exactly one in the transaction of its change (``empact.events.record``);
    the row is never changed or deleted. ``plan_id`` and ``cycle_id`` are plain ids, so the log
    knows no business app: the apps' access paths say how an object belongs to a plan and cycle.
    """

    at = models.DateTimeField(_("at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor's name"), max_length=300, blank=True)
    code = models.CharField(_("event"), max_length=80, db_index=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    object_label = models.CharField(_("object's name"), max_length=300, blank=True)
    parent_type = models.ForeignKey(
        "contenttypes.ContentType",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    parent_id = models.PositiveBigIntegerField(null=True, blank=True)
    plan_id = models.PositiveBigIntegerField(_("plan"), null=True, blank=True, db_index=True)
    cycle_id = models.PositiveBigIntegerField(_("cycle"), null=True, blank=True, db_index=True)
    payload = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ("-at", "-id")
        indexes = [
            models.Index(fields=["content_type", "object_id", "-id"], name="event_object"),
            models.Index(fields=["parent_type", "parent_id", "-id"], name="event_parent"),
            models.Index(fields=["plan_id", "-id"], name="event_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.object_label}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise TypeError("Events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Events are append-only.")

    @property
    def changes(self) -> dict:
        return self.payload.get("changes", {})

    @property
    def comment(self) -> str:
        return self.payload.get("comment", "")
