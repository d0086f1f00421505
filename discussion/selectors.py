"""Reads of comments, always for a user: the gate of the object a comment is about."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Model, Prefetch, Q, QuerySet

from actors.models import RoleAssignment, User
from discussion import commentables
from discussion.forms import FIND_MAX_LENGTH, CommentForm, posted_people
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


FIND_LIMIT = 20  # the people a search in the comment form lists at most
FIND_BATCH = 200  # the candidates checked against the gate in one query while searching


def people_who_see(
    obj: Model,
    *,
    among: Iterable[int] | None = None,
    search: str = "",
    limit: int | None = None,
) -> list[User]:
    """The active people (with a role today) who may see ``obj``, by name: all of them, or only
    those ``among`` the given ids, or those whose name or e-mail holds every word of ``search``
    (the first ``limit`` of them).

    Two queries for a batch of candidates and their roles, then one that asks the gate for all of
    them: the gate's condition is built once for a stand-in holding each distinct set of roles
    among them, and PostgreSQL evaluates it for every holder of the set, the stand-in's id replaced
    by each holder's (``_holders_who_see``). Asking for each person in one query was a condition
    PostgreSQL refuses at 2,000 people (more than 1,664 columns), and building one condition per
    person took seconds."""
    today = clock.today()
    candidates = (
        User.objects.filter(is_active=True)
        .filter(
            pk__in=RoleAssignment.objects.filter(active_assignment_q(today=today)).values("user_id")
        )
        .order_by("last_name", "first_name", "pk")
    )
    if among is not None:
        candidates = candidates.filter(pk__in=list(among))
    for word in search.split():
        candidates = candidates.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    if limit is None:
        return _seeing(obj, list(candidates), today)
    found: list[User] = []
    offset = 0
    while len(found) < limit:
        batch = list(candidates[offset : offset + FIND_BATCH])
        found.extend(_seeing(obj, batch, today))
        if len(batch) < FIND_BATCH:
            break
        offset += FIND_BATCH
    return found[:limit]


def _seeing(obj: Model, candidates: list[User], today) -> list[User]:
    """Those of ``candidates`` who may see ``obj``, in their order."""
    if not candidates:
        return []
    roles: dict[int, set[str]] = {}
    for user_id, role in RoleAssignment.objects.filter(
        active_assignment_q(today=today), user__in=[person.pk for person in candidates]
    ).values_list("user_id", "role"):
        roles.setdefault(user_id, set()).add(role)
    by_roles: dict[frozenset[str], list[User]] = {}
    for person in candidates:
        held = frozenset(roles.get(person.pk, ()))
        person._empact_roles = (today, held)
        by_roles.setdefault(held, []).append(person)
    seeing = _holders_who_see(obj, by_roles, today)
    return [person for person in candidates if person.pk in seeing]


STAND_IN_ID = -987_654_321  # no user has it: marks the user's id in the gate's SQL


def _holders_who_see(obj: Model, by_roles: dict[frozenset[str], list[User]], today) -> set[int]:
    """Which of the people (grouped by the exact set of roles they hold) may see ``obj``: one
    query for every set, each set's condition a part of a ``UNION ALL``."""
    model = type(obj)
    seeing: set[int] = set()
    parts: list[str] = []
    values: list[Any] = []
    for held, people in by_roles.items():
        stand_in = User(pk=STAND_IN_ID, is_active=True)
        stand_in._empact_roles = (today, held)
        condition = visible_q(stand_in, model, "view", today)
        if condition is EVERYTHING:
            seeing.update(person.pk for person in people)
            continue
        try:
            sql, params = (
                model._default_manager.filter(condition, pk=obj.pk)
                .values("pk")
                .query.sql_with_params()
            )
        except EmptyResultSet:
            continue
        pieces = sql.split("%s")
        if connection.vendor != "postgresql" or len(pieces) != len(params) + 1:
            seeing.update(person.pk for person in people if can(person, "view", obj))
            continue  # pragma: no cover - PostgreSQL in production and in the tests
        inner = [pieces[0]]
        own: list[Any] = [[person.pk for person in people]]
        for param, piece in zip(params, pieces[1:], strict=True):
            if type(param) is int and param == STAND_IN_ID:
                inner.append('"candidate"."id"')
            else:
                inner.append("%s")
                own.append(param)
            inner.append(piece)
        # Django compiled ``inner``; every value in it is a parameter.
        parts.append(
            'SELECT "candidate"."id" FROM unnest(%s::bigint[]) AS "candidate"("id") '  # noqa: S608
            f"WHERE EXISTS ({''.join(inner)})"
        )
        values.extend(own)
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(f"({part})" for part in parts), values)
            seeing.update(row[0] for row in cursor.fetchall())
    return seeing


@dataclass(frozen=True)
class Discussion:
    """The discussion part of a plan, action or report page."""

    reference: str  # "plan:12"
    comments: list[Comment]
    form: CommentForm | None  # None when the user may not comment here


def discussion_part(user, obj: Model, *, form: CommentForm | None = None) -> Discussion:
    reference = commentables.reference(obj)
    may_comment = can(user, comment_action(), obj)
    comments = list(comments_on(user, obj))
    if may_comment and form is None:
        form = comment_form(user, obj, comments=comments, may_comment=True)
    return Discussion(reference=reference, comments=comments, form=form if may_comment else None)


def comment_form(
    user,
    obj: Model,
    *,
    data=None,
    comments: list[Comment] | None = None,
    may_comment: bool | None = None,
) -> CommentForm:
    """The comment form on ``obj``, bound to ``data`` when posted.

    It offers, among the people who may see ``obj``: those of its discussion (the authors and
    addressees of its comments), those already ticked, and, when the form was posted with
    ``find_people``, the first ``FIND_LIMIT`` whose name or e-mail matches its ``find`` words. A
    search does not save: the form comes back unbound with what was typed and ticked. Never the
    whole list of people: thousands may see a plan."""
    reference = commentables.reference(obj)
    if comments is None:
        comments = list(comments_on(user, obj))
    # Somebody who may not comment here learns nothing about who else may see it.
    if may_comment is None:
        may_comment = can(user, comment_action(), obj)
    chosen = posted_people(data) if may_comment else []
    known: set[int] = set()
    if may_comment:
        known = {comment.author_id for comment in comments}
        known.update(person.pk for comment in comments for person in comment.addressed_to.all())
        known.update(chosen)
        known.discard(user.pk)
    people = {person.pk: person for person in people_who_see(obj, among=known)} if known else {}
    searching = may_comment and data is not None and "find_people" in data
    words = (data.get("find") or "").strip()[:FIND_MAX_LENGTH] if searching else ""
    found: list[User] = []
    if words:
        # one more than is shown tells whether there are more; one more again for the user, who
        # may be among them and is never offered
        found = [
            person
            for person in people_who_see(obj, search=words, limit=FIND_LIMIT + 2)
            if person.pk != user.pk
        ]
        people.update((person.pk, person) for person in found[:FIND_LIMIT])
    offered = sorted(
        people.values(), key=lambda person: (person.last_name, person.first_name, person.pk)
    )
    options = {
        "people": offered,
        "auto_id": f"id_comment_{reference.replace(':', '_')}_%s",
        "searched": words,
        "found": min(len(found), FIND_LIMIT),
        "more": len(found) > FIND_LIMIT,
    }
    if searching:
        initial = {"object": reference, "body": data.get("body", ""), "addressed_to": chosen}
        return CommentForm(initial={**initial, "find": words}, **options)
    if data is not None:
        return CommentForm(data, **options)
    return CommentForm(initial={"object": reference}, **options)


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
