"""``discussion.services``: a comment is added where the matrix lets the author comment, with one
Event naming the people addressed; addressing someone who cannot see the object is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actors.models import Role
from discussion import services
from discussion.models import Comment
from empact.access.matrix import MATRIX
from tests.access.oracle import allowed
from tests.access.world import TODAY
from tests.factories import OperationalActionFactory, ProgressReportFactory
from tests.writes import holder_of, records, refused

pytestmark = pytest.mark.django_db


def test_a_driver_comments_on_their_plan_and_the_event_names_the_people_addressed():
    action = OperationalActionFactory()
    driver = holder_of(Role.DRIVER, plan=action.plan)
    secretariat = holder_of(Role.SECRETARIAT)
    with records("discussion.comment.added") as recorded:
        comment = services.comment_add(
            actor=driver,
            obj=action.plan,
            body="  Please check KPI 2.  ",
            addressed_to=[secretariat],
        )
    assert comment.body == "Please check KPI 2."
    assert list(comment.addressed_to.all()) == [secretariat]
    payload = recorded.event.payload
    assert payload["object"] == f"plan:{action.plan.pk}"
    assert payload["addressed_to"] == [secretariat.pk]


def test_addressing_someone_who_cannot_see_the_report_is_refused():
    report = ProgressReportFactory()
    leader = holder_of(Role.ACTION_LEADER, action=report.action)
    stranger = holder_of(Role.PARTICIPANT, action=OperationalActionFactory())
    with refused(Comment, error=ValidationError):
        services.comment_add(actor=leader, obj=report, body="See here", addressed_to=[stranger])


def test_a_participant_may_not_comment_on_a_plan():
    action = OperationalActionFactory()
    participant = holder_of(Role.PARTICIPANT, action=action)
    with refused(Comment):
        services.comment_add(actor=participant, obj=action.plan, body="Hello")


@pytest.mark.parametrize("role", MATRIX.roles)
@pytest.mark.parametrize("key", ["p1", "p2", "a1", "a3", "r1", "r2"])
def test_who_may_comment_is_the_comment_cell_of_the_object_for_every_role(world, role, key):
    """Generated from the matrix: each role against plans, actions and reports in and out of
    their scope."""
    user, obj = world.users[role], world.objects[key]
    type_key = {"p": "plan", "a": "action", "r": "progress_report"}[key[0]]
    expected = allowed(user, type_key, "comment", obj, TODAY)
    if expected:
        with records("discussion.comment.added"):
            services.comment_add(actor=user, obj=obj, body="A remark")
    else:
        with refused(Comment):
            services.comment_add(actor=user, obj=obj, body="A remark")


def test_the_event_is_announced_only_after_commit(django_capture_on_commit_callbacks):
    action = OperationalActionFactory()
    driver = holder_of(Role.DRIVER, plan=action.plan)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.comment_add(actor=driver, obj=action, body="Who takes the lead?")
    assert callbacks, "the subscribers (the notifications) are announced on commit"


def test_the_refusal_of_an_addressee_never_names_an_account_the_author_may_not_see():
    report = ProgressReportFactory()
    leader = holder_of(Role.ACTION_LEADER, action=report.action)
    stranger = holder_of(Role.PARTICIPANT, action=OperationalActionFactory())
    stranger.first_name, stranger.last_name = "Secret", "Person"
    stranger.save()
    with pytest.raises(ValidationError) as refusal:
        services.comment_add(actor=leader, obj=report, body="See here", addressed_to=[stranger])
    message = " ".join(refusal.value.messages)
    assert "Secret" not in message and stranger.email not in message
    assert "offered here" in message


def test_someone_who_may_not_comment_learns_nothing_about_the_people_they_address():
    action = OperationalActionFactory()
    participant = holder_of(Role.PARTICIPANT, action=action)
    stranger = holder_of(Role.PARTICIPANT, action=OperationalActionFactory())
    with pytest.raises(PermissionDenied):
        services.comment_add(
            actor=participant, obj=action.plan, body="Hello", addressed_to=[stranger]
        )
