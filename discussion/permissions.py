"""How comments reach the access matrix: through the object they are about.

A comment has no cycle, plan or action of its own that the gate could follow (its object may be
of a kind registered by an app above this one). Its cells use the rule ``object``: a person sees
the comments on what they may see, and adds one where they may ``comment``; this module gives
the gate that condition, one subquery per registered kind.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from discussion.commentables import kinds
from discussion.models import Comment
from empact.access.gate import EVERYTHING, NOTHING, visible_q
from empact.access.paths import AccessPaths, register


def about_q(user, action: str) -> Q:
    """The comments whose object the user may ``action`` (view, comment)."""
    condition = NOTHING
    for commentable in kinds().values():
        model = commentable.model
        kind = Q(content_type_id=ContentType.objects.get_for_model(model).pk)
        objects = visible_q(user, model, action)
        if objects == EVERYTHING:
            condition |= kind
        elif objects != NOTHING:
            condition |= kind & Q(object_id__in=model._default_manager.filter(objects).values("pk"))
    return condition


register(Comment, AccessPaths(about=about_q))
