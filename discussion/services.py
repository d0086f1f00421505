"""Writes of the discussion: adding a comment (comments are never edited or deleted).

The recipe of ``empact.services``: one transaction, the fields and the right checked through
the gate (``add`` on a comment is ``comment`` on its object), one Event whose payload names the
object and the people addressed; subscribers (the notifications) are announced after commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from actors.models import User
from discussion import commentables
from discussion.models import Comment
from empact import events
from empact.access import MATRIX, can, require_writable
from empact.services import require, save_change

ADDED = "discussion.comment.added"


def comment_add(*, actor, obj: Model, body: str, addressed_to: Iterable[User] = ()) -> Comment:
    """A new comment by the actor on ``obj``, addressed to people who may see ``obj``."""
    names = {"object", "body"} | ({"addressed_to"} if addressed_to else set())
    require_writable(actor, Comment, names)
    kind = commentables.kind_of(type(obj))
    if kind is None:
        raise ValidationError({"object": _("Nobody can comment on this.")})
    # The right to comment first: the refusal of an addressee must not tell somebody who may not
    # comment here anything about other accounts.
    if not can(actor, MATRIX.type("comment").about["add"], obj):
        raise PermissionDenied(_("You may not comment on this."))
    people = list(dict.fromkeys(addressed_to))
    blind = [person for person in people if not person.is_active or not can(person, "view", obj)]
    if blind:
        # Name only the people the actor may see; the others are not even said to exist.
        known = set(
            User.objects.visible_to(actor, "view")
            .filter(pk__in=[person.pk for person in blind])
            .values_list("pk", flat=True)
        )
        if all(person.pk in known for person in blind):
            message = _(
                "%(names)s cannot see this, so the comment cannot be addressed to them."
            ) % {"names": ", ".join(person.get_full_name() or str(person.pk) for person in blind)}
        else:
            message = _(
                "Address the comment only to people offered here: they are the ones who may "
                "see this."
            )
        raise ValidationError({"addressed_to": message})
    with transaction.atomic():
        comment = Comment(object=obj, author=actor, body=body.strip())
        save_change(comment, actor=actor, code=ADDED, event=False)
        require(actor, "add", comment)
        comment.addressed_to.set(people)
        events.record(
            actor=actor,
            code=ADDED,
            obj=comment,
            details={
                "object": commentables.reference(obj),
                "addressed_to": sorted(person.pk for person in people),
            },
        )
    return comment


def comment_create(*, actor, data: Mapping[str, Any]) -> Comment:
    """The API's creation: ``object`` (an object of a registered kind), ``body``,
    ``addressed_to``."""
    return comment_add(
        actor=actor,
        obj=data["object"],
        body=data.get("body", ""),
        addressed_to=data.get("addressed_to") or (),
    )
