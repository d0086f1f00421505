"""Starting the next cycle: its years, the default milestones, the CHSGs the secretariat carries
over into its MASP, the open recommendations of the evaluation; one Event, one transaction;
refused twice and to other roles."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actors.models import Role
from cycles.models import Cycle, Recommendation, TimetableEntry
from empact.services import WorkflowError
from priorities import services
from priorities.models import HorizontalGoal, Masp
from tests.factories import (
    CycleFactory,
    EvaluationFactory,
    HorizontalGoalFactory,
    MaspFactory,
    RecommendationFactory,
    TimetableEntryFactory,
)
from tests.writes import holder_of, records, refused

pytestmark = pytest.mark.django_db
FollowUp = Recommendation.FollowUp


@pytest.fixture
def cycle():
    cycle = CycleFactory(first_year=2022)
    TimetableEntryFactory(title_pattern="SOCTA {year}", year_offset=-1, month=3, day=31)
    masp = MaspFactory(cycle=cycle, title="General MASP 2022-2025")
    HorizontalGoalFactory(masp=masp, number=1, title="Criminal intelligence picture")
    HorizontalGoalFactory(masp=masp, number=2, title="Investigations")
    HorizontalGoalFactory(masp=masp, number=3, title="Prevention")
    evaluation = EvaluationFactory(cycle=cycle)
    for status in (FollowUp.PLANNED, FollowUp.IN_PROGRESS, FollowUp.DONE):
        RecommendationFactory(evaluation=evaluation, follow_up_status=status)
    RecommendationFactory(
        evaluation=evaluation, follow_up_status=FollowUp.NOT_TAKEN_UP, follow_up_reason="No"
    )
    return cycle


def test_the_secretariat_starts_the_next_cycle_with_milestones_chsgs_and_open_recommendations(
    cycle,
):
    with records("cycles.cycle.next_started") as recorded:
        new = services.next_cycle_create(actor=holder_of(Role.SECRETARIAT), cycle=cycle)

    assert (new.first_year, new.last_year, new.name) == (2026, 2029, "EMPACT 2026-2029")
    assert new.milestones.count() == TimetableEntry.objects.count() > 0
    assert list(new.masp.horizontal_goals.values_list("number", "title")) == [
        (1, "Criminal intelligence picture"),
        (2, "Investigations"),
        (3, "Prevention"),
    ]
    addressed = Recommendation.objects.filter(addressed_in=new)
    assert sorted(addressed.values_list("follow_up_status", flat=True)) == [
        "in_progress",
        "planned",
    ]
    assert recorded.event.object_id == new.pk


def test_only_the_ticked_chsgs_are_carried_over(cycle):
    second = HorizontalGoal.objects.get(masp__cycle=cycle, number=2)

    new = services.next_cycle_create(actor=holder_of(Role.SECRETARIAT), cycle=cycle, goals=[second])

    assert list(new.masp.horizontal_goals.values_list("title", flat=True)) == ["Investigations"]


def test_a_chsg_of_another_masp_is_refused_and_nothing_is_created(cycle):
    other = HorizontalGoalFactory(masp=MaspFactory(cycle=CycleFactory(first_year=2040)))

    with refused(Cycle, Masp, HorizontalGoal, error=ValidationError):
        services.next_cycle_create(actor=holder_of(Role.SECRETARIAT), cycle=cycle, goals=[other])


def test_the_next_cycle_is_not_started_twice(cycle):
    secretariat = holder_of(Role.SECRETARIAT)
    services.next_cycle_create(actor=secretariat, cycle=cycle)

    with refused(Cycle, Masp, error=WorkflowError):
        services.next_cycle_create(actor=secretariat, cycle=cycle)


def test_the_refusal_when_the_next_cycle_exists_names_it(cycle):
    CycleFactory(first_year=2026)

    with pytest.raises(WorkflowError, match="EMPACT 2026-2029"):
        services.next_cycle_create(actor=holder_of(Role.SECRETARIAT), cycle=cycle)


@pytest.mark.parametrize("role", [Role.COMMISSION, Role.COSI_DELEGATE, Role.EUROPOL, Role.DRIVER])
def test_other_roles_cannot_start_the_next_cycle(cycle, role):
    with refused(Cycle, Masp, HorizontalGoal, error=PermissionDenied):
        services.next_cycle_create(actor=holder_of(role), cycle=cycle)


def test_a_cycle_without_masp_or_evaluation_starts_a_next_cycle_without_them():
    cycle = CycleFactory(first_year=2030)

    new = services.next_cycle_create(actor=holder_of(Role.ADMINISTRATOR), cycle=cycle)

    assert new.first_year == 2034
    assert not Masp.objects.filter(cycle=new).exists()
