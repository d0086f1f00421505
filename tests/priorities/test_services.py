"""The writes of ``priorities.services``: each stores its change with one Event under its
declared code, for the secretariat, and is refused to a role that only reads."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from actors.models import Role
from priorities import services
from priorities.models import HorizontalGoal
from tests.factories import CycleFactory, HorizontalGoalFactory, MaspFactory, PriorityFactory
from tests.writes import Changes, Creates, Deletes, holder_of, records, refused


class TestPriority(Creates, Changes, Deletes):
    services = services
    entity = "priority"
    event = "priorities.priority"
    factory = PriorityFactory
    writer = Role.SECRETARIAT
    change = {"title": "Cyber-attacks"}

    def data(self):
        return {"cycle": CycleFactory(), "code": "CYBER", "title": "Cyber-attacks"}


class TestMasp(Creates, Changes, Deletes):
    services = services
    entity = "masp"
    event = "priorities.masp"
    factory = MaspFactory
    writer = Role.SECRETARIAT
    change = {"title": "General MASP (revised)"}

    def data(self):
        return {"cycle": CycleFactory(first_year=2026), "title": "General MASP 2026-2029"}


class TestHorizontalGoal(Creates, Changes, Deletes):
    services = services
    entity = "horizontal_goal"
    event = "priorities.horizontal_goal"
    factory = HorizontalGoalFactory
    writer = Role.SECRETARIAT
    change = {"title": "Intelligence picture"}

    def data(self):
        return {"masp": MaspFactory(), "number": 1, "title": "Criminal intelligence picture"}


# --- the previous cycle's CHSGs as a start ------------------------------------------------------


def _two_masps():
    previous = MaspFactory(cycle=CycleFactory(first_year=2022))
    new = MaspFactory(cycle=CycleFactory(first_year=2026))
    return previous, new


def test_the_secretariat_copies_chsgs_into_a_new_masp_as_new_rows_with_one_event(db):
    previous, new = _two_masps()
    goals = [
        HorizontalGoalFactory(masp=previous, number=1, title="Criminal intelligence picture"),
        HorizontalGoalFactory(masp=previous, number=2, title="Investigations"),
    ]
    HorizontalGoalFactory(masp=new, number=1, title="Already there")
    secretariat = holder_of(Role.SECRETARIAT)

    with records("priorities.masp.goals_copied") as recorded:
        copies = services.horizontal_goals_copy(actor=secretariat, masp=new, goals=goals)

    assert [(c.masp, c.number, c.title) for c in copies] == [
        (new, 3, "Criminal intelligence picture"),  # number 1 was taken
        (new, 2, "Investigations"),
    ]
    assert recorded.event.object_id == new.pk
    assert previous.horizontal_goals.count() == 2  # the originals stay where they were


def test_a_delegate_cannot_copy_chsgs_and_nothing_is_stored(db):
    previous, new = _two_masps()
    goal = HorizontalGoalFactory(masp=previous, number=1)

    with refused(HorizontalGoal):
        services.horizontal_goals_copy(actor=holder_of(Role.COSI_DELEGATE), masp=new, goals=[goal])


def test_copying_no_chsg_is_refused(db):
    _previous, new = _two_masps()

    with refused(HorizontalGoal, error=ValidationError):
        services.horizontal_goals_copy(actor=holder_of(Role.SECRETARIAT), masp=new, goals=[])
