"""What every service test asserts, in one place: an allowed write stores its change and records
exactly one Event under the declared code; a refused one raises, stores nothing and records none.

``records(code)`` and ``refused(*models)`` are context managers for a test of its own. The plain
writes of an entity (``<entity>_create``, ``<entity>_update``, ``<entity>_delete``, thin calls
into ``empact.services``) are tested by declaring them, as NetBox's generic view tests do::

    class TestMilestone(Creates, Changes, Deletes):
        services = cycles.services
        entity = "milestone"  # milestone_create(data=), milestone_update(milestone=, ...)
        event = "cycles.milestone"  # .created, .changed, .deleted
        factory = MilestoneFactory
        change = {"title": "Kick-off"}
        writer = Role.SECRETARIAT

        def data(self):
            return {"cycle": CycleFactory(), "title": "Kick-off", ...}

Each test builds its few objects with the factories, in its own transaction (``db``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Model

from actors.grants import sync_user_grants
from actors.models import Role, User
from empact.models import Event
from tests.factories import CountryFactory, RoleAssignmentFactory

# --- recording ----------------------------------------------------------------------------------


@dataclass
class Recorded:
    """The events a block recorded (filled when the block ends)."""

    events: list[Event] = field(default_factory=list)

    @property
    def event(self) -> Event:
        (event,) = self.events
        return event


def last_event_id() -> int:
    return Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@contextmanager
def records(code: str) -> Iterator[Recorded]:
    """The block records exactly one Event, under ``code``."""
    last = last_event_id()
    recorded = Recorded()
    yield recorded
    recorded.events = list(Event.objects.filter(pk__gt=last).order_by("pk"))
    assert [event.code for event in recorded.events] == [code]


@contextmanager
def refused(*models: type[Model], error: type[Exception] = PermissionDenied) -> Iterator[None]:
    """The block raises ``error`` and leaves the rows of ``models`` and the audit log as they
    were (a change refused in place is checked by the test, on the object)."""
    before = [model._default_manager.count() for model in models]
    last = last_event_id()
    with pytest.raises(error):
        yield
    assert [model._default_manager.count() for model in models] == before
    assert not Event.objects.filter(pk__gt=last).exists()


def holder_of(role: str, **scope: Any) -> User:
    """A user holding ``role`` from today (a COSI delegate or NEC for a new country), with the
    grants of the role derived."""
    if role in (Role.COSI_DELEGATE, Role.NEC) and "country" not in scope:
        scope["country"] = CountryFactory()
    user = RoleAssignmentFactory(role=role, **scope).user
    sync_user_grants(user)
    return user


# --- the plain writes of one entity -------------------------------------------------------------


class PlainWrites:
    services: ModuleType  # the app's services module
    entity: str  # the name in the functions: <entity>_create(data=), <entity>_update(<entity>=)
    event: str  # the codes' stem: <event>.created, .changed, .deleted
    factory: Callable[..., Model]  # builds a stored one the writer may change and delete
    writer: str = Role.ADMINISTRATOR  # a role the matrix lets write it
    reader: str = Role.COSI_DELEGATE  # a role that sees it and may not write it
    verbs: Mapping[str, str] = {"create": "created", "update": "changed", "delete": "deleted"}
    functions: Mapping[str, str] = {}  # a function not named <entity>_<verb>, by verb

    def service(self, verb: str) -> Callable[..., Any]:
        return getattr(self.services, self.functions.get(verb, f"{self.entity}_{verb}"))

    def code(self, verb: str) -> str:
        return f"{self.event}.{self.verbs[verb]}"

    def model(self) -> type[Model]:
        return self.factory._meta.model

    @pytest.fixture
    def writer_user(self, db) -> User:
        return holder_of(self.writer)

    @pytest.fixture
    def reader_user(self, db) -> User:
        return holder_of(self.reader)


class Creates(PlainWrites):
    def data(self) -> dict[str, Any]:
        """The fields of a new one (its parents built by the factories)."""
        raise NotImplementedError

    def test_the_writer_creates_one_and_one_event_is_recorded(self, writer_user):
        data = self.data()
        with records(self.code("create")) as recorded:
            obj = self.service("create")(actor=writer_user, data=data)
        assert self.model()._default_manager.filter(pk=obj.pk).exists()
        assert (recorded.event.object_id, recorded.event.actor_id) == (obj.pk, writer_user.pk)

    def test_a_reader_cannot_create_one_and_nothing_is_stored(self, reader_user):
        data = self.data()
        with refused(self.model()):
            self.service("create")(actor=reader_user, data=data)


class Changes(PlainWrites):
    change: Mapping[str, Any]  # the fields of a change

    def _update(self, actor: User, obj: Model) -> Model:
        arguments = {"actor": actor, self.entity: obj, "data": dict(self.change), "version": None}
        return self.service("update")(**arguments)

    def test_the_writer_changes_one_and_one_event_is_recorded(self, writer_user):
        obj = self.factory()
        with records(self.code("update")) as recorded:
            self._update(writer_user, obj)
        stored = self.model()._default_manager.get(pk=obj.pk)
        assert {name: getattr(stored, name) for name in self.change} == dict(self.change)
        assert set(recorded.event.payload["changes"]) == set(self.change)

    def test_a_reader_cannot_change_one_and_it_stays_as_it_was(self, reader_user):
        obj = self.factory()
        before = {name: getattr(obj, name) for name in self.change}
        with refused():
            self._update(reader_user, obj)
        stored = self.model()._default_manager.get(pk=obj.pk)
        assert {name: getattr(stored, name) for name in self.change} == before


class Deletes(PlainWrites):
    def _delete(self, actor: User, obj: Model) -> None:
        self.service("delete")(**{"actor": actor, self.entity: obj})

    def test_the_writer_deletes_one_and_one_event_is_recorded(self, writer_user):
        obj = self.factory()
        with records(self.code("delete")) as recorded:
            self._delete(writer_user, obj)
        assert not self.model()._default_manager.filter(pk=obj.pk).exists()
        assert recorded.event.object_id == obj.pk

    def test_a_reader_cannot_delete_one_and_it_stays(self, reader_user):
        obj = self.factory()
        with refused():
            self._delete(reader_user, obj)
        assert self.model()._default_manager.filter(pk=obj.pk).exists()
