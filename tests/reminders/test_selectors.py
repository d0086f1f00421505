"""The reads of the reminders app: one's own notifications, the calendar feeds."""

import datetime

import pytest
from icalendar import Calendar

from reminders import calendar, selectors, services
from reminders.scan import scan

pytestmark = pytest.mark.django_db


def test_a_person_sees_only_their_own_notifications(reporting, freeze_clock):
    freeze_clock(datetime.date(2024, 7, 24))
    scan()
    assert selectors.notifications_of(reporting.leader).count() == 1
    assert selectors.notifications_of(reporting.driver).count() == 0
    assert selectors.unread_count(reporting.leader) == 1


def test_the_calendar_of_a_leader_lists_the_due_date_of_the_report(reporting, freeze_clock):
    freeze_clock(datetime.date(2024, 7, 1))
    feed = services.feed_for(reporting.leader)
    parsed = Calendar.from_ical(calendar.render(feed))
    days = {event.decoded("dtstart") for event in parsed.walk("VEVENT")}
    assert datetime.date(2024, 7, 31) in days
