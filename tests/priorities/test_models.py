"""The rules of crime priorities, the general MASP and its CHSGs."""

from __future__ import annotations

import pytest

from priorities.models import HorizontalGoal, Masp, Priority
from tests.factories import (
    CycleFactory,
    HorizontalGoalFactory,
    MaspFactory,
    PriorityFactory,
    ThreatFactory,
    assert_database_refuses,
    validation_errors,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [PriorityFactory, MaspFactory, HorizontalGoalFactory])
def test_factory_makes_a_valid_object(factory):
    factory().full_clean()


def test_priority_factory_links_the_threats_given():
    threat = ThreatFactory()
    assert list(PriorityFactory(threats=[threat]).threats.all()) == [threat]


def test_priority_code_twice_in_a_cycle_is_refused_with_a_clear_message():
    drugs = PriorityFactory(code="DRUGS")
    twin = Priority(cycle=drugs.cycle, code="DRUGS", title="Drugs trafficking")
    assert validation_errors(twin) == {
        "__all__": ["This cycle already has a priority with this code."]
    }


def test_database_refuses_a_priority_code_twice_in_a_cycle():
    drugs = PriorityFactory(code="DRUGS")
    assert_database_refuses(
        "priority_code_unique_per_cycle",
        lambda: PriorityFactory(cycle=drugs.cycle, code="DRUGS"),
    )


def test_priority_code_may_repeat_in_the_next_cycle():
    PriorityFactory(code="DRUGS")
    Priority(cycle=CycleFactory(first_year=2026), code="DRUGS", title="Drugs").full_clean()


def test_second_masp_of_a_cycle_is_refused():
    masp = MaspFactory()
    assert validation_errors(Masp(cycle=masp.cycle, title="Another MASP")) == {
        "cycle": ["General MASP with this Cycle already exists."]
    }


def test_chsg_number_twice_in_a_masp_is_refused_with_a_clear_message():
    goal = HorizontalGoalFactory()
    twin = HorizontalGoal(masp=goal.masp, number=goal.number, title="Document fraud")
    assert validation_errors(twin) == {
        "__all__": ["This MASP already has a CHSG with this number."]
    }


def test_database_refuses_a_chsg_number_twice_in_a_masp():
    goal = HorizontalGoalFactory()
    assert_database_refuses(
        "chsg_number_unique_per_masp",
        lambda: HorizontalGoal.objects.create(masp=goal.masp, number=goal.number, title="X"),
    )


def test_chsgs_are_numbered_on_by_the_factory():
    first = HorizontalGoalFactory()
    assert (first.number, HorizontalGoalFactory(masp=first.masp).number) == (1, 2)


def test_chsg_number_zero_is_refused_with_a_clear_message():
    goal = HorizontalGoal(masp=MaspFactory(), number=0, title="Zero")
    assert validation_errors(goal) == {"__all__": ["CHSGs are numbered from 1."]}


def test_database_refuses_chsg_number_zero():
    assert_database_refuses(
        "chsg_number_positive",
        lambda: HorizontalGoal.objects.create(masp=MaspFactory(), number=0, title="Zero"),
    )
