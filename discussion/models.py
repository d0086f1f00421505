"""Comments on plans, actions, progress reports (and what apps above register: review rounds).

A comment is about one object of a registered kind (``commentables``), through a content type and
an id, since the kinds live in apps both below and above this one. It is plain text, shown
escaped. It may address named people, who must be able to see the object. Comments are a record
of the discussion: nobody edits or deletes one (a correction is another comment).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from empact.models import TimestampedModel

BODY_MAX_LENGTH = 5000


class Comment(TimestampedModel):
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of object"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    object = GenericForeignKey("content_type", "object_id")  # the API's and the matrix's name
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="comments_written",
    )
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    addressed_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("addressed to"),
        related_name="comments_addressed",
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["content_type", "object_id"], name="comment_object")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(body=""),
                name="comment_body_not_empty",
                violation_error_message=_("A comment needs some text."),
            ),
        ]

    def __str__(self) -> str:
        return _("Comment %(id)s") % {"id": self.pk}
