"""Reads of comments, always for a user: the gate of the object a comment is about."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Model, Prefetch, QuerySet

from actors.models import RoleAssignment, User
from discussion import commentables
from discussion.forms import CommentForm
from discussion.models import Comment
from empact import clock
from empact.access import can
from empact.access.gate import EVERYTHING, active_assignment_q, visible_q
from empact.access.matrix import MATRIX

RECENT_DAYS = 30  # My work shows the comments addressed to someone in the last month
MY_WORK_LIMIT = 20


def comments_visible_to(user) -> QuerySet[Comment]:
    """The comments on objects the user may see, with their authors and addressees."""
    return (
        Comment.objects.visible_to(user, "view")
        .select_related("author", "content_type")
        .prefetch_related(
            Prefetch("addressed_to", queryset=User.objects.order_by("last_name", "first_name"))
        )
    )


def comments_on(user, obj: Model) -> QuerySet[Comment]:
    kind = ContentType.objects.get_for_model(type(obj))
    return comments_visible_to(user).filter(content_type=kind, object_id=obj.pk)


def people_who_see(obj: Model) -> list[User]:
    """The active people (with a role today) who may see ``obj``, by name.

    Two queries for the people and their roles, then one per distinct set of roles among them
    (none for a set that sees every object of the kind): the gate's condition is built once for
    a stand-in holding those roles, and PostgreSQL evaluates it for every holder of the set, the
    stand-in's id replaced by each holder's (``_holders_who_see``). Asking for each person in one
    query was a condition PostgreSQL refuses at 2,000 people (more than 1,664 columns), and
    building one condition per person took seconds."""
    today = clock.today()
    candidates = list(
        User.objects.filter(is_active=True)
        .filter(
            pk__in=RoleAssignment.objects.filter(active_assignment_q(today=today)).values("user_id")
        )
        .order_by("last_name", "first_name", "pk")
    )
    if not candidates:
        return []
    roles: dict[int, set[str]] = {}
    for user_id, role in RoleAssignment.objects.filter(
        active_assignment_q(today=today), user__is_active=True
    ).values_list("user_id", "role"):
        roles.setdefault(user_id, set()).add(role)
    by_roles: dict[frozenset[str], list[User]] = {}
    for person in candidates:
        held = frozenset(roles.get(person.pk, ()))
        person._empact_roles = (today, held)
        by_roles.setdefault(held, []).append(person)
    seeing: set[int] = set()
    for held, people in by_roles.items():
        seeing |= _holders_who_see(obj, held, people, today)
    return [person for person in candidates if person.pk in seeing]


STAND_IN_ID = -987_654_321  # no user has it: marks the user's id in the gate's SQL


def _holders_who_see(obj: Model, held: frozenset[str], people: list[User], today) -> set[int]:
    """Which of ``people`` (who all hold exactly the roles ``held``) may see ``obj``: one query."""
    model = type(obj)
    stand_in = User(pk=STAND_IN_ID, is_active=True)
    stand_in._empact_roles = (today, held)
    condition = visible_q(stand_in, model, "view", today)
    if condition is EVERYTHING:
        return {person.pk for person in people}
    try:
        sql, params = (
            model._default_manager.filter(condition, pk=obj.pk).values("pk").query.sql_with_params()
        )
    except EmptyResultSet:
        return set()
    pieces = sql.split("%s")
    if connection.vendor != "postgresql" or len(pieces) != len(params) + 1:
        return {person.pk for person in people if can(person, "view", obj)}  # pragma: no cover
    inner = [pieces[0]]
    values = []
    for param, piece in zip(params, pieces[1:], strict=True):
        if type(param) is int and param == STAND_IN_ID:
            inner.append('"candidate"."id"')
        else:
            inner.append("%s")
            values.append(param)
        inner.append(piece)
    # Django compiled ``inner``; every value in it is a parameter.
    query = f'SELECT "candidate"."id" FROM unnest(%s::bigint[]) AS "candidate"("id") WHERE EXISTS ({"".join(inner)})'  # noqa: E501, S608
    with connection.cursor() as cursor:
        cursor.execute(query, [[person.pk for person in people], *values])
        return {row[0] for row in cursor.fetchall()}


@dataclass(frozen=True)
class Discussion:
    """The discussion part of a plan, action or report page."""

    reference: str  # "plan:12"
    comments: list[Comment]
    form: CommentForm | None  # None when the user may not comment here


def discussion_part(user, obj: Model, *, form: CommentForm | None = None) -> Discussion:
    reference = commentables.reference(obj)
    may_comment = can(user, comment_action(), obj)
    if may_comment and form is None:
        form = CommentForm(
            initial={"object": reference},
            people=[p for p in people_who_see(obj) if p.pk != user.pk],
            auto_id=f"id_comment_{reference.replace(':', '_')}_%s",
        )
    return Discussion(
        reference=reference,
        comments=list(comments_on(user, obj)),
        form=form if may_comment else None,
    )


def comment_action() -> str:
    """The action on an object that allows commenting on it (the matrix's ``about: add``)."""
    return MATRIX.type("comment").about["add"]


@dataclass(frozen=True)
class AddressedComment:
    comment: Comment
    object: Any
    url: str


def comments_addressed_to(user, *, days: int = RECENT_DAYS) -> list[AddressedComment]:
    """The recent comments addressed to the user on objects they still see, newest first, each
    with its object and the link to its page (one query per kind of object they are about)."""
    since = clock.now() - datetime.timedelta(days=days)
    comments = list(
        comments_visible_to(user)
        .filter(addressed_to=user, created_at__gte=since)
        .order_by("-created_at", "-pk")[:MY_WORK_LIMIT]
    )
    wanted: dict[int, set[int]] = {}
    for comment in comments:
        wanted.setdefault(comment.content_type_id, set()).add(comment.object_id)
    objects: dict[tuple[int, int], Model] = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for obj in model._default_manager.filter(pk__in=ids):
            objects[(type_id, obj.pk)] = obj
    found = []
    for comment in comments:
        obj = objects.get((comment.content_type_id, comment.object_id))
        kind = commentables.kind_of(type(obj)) if obj is not None else None
        if kind is not None:
            found.append(AddressedComment(comment, obj, f"{kind.url(obj)}#comment-{comment.pk}"))
    return found
