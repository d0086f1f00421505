"""Notifications, the reminder settings per kind, the e-mail preference and calendar feeds.

A ``Notification`` is one message to one person about one object. The scan and the event
subscribers only ever *insert* rows; the unique constraint on (recipient, object, kind, due
date, offset) turns a second scan, or two scans at once, into no-ops: each reminder exists once.
Its e-mail is a small state machine the send task moves with conditional updates (see
``reminders.delivery``).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from empact import clock


def _default_offsets() -> list[int]:
    return []


class ReminderKind(models.Model):
    """The settings of one kind of reminder, changed in the admin without a deploy (the rows are
    seeded by ``manage.py load_reference`` from the kinds' defaults)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    offsets = models.JSONField(
        _("days before the due date"),
        default=_default_offsets,
        blank=True,
        help_text=_("A reminder goes out this many days before the due date, e.g. [30, 7, 1]."),
    )
    repeat_days = models.PositiveSmallIntegerField(
        _("repeat every (days) when overdue"),
        null=True,
        blank=True,
        help_text=_("Empty: no reminder after the due date."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("reminder kind")
        verbose_name_plural = _("reminder kinds")

    def __str__(self) -> str:
        from reminders.kinds import kind_label

        return str(kind_label(self.code))


class Notification(models.Model):
    class Email(models.TextChoices):
        PENDING = "pending", _("to send now")
        DIGEST = "digest", _("waiting for the daily digest")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("not sent (done meanwhile)")
        NONE = "none", _("no e-mail (switched off)")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    subject = GenericForeignKey("content_type", "object_id")
    due_date = models.DateField(_("due date"))
    # Days before the due date (negative: after it); for a workflow event, the event's number.
    offset = models.IntegerField(_("offset"))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    mandatory = models.BooleanField(_("deadline of the recipient's own role"), default=False)
    created_at = models.DateTimeField(_("created at"), default=clock.stamp)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email = models.CharField(
        _("e-mail"), max_length=10, choices=Email.choices, default=Email.PENDING
    )
    email_claim = models.CharField(_("claimed by"), max_length=64, blank=True)
    email_claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    email_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.CharField(_("last e-mail error"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "content_type", "object_id", "kind", "due_date", "offset"],
                name="notification_once_per_reminder",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    """How a person gets e-mail. Reminders of deadlines of their own role always arrive."""

    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", _("Each message at once")
        DIGEST = "digest", _("One daily digest")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    mode = models.CharField(
        _("e-mail"), max_length=10, choices=Mode.choices, default=Mode.IMMEDIATE
    )
    other_email = models.BooleanField(
        _("also e-mail me about other events"),
        default=True,
        help_text=_(
            "Reminders of the deadlines of your own roles are always e-mailed; the rest "
            "(workflow events, escalations, nudges) only if this is on."
        ),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A private iCalendar address: a person's own deadlines, or (with a country) the deadlines
    of that country's actions for its NEC. Renewing replaces the token: the old URL dies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    country = models.ForeignKey(
        "actors.Country",
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created at"), default=clock.stamp)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(country__isnull=True),
                name="calendar_feed_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "country"], name="calendar_feed_once_per_user_and_country"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.country or ''}".strip()
