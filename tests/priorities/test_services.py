"""The writes of ``priorities.services``: each stores its change with one Event under its
declared code, for the secretariat, and is refused to a role that only reads."""

from __future__ import annotations

from actors.models import Role
from priorities import services
from tests.factories import CycleFactory, HorizontalGoalFactory, MaspFactory, PriorityFactory
from tests.writes import Changes, Creates, Deletes


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
