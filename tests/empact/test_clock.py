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


@pytest.mark.django_db
def test_a_row_takes_its_timestamps_from_the_frozen_clock(freeze_clock):
    from actors.models import Country

    moment = freeze_clock(datetime.date(2027, 3, 14))
    country = Country.objects.create(code="XX", name="Testland", kind="third_country")
    country.refresh_from_db()
    assert country.created_at == moment == country.updated_at
    later = freeze_clock(datetime.date(2027, 3, 15))
    country.name = "Renamed"
    country.save()
    country.refresh_from_db()
    assert (country.created_at, country.updated_at) == (moment, later)


@pytest.mark.django_db
def test_every_save_in_one_frozen_instant_is_a_new_version(freeze_clock):
    from actors.models import Country
    from empact.services import version_of

    moment = freeze_clock(datetime.date(2027, 3, 14))
    country = Country.objects.create(code="XX", name="Testland", kind="third_country")
    versions = [version_of(country)]
    for name in ("Once", "Twice"):
        country.name = name
        country.save(update_fields=["name", "updated_at"])
        country.refresh_from_db()
        versions.append(version_of(country))
    assert len(set(versions)) == 3, versions
    assert country.updated_at == moment + datetime.timedelta(microseconds=2)


@pytest.mark.django_db
def test_a_save_of_named_fields_without_updated_at_keeps_it(freeze_clock):
    from actors.models import Country

    freeze_clock(datetime.date(2027, 3, 14))
    country = Country.objects.create(code="XX", name="Testland", kind="third_country")
    stamp = country.updated_at
    freeze_clock(datetime.date(2027, 3, 15))
    country.name = "Renamed"
    country.save(update_fields=["name"])
    country.refresh_from_db()
    assert country.updated_at == stamp


@pytest.mark.django_db
def test_an_object_just_saved_has_the_version_it_reads_back_with(freeze_clock):
    """The frozen clock answers Brussels time; the stamps are UTC, as the database returns them."""
    from actors.models import Country
    from empact.services import version_of

    freeze_clock(datetime.date(2027, 3, 14))
    country = Country.objects.create(code="XX", name="Testland", kind="third_country")
    assert version_of(country) == version_of(Country.objects.get(pk=country.pk))
