"""The reads of ``oaps.selectors.plans``: plans, their actions and KPIs, and a country's actions.
Each returns what the user may see and nothing else."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import Http404

from actors.models import Country, Role
from oaps import selectors
from oaps.models import Kpi, OperationalAction
from tests.factories import (
    CountryFactory,
    CycleFactory,
    HorizontalGoalFactory,
    KpiFactory,
    KpiValueFactory,
    OperationalActionFactory,
    OperationalActionPlanFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProgressReportFactory,
)
from tests.writes import holder_of

pytestmark = pytest.mark.django_db


def _driver_and_plan():
    driver = holder_of(Role.DRIVER)
    return driver, driver.role_assignments.get().plan


def _participant_and_neighbour():
    """A participant of one action, and another action of the same plan."""
    participant = holder_of(Role.PARTICIPANT)
    action = participant.role_assignments.get().action
    return participant, action, OperationalActionFactory(plan=action.plan)


def _plan_of_another_cycle():
    return OperationalActionPlanFactory(cycle=CycleFactory(first_year=2026))


# --- plans --------------------------------------------------------------------------------------


def test_a_driver_sees_the_plans_of_their_cycle_and_not_those_of_another():
    driver, plan = _driver_and_plan()
    neighbour = OperationalActionPlanFactory(priority=plan.priority)
    elsewhere = _plan_of_another_cycle()
    visible = set(selectors.plans_visible_to(driver))
    assert {plan, neighbour} <= visible
    assert elsewhere not in visible


def test_the_plans_count_their_actions_that_are_not_cancelled():
    driver, plan = _driver_and_plan()
    OperationalActionFactory(plan=plan)
    OperationalActionFactory(plan=plan, status=OperationalAction.Status.CANCELLED)
    _plan_of_another_cycle()
    assert [(p, p.action_count) for p in selectors.plans_with_action_count(driver)] == [(plan, 1)]


def test_the_page_of_a_plan_outside_the_users_view_is_not_found():
    driver, plan = _driver_and_plan()
    assert selectors.plan_for_page(driver, plan.pk) == plan
    with pytest.raises(Http404):
        selectors.plan_for_page(driver, _plan_of_another_cycle().pk)


# --- the plan's actions -------------------------------------------------------------------------


def test_the_action_table_shows_a_participant_the_kpi_values_of_their_action_only():
    participant, action, neighbour = _participant_and_neighbour()
    for each in (action, neighbour):
        KpiValueFactory(kpi=KpiFactory(action=each), report__action=each, value=Decimal("4"))
    rows = {
        a: [k.latest_value for k in selectors.attach_latest_values(participant, a.kpis.all())]
        for a in selectors.plan_actions(participant, action.plan)
    }
    assert rows == {action: [Decimal("4.00")], neighbour: [None]}


def test_the_action_table_filters_by_a_country_taking_part():
    driver, plan = _driver_and_plan()
    taking_part = OperationalActionFactory(plan=plan)
    OperationalActionFactory(plan=plan)
    country = ParticipationFactory(action=taking_part).country
    assert list(selectors.plan_actions(driver, plan, {"country": country})) == [taking_part]


def test_the_actions_of_a_country_are_those_it_leads_co_leads_or_takes_part_in():
    country = CountryFactory()
    police = OrganisationFactory(country=country)
    led = OperationalActionFactory(leader=police)
    co_led = OperationalActionFactory(co_leaders=[police])
    directly = ParticipationFactory(country=country).action
    through_police = ParticipationFactory(organisation=police).action
    OperationalActionFactory()  # none of the country's
    ids = set(selectors.actions_of_country(country).values_list("pk", flat=True))
    assert ids == {led.pk, co_led.pk, directly.pk, through_police.pk}


def test_the_filter_offers_the_goals_of_the_plans_cycle_and_the_leaders_of_its_actions():
    driver, plan = _driver_and_plan()
    action = OperationalActionFactory(plan=plan)
    HorizontalGoalFactory(masp__cycle=CycleFactory(first_year=2026))  # another cycle's
    OperationalActionFactory()  # another plan's: its leader is not offered
    choices = selectors.plan_action_filter_choices(driver, plan)
    assert list(choices["chsg"]) == [action.horizontal_goal]
    assert list(choices["leader"]) == [action.leader]


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "value", "percent"),
    [
        (Kpi.Direction.INCREASE, None, Decimal(10), Decimal(4), 40),
        (Kpi.Direction.DECREASE, Decimal(100), Decimal(50), Decimal(75), 50),
        (Kpi.Direction.DECREASE, Decimal(5), Decimal(5), Decimal(4), 100),
        (Kpi.Direction.INCREASE, None, Decimal(10), None, None),
    ],
)
def test_kpi_progress_is_the_share_of_the_way_from_the_baseline_to_the_target(
    direction, baseline, target, value, percent
):
    kpi = Kpi(direction=direction, baseline=baseline, target=target)
    kpi.latest_value = value
    assert selectors.kpi_progress(kpi).percent == percent


def test_the_editor_lists_the_plans_actions_in_their_order():
    driver, plan = _driver_and_plan()
    second = OperationalActionFactory(plan=plan, position=2)
    first = OperationalActionFactory(plan=plan, position=1)
    OperationalActionFactory()  # another plan's
    assert selectors.plan_editor_actions(driver, plan) == [first, second]


# --- actions ------------------------------------------------------------------------------------


def test_a_driver_sees_the_actions_of_their_cycle_and_not_those_of_another():
    driver, plan = _driver_and_plan()
    ours = OperationalActionFactory(plan=plan)
    elsewhere = OperationalActionFactory(plan=_plan_of_another_cycle())
    visible = set(selectors.actions_visible_to(driver))
    assert ours in visible
    assert elsewhere not in visible


def test_the_page_of_an_action_outside_the_users_view_is_not_found():
    driver, plan = _driver_and_plan()
    ours = OperationalActionFactory(plan=plan)
    assert selectors.action_for_page(driver, ours.pk) == ours
    with pytest.raises(Http404):
        selectors.action_for_page(
            driver, OperationalActionFactory(plan=_plan_of_another_cycle()).pk
        )


def test_the_action_page_shows_a_participant_the_reports_of_their_action_only():
    participant, action, neighbour = _participant_and_neighbour()
    report = ProgressReportFactory(action=action)
    ProgressReportFactory(action=neighbour)
    assert selectors.action_page(participant, action).reports == [report]
    assert selectors.action_page(participant, neighbour).reports == []


# --- the country page ---------------------------------------------------------------------------


def test_a_nec_sees_their_countrys_actions_by_plan_and_may_decide_on_its_participations():
    nec = holder_of(Role.NEC)
    country = nec.role_assignments.get().country
    participation = ParticipationFactory(country=country)
    OperationalActionFactory(plan=participation.action.plan)  # the country has no part in it
    (group,) = selectors.country_actions(nec, country)
    assert (group.plan, group.actions) == (participation.action.plan, [participation.action])
    (shown,) = group.actions[0].country_participations
    assert shown.may_decide


def test_the_country_page_lists_the_actions_a_page_at_a_time_and_counts_them_all():
    nec = holder_of(Role.NEC)
    country = nec.role_assignments.get().country
    first = ParticipationFactory(country=country, confirmation="confirmed")
    ParticipationFactory(country=country, action__plan=first.action.plan, confirmation="pending")
    ParticipationFactory(country=country, confirmation="pending")
    one = selectors.country_actions_page(nec, country, None, 1, per_page=2)
    two = selectors.country_actions_page(nec, country, None, 2, per_page=2)
    everything = [a for group in selectors.country_actions(nec, country) for a in group.actions]
    pending = sum(
        1
        for action in everything
        for participation in action.country_participations
        if participation.confirmation == "pending"
    )
    assert one.page.paginator.count == 3 and one.pending == two.pending == pending >= 2
    shown = [a for page in (one, two) for group in page.plans for a in group.actions]
    assert shown == everything
    assert sum(len(group.actions) for group in one.plans) == 2


def test_somebody_else_sees_the_countrys_participations_but_may_not_decide_on_them():
    country = CountryFactory()
    ParticipationFactory(country=country)
    (group,) = selectors.country_actions(holder_of(Role.SECRETARIAT), country)
    assert not group.actions[0].country_participations[0].may_decide


def test_the_actions_of_several_countries_are_those_of_any_of_them():
    first, second = CountryFactory(), CountryFactory()
    of_first = ParticipationFactory(country=first).action
    of_second = ParticipationFactory(country=second).action
    ParticipationFactory()  # a third country's
    countries = Country.objects.filter(pk__in=[first.pk, second.pk]).values("pk")
    ids = set(selectors.actions_of_countries(countries).values_list("pk", flat=True))
    assert ids == {of_first.pk, of_second.pk}
