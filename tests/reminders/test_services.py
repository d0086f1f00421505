"""The writes of the reminders app: reading, the e-mail preference, calendar feeds, nudges."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from actors.grants import sync_user_grants
from actors.models import Role
from reminders import selectors, services
from reminders.models import Notification
from reminders.scan import scan
from tests import factories
from tests.writes import records

D = datetime.date
pytestmark = pytest.mark.django_db


def test_only_the_recipient_marks_a_notification_read(reporting, freeze_clock):
    freeze_clock(D(2024, 7, 24))
    (row,) = scan()
    with pytest.raises(PermissionDenied):
        services.notification_read(actor=reporting.driver, notification=row)
    services.notification_read(actor=reporting.leader, notification=row)
    assert selectors.unread_count(reporting.leader) == 0


def test_the_preference_records_one_event_and_decides_the_email(reporting, freeze_clock):
    with records("reminders.preference.changed"):
        services.preference_update(actor=reporting.leader, data={"mode": "digest"})
    freeze_clock(D(2024, 7, 24))
    (row,) = scan()
    assert row.email == Notification.Email.DIGEST


def test_deadline_reminders_of_ones_own_role_cannot_be_switched_off(reporting, freeze_clock):
    services.preference_update(actor=reporting.leader, data={"other_email": False})
    freeze_clock(D(2024, 7, 24))
    (row,) = scan()
    assert row.mandatory and row.email == Notification.Email.PENDING


def test_renewing_a_calendar_feed_kills_the_old_address(reporting):
    old = services.feed_for(reporting.leader).token
    with records("reminders.calendar_feed.renewed"):
        services.feed_renew(actor=reporting.leader)
    assert selectors.feed_by_token(old) is None
    assert selectors.feed_by_token(services.feed_for(reporting.leader).token) is not None


def test_only_the_nec_has_the_calendar_of_a_country(reporting):
    country = factories.CountryFactory()
    with pytest.raises(PermissionDenied):
        services.feed_renew(actor=reporting.leader, country=country)


def test_a_driver_nudges_the_leaders_of_a_missing_report_once_a_day(reporting, freeze_clock):
    freeze_clock(D(2024, 8, 5))
    sync_user_grants(reporting.driver, D(2024, 8, 5))
    with records("reminders.action.nudged"):
        rows = services.nudge(
            actor=reporting.driver, action=reporting.action, period=reporting.period
        )
    assert [n.recipient for n in rows] == [reporting.leader]
    again = services.nudge(actor=reporting.driver, action=reporting.action, period=reporting.period)
    assert again == []


def test_a_participant_may_not_nudge(reporting, freeze_clock):
    freeze_clock(D(2024, 8, 5))
    participant = factories.RoleAssignmentFactory(
        role=Role.PARTICIPANT, action=reporting.action, starts_on=D(2024, 1, 1)
    ).user
    sync_user_grants(participant, D(2024, 8, 5))
    with pytest.raises(PermissionDenied):
        services.nudge(actor=participant, action=reporting.action, period=reporting.period)


def test_a_nudge_about_a_period_of_another_plan_is_refused(reporting, freeze_clock):
    from django.core.exceptions import ValidationError

    freeze_clock(D(2024, 8, 5))
    sync_user_grants(reporting.driver, D(2024, 8, 5))
    elsewhere = factories.ReportingPeriodFactory(
        start=D(2024, 1, 1), end=D(2024, 6, 30), deadline=D(2024, 7, 31)
    )
    with pytest.raises(ValidationError):
        services.nudge(actor=reporting.driver, action=reporting.action, period=elsewhere)
    assert not Notification.objects.exists()
