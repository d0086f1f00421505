"""The test clock: one fixture that both ``clock.now()`` and ``clock.today()`` obey."""

import datetime

import pytest

from empact import clock
from tests.conftest import BRUSSELS


def test_a_frozen_day_stops_both_the_date_and_the_time(freeze_clock):
    moment = freeze_clock(datetime.date(2027, 3, 14))
    assert clock.now() == moment == datetime.datetime(2027, 3, 14, 10, 30, tzinfo=BRUSSELS)
    assert clock.now().tzinfo is not None
    assert clock.today() == datetime.date(2027, 3, 14)
    assert clock.now() == moment, "the time does not run on"


def test_today_is_the_brussels_date_of_the_frozen_moment(freeze_clock):
    freeze_clock(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC))
    assert clock.today() == datetime.date(2027, 1, 1)  # already New Year's Day in Brussels


def test_a_naive_moment_is_refused(freeze_clock):
    with pytest.raises(ValueError, match="aware"):
        freeze_clock(datetime.datetime(2026, 12, 31, 23, 30))
