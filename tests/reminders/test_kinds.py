"""The due logic of every kind of reminder: before, on and after the due date, in Brussels time,
with a due date moved after a reminder went out, a role handed over between two reminders, and
what was asked for done meanwhile."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from actors.models import Role
from empact.models import Event
from oaps import services as oaps_services
from reminders import kinds
from reminders.models import Notification, ReminderKind
from reminders.scan import scan
from reminders.subscribers import notify_workflow_event
from tests import factories

D = datetime.date
pytestmark = pytest.mark.django_db


def _sent(kind: str, **filters) -> list[tuple]:
    rows = Notification.objects.filter(kind=kind, **filters).order_by("pk")
    return [(n.recipient_id, n.due_date, n.offset) for n in rows]


def _scan_on(freeze_clock, day) -> list[Notification]:
    freeze_clock(day)
    return scan()


# --- the offsets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 6, 30), None),  # 31 days before: nothing yet
        (D(2024, 7, 1), 30),
        (D(2024, 7, 23), 30),  # the closest offset reached: one reminder, not two
        (D(2024, 7, 24), 7),
        (D(2024, 7, 30), 1),
        (D(2024, 7, 31), 1),  # on the day: the last offset, if it did not go out
        (D(2024, 8, 1), -1),  # the day after: overdue, then weekly
        (D(2024, 8, 7), -1),
        (D(2024, 8, 8), -8),
        (D(2024, 8, 15), -15),
    ],
)
def test_the_reminder_due_is_the_closest_offset_reached_then_weekly_when_overdue(today, expected):
    assert kinds.step(today, D(2024, 7, 31), (30, 7, 1), 7) == expected


def test_an_escalation_starts_only_after_the_due_date():
    assert kinds.step(D(2024, 7, 31), D(2024, 7, 31), (), 7, overdue_only=True) is None
    assert kinds.step(D(2024, 8, 1), D(2024, 7, 31), (), 7, overdue_only=True) == -1


def test_every_kind_is_registered_with_a_label():
    codes = {kind.code for kind in kinds.kinds()}
    assert {
        "report_due",
        "report_overdue_escalation",
        "plan_to_submit",
        "milestone_due",
        "role_ending",
        "plan_submitted",
        "plan_returned",
        "plan_approved",
        "report_accepted",
        "report_returned",
        "comment_addressed",
    } <= codes


# --- progress reports ----------------------------------------------------------------------------


def test_report_reminders_go_to_the_leader_before_on_and_after_the_due_date(
    reporting, freeze_clock
):
    leader = reporting.leader.pk
    assert _scan_on(freeze_clock, D(2024, 6, 30)) == []
    _scan_on(freeze_clock, D(2024, 7, 1))
    _scan_on(freeze_clock, D(2024, 7, 1))  # a second scan the same day: nothing new
    _scan_on(freeze_clock, D(2024, 7, 24))
    _scan_on(freeze_clock, D(2024, 7, 30))
    _scan_on(freeze_clock, D(2024, 7, 31))
    _scan_on(freeze_clock, D(2024, 8, 1))
    _scan_on(freeze_clock, D(2024, 8, 2))
    due = D(2024, 7, 31)
    assert _sent("report_due") == [
        (leader, due, 30),
        (leader, due, 7),
        (leader, due, 1),
        (leader, due, -1),
    ]


def test_an_overdue_report_is_escalated_to_the_drivers_and_the_nec_of_the_leading_country(
    reporting, freeze_clock
):
    country = factories.CountryFactory()
    reporting.action.leader.country = country
    reporting.action.leader.save()
    nec = factories.RoleAssignmentFactory(
        role=Role.NEC, country=country, starts_on=D(2024, 1, 1)
    ).user
    _scan_on(freeze_clock, D(2024, 7, 31))
    assert _sent("report_overdue_escalation") == []
    _scan_on(freeze_clock, D(2024, 8, 1))
    recipients = {r for r, _d, _o in _sent("report_overdue_escalation")}
    assert recipients == {reporting.driver.pk, nec.pk}


def test_no_reminder_once_the_report_is_submitted(reporting, freeze_clock):
    factories.ProgressReportFactory(
        action=reporting.action, period=reporting.period, submitted=True
    )
    _scan_on(freeze_clock, D(2024, 7, 24))
    _scan_on(freeze_clock, D(2024, 8, 8))
    assert Notification.objects.count() == 0


def test_the_brussels_date_decides_not_the_utc_one(reporting, freeze_clock):
    # 22:30 UTC on 23 July is already 24 July in Brussels: the 7-day reminder is due.
    freeze_clock(datetime.datetime(2024, 7, 23, 22, 30, tzinfo=datetime.UTC))
    scan()
    assert [o for _r, _d, o in _sent("report_due")] == [7]


def test_a_due_date_moved_after_a_reminder_reminds_of_the_new_date_and_drops_the_old(
    reporting, freeze_clock
):
    _scan_on(freeze_clock, D(2024, 7, 24))
    assert _sent("report_due") == [(reporting.leader.pk, D(2024, 7, 31), 7)]
    reporting.period.deadline = D(2024, 8, 31)
    reporting.period.save()
    _scan_on(freeze_clock, D(2024, 7, 25))  # 37 days before the new date: nothing yet
    assert len(_sent("report_due")) == 1
    _scan_on(freeze_clock, D(2024, 8, 1))  # not overdue: the old date is gone
    assert _sent("report_due")[-1] == (reporting.leader.pk, D(2024, 8, 31), 30)
    old = Notification.objects.get(due_date=D(2024, 7, 31))
    assert kinds.action_reported(reporting.action, old.due_date), "the old date is done with"


def test_a_role_handed_over_between_two_reminders_reminds_the_new_holder(reporting, freeze_clock):
    _scan_on(freeze_clock, D(2024, 7, 1))
    assignment = reporting.action.role_assignments.get(role=Role.ACTION_LEADER)
    assignment.ends_on = D(2024, 7, 10)
    assignment.save()
    successor = factories.RoleAssignmentFactory(
        role=Role.ACTION_LEADER, action=reporting.action, starts_on=D(2024, 7, 11)
    ).user
    _scan_on(freeze_clock, D(2024, 7, 24))
    assert _sent("report_due") == [
        (reporting.leader.pk, D(2024, 7, 31), 30),
        (successor.pk, D(2024, 7, 31), 7),
    ]


def test_the_offsets_set_in_the_admin_apply_to_the_next_scan(reporting, freeze_clock):
    ReminderKind.objects.update_or_create(
        code="report_due", defaults={"offsets": [3], "repeat_days": None}
    )
    _scan_on(freeze_clock, D(2024, 7, 24))
    assert _sent("report_due") == []
    _scan_on(freeze_clock, D(2024, 7, 28))
    assert _sent("report_due") == [(reporting.leader.pk, D(2024, 7, 31), 3)]
    _scan_on(freeze_clock, D(2024, 8, 10))
    assert len(_sent("report_due")) == 1, "no repetition when overdue"


def test_a_disabled_kind_sends_nothing(reporting, freeze_clock):
    ReminderKind.objects.update_or_create(code="report_due", defaults={"enabled": False})
    _scan_on(freeze_clock, D(2024, 7, 24))
    assert _sent("report_due") == []


def test_every_reminder_is_on_the_history_of_its_object(reporting, freeze_clock):
    _scan_on(freeze_clock, D(2024, 7, 24))
    (event,) = Event.objects.about(reporting.action).filter(code="reminders.action.reminded")
    assert event.payload["kind"] == "report_due"
    assert event.payload["due_date"] == "2024-07-31"
    assert event.payload["recipients"][0]["id"] == reporting.leader.pk


# --- plans, milestones, roles --------------------------------------------------------------------


def test_the_drivers_are_reminded_to_submit_a_draft_or_returned_plan_before_it_starts(
    freeze_clock,
):
    plan = factories.OperationalActionPlanFactory(
        cycle=factories.CycleFactory(first_year=2026), first_year=2026, last_year=2027
    )
    driver = factories.RoleAssignmentFactory(
        role=Role.DRIVER, plan=plan, starts_on=D(2025, 1, 1)
    ).user
    _scan_on(freeze_clock, D(2025, 11, 1))
    assert _sent("plan_to_submit") == []
    _scan_on(freeze_clock, D(2025, 11, 2))
    assert _sent("plan_to_submit") == [(driver.pk, D(2026, 1, 1), 60)]
    plan.status = "submitted"
    plan.save()
    _scan_on(freeze_clock, D(2025, 12, 25))
    assert len(_sent("plan_to_submit")) == 1


def test_a_milestone_reminds_the_people_of_the_responsible_organisation_until_it_is_done(
    freeze_clock,
):
    secretariat_org = factories.OrganisationFactory()
    holder = factories.RoleAssignmentFactory(
        role=Role.SECRETARIAT, starts_on=D(2020, 1, 1), user__organisation=secretariat_org
    ).user
    factories.RoleAssignmentFactory(role=Role.SECRETARIAT, starts_on=D(2020, 1, 1))
    milestone = factories.MilestoneFactory(due_date=D(2024, 3, 31), responsible=secretariat_org)
    _scan_on(freeze_clock, D(2024, 3, 24))
    assert _sent("milestone_due") == [(holder.pk, D(2024, 3, 31), 7)]
    milestone.done_date = D(2024, 3, 25)
    milestone.save()
    _scan_on(freeze_clock, D(2024, 3, 30))
    assert len(_sent("milestone_due")) == 1


def test_a_role_ending_without_successor_reminds_the_nec_and_the_secretariat(freeze_clock):
    country = factories.CountryFactory()
    nec = factories.RoleAssignmentFactory(
        role=Role.NEC, country=country, starts_on=D(2020, 1, 1)
    ).user
    secretariat = factories.RoleAssignmentFactory(
        role=Role.SECRETARIAT, starts_on=D(2020, 1, 1)
    ).user
    ending = factories.RoleAssignmentFactory(
        role=Role.PARTICIPANT,
        starts_on=D(2024, 1, 1),
        ends_on=D(2024, 6, 30),
        user__country=country,
    )
    _scan_on(freeze_clock, D(2024, 5, 31))
    assert {r for r, _d, _o in _sent("role_ending")} == {nec.pk, secretariat.pk}
    successor = factories.RoleAssignmentFactory(
        role=Role.PARTICIPANT, action=ending.action, starts_on=D(2024, 7, 1)
    )
    ending.successor = successor
    ending.save()
    _scan_on(freeze_clock, D(2024, 6, 25))
    assert len(_sent("role_ending")) == 2, "handed over: no more reminders"


# --- workflow events -----------------------------------------------------------------------------


def test_a_returned_plan_notifies_its_drivers_at_once_and_once(freeze_clock):
    freeze_clock(D(2025, 11, 1))
    plan = factories.OperationalActionPlanFactory(status="submitted")
    driver = factories.RoleAssignmentFactory(
        role=Role.DRIVER, plan=plan, starts_on=D(2025, 1, 1)
    ).user
    secretariat = factories.RoleAssignmentFactory(
        role=Role.SECRETARIAT, starts_on=D(2020, 1, 1)
    ).user
    from actors.grants import sync_user_grants

    sync_user_grants(secretariat, D(2025, 11, 1))
    admin = factories.UserFactory(is_superuser=True)
    factories.RoleAssignmentFactory(user=admin, role=Role.ADMINISTRATOR, starts_on=D(2020, 1, 1))
    oaps_services.plan_return(actor=admin, plan=plan, comment="Add a KPI to OA 2")
    event = Event.objects.about(plan).get(code="oaps.plan.returned")
    assert notify_workflow_event(event) == 1
    assert notify_workflow_event(event) == 0, "delivered twice: notified once"
    (row,) = Notification.objects.filter(kind="plan_returned")
    assert row.recipient == driver
    assert row.body == "Add a KPI to OA 2"


def test_a_comment_addressed_to_someone_notifies_them_whether_or_not_its_code_is_declared():
    plan = factories.OperationalActionPlanFactory()
    addressed = factories.UserFactory()
    event = Event.objects.create(
        at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
        code="discussion.comment.added",
        content_type=ContentType.objects.get_for_model(plan),
        object_id=plan.pk,
        object_label=str(plan),
        plan_id=plan.pk,
        payload={"addressed": [addressed.pk], "comment": "Can you check OA 1?"},
    )
    assert notify_workflow_event(event) == 1
    (row,) = Notification.objects.filter(kind="comment_addressed")
    assert row.recipient == addressed
    assert row.url == f"/plans/{plan.pk}/"


def test_a_review_round_closing_reminds_only_the_delegates_whose_country_has_not_answered(
    freeze_clock,
):
    plans = factories.OperationalActionPlanFactory.create_batch(2, status="submitted")
    review_round = factories.ReviewRoundFactory(
        cycle=plans[0].priority.cycle, plans=plans, closes_on=D(2026, 3, 20)
    )
    member = {"kind": "eu_member_state"}
    silent, half, done = (
        factories.RoleAssignmentFactory(
            role=Role.COSI_DELEGATE,
            starts_on=D(2020, 1, 1),
            country=factories.CountryFactory(**member),
        )
        for _ in range(3)
    )
    factories.PositionFactory(round=review_round, plan=plans[0], country=half.country)
    for plan in plans:
        factories.PositionFactory(round=review_round, plan=plan, country=done.country)

    _scan_on(freeze_clock, D(2026, 3, 12))
    assert _sent("review_round_closing") == [], "nine days before: nothing yet"
    _scan_on(freeze_clock, D(2026, 3, 13))
    assert sorted(_sent("review_round_closing")) == sorted(
        [(silent.user_id, D(2026, 3, 20), 7), (half.user_id, D(2026, 3, 20), 7)]
    )
    review_round.status = "closed"
    review_round.save()
    _scan_on(freeze_clock, D(2026, 3, 18))
    assert len(_sent("review_round_closing")) == 2, "a closed round reminds nobody"


def test_an_assessment_window_closing_reminds_the_delegates_whose_country_has_not_commented(
    freeze_clock,
):
    assessment = factories.AssessmentFactory(opens_on=D(2026, 3, 1), closes_on=D(2026, 3, 20))
    items = factories.AssessmentItemFactory.create_batch(2, assessment=assessment)
    member = {"kind": "eu_member_state"}
    silent, half, done = (
        factories.RoleAssignmentFactory(
            role=Role.COSI_DELEGATE,
            starts_on=D(2020, 1, 1),
            country=factories.CountryFactory(**member),
        )
        for _ in range(3)
    )
    factories.DelegationCommentFactory(item=items[0], country=half.country)
    for item in items:
        factories.DelegationCommentFactory(item=item, country=done.country)

    _scan_on(freeze_clock, D(2026, 3, 12))
    assert _sent("assessment_window_closing") == [], "nine days before: nothing yet"
    _scan_on(freeze_clock, D(2026, 3, 13))
    assert sorted(_sent("assessment_window_closing")) == sorted(
        [(silent.user_id, D(2026, 3, 20), 7), (half.user_id, D(2026, 3, 20), 7)]
    )
    assessment.status, assessment.adopted_on = "adopted", D(2026, 3, 14)
    assessment.save()
    _scan_on(freeze_clock, D(2026, 3, 18))
    assert len(_sent("assessment_window_closing")) == 2, "an adopted assessment reminds nobody"


def test_a_comment_addressed_through_the_discussion_notifies_with_a_link_to_its_object(
    freeze_clock,
):
    from discussion import services as discussion_services

    freeze_clock(D(2025, 3, 3))
    plan = factories.OperationalActionPlanFactory()
    admin = factories.UserFactory(is_superuser=True)
    factories.RoleAssignmentFactory(user=admin, role=Role.ADMINISTRATOR, starts_on=D(2020, 1, 1))
    driver = factories.RoleAssignmentFactory(
        role=Role.DRIVER, plan=plan, starts_on=D(2025, 1, 1)
    ).user
    from actors.grants import sync_user_grants

    sync_user_grants(driver, D(2025, 3, 3))
    discussion_services.comment_add(
        actor=admin, obj=plan, body="Is KPI 2 final?", addressed_to=[driver]
    )
    event = Event.objects.get(code="discussion.comment.added")
    assert notify_workflow_event(event) == 1
    (row,) = Notification.objects.filter(kind="comment_addressed")
    assert row.recipient == driver
    assert row.url == f"/plans/{plan.pk}/"
