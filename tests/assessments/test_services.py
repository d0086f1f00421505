"""The steps of ``assessments.services``: each allowed one stores its change with one Event
under its declared code; a refused one (a role, a state, a window) stores nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from actors.models import Role
from assessments import services
from assessments.models import Assessment, AssessmentItem, DelegationComment
from empact import clock
from empact.services import WorkflowError
from tests.factories import (
    AssessmentFactory,
    AssessmentItemFactory,
    CountryFactory,
    CycleFactory,
    DelegationCommentFactory,
    HorizontalGoalFactory,
    MaspFactory,
    OperationalActionPlanFactory,
    PlanGoalFactory,
    PriorityFactory,
)
from tests.writes import holder_of, records, refused

pytestmark = pytest.mark.django_db

ADOPTED_ON = datetime.date(2024, 3, 1)


def _window(days_before: int = 7, days_after: int = 14) -> dict:
    today = clock.today()
    return {
        "opens_on": today - datetime.timedelta(days=days_before),
        "closes_on": today + datetime.timedelta(days=days_after),
    }


def _adopted(**kwargs) -> Assessment:
    return AssessmentFactory(status=Assessment.Status.ADOPTED, adopted_on=ADOPTED_ON, **kwargs)


@pytest.fixture
def secretariat():
    return holder_of(Role.SECRETARIAT)


# --- opening ------------------------------------------------------------------------------------


def test_opening_creates_one_item_per_approved_or_closed_plan_chsg_and_plan_goal(secretariat):
    cycle = CycleFactory()
    masp = MaspFactory(cycle=cycle)
    chsgs = [HorizontalGoalFactory(masp=masp, number=n) for n in (1, 2)]
    priority = PriorityFactory(cycle=cycle)
    approved = OperationalActionPlanFactory(priority=priority, status="approved")
    closed = OperationalActionPlanFactory(priority=priority, status="closed")
    draft = OperationalActionPlanFactory(priority=priority, status="draft")
    goal = PlanGoalFactory(plan=approved)
    PlanGoalFactory(plan=draft)
    with records("assessments.assessment.opened") as recorded:
        assessment = services.assessment_open(
            actor=secretariat, data={"cycle": cycle, "kind": "mid_term", **_window()}
        )
    items = AssessmentItem.objects.filter(assessment=assessment)
    assert {i.plan_id for i in items if i.plan_id} == {approved.pk, closed.pk}
    assert {i.horizontal_goal_id for i in items if i.horizontal_goal_id} == {c.pk for c in chsgs}
    assert [i.plan_goal_id for i in items if i.plan_goal_id] == [goal.pk]
    assert (assessment.status, assessment.opened_by) == ("open", secretariat)
    assert sorted(recorded.event.payload["changes"]["items"][1]) == sorted(i.pk for i in items)


def test_a_cosi_delegate_cannot_open_an_assessment_and_nothing_is_stored():
    with refused(Assessment, AssessmentItem):
        services.assessment_open(
            actor=holder_of(Role.COSI_DELEGATE),
            data={"cycle": CycleFactory(), "kind": "final", **_window()},
        )


def test_a_window_closing_before_it_opens_is_refused_with_a_clear_message(secretariat):
    window = {"opens_on": clock.today(), "closes_on": clock.today() - datetime.timedelta(days=1)}
    with pytest.raises(ValidationError) as raised:
        services.assessment_open(
            actor=secretariat, data={"cycle": CycleFactory(), "kind": "final", **window}
        )
    assert raised.value.message_dict["closes_on"] == [
        "The review window cannot close before it opens."
    ]
    assert not Assessment.objects.exists()


def test_a_second_assessment_of_a_kind_in_a_cycle_is_refused(secretariat):
    assessment = AssessmentFactory()
    with pytest.raises(ValidationError):
        services.assessment_open(
            actor=secretariat, data={"cycle": assessment.cycle, "kind": "mid_term", **_window()}
        )


# --- changing, deleting -------------------------------------------------------------------------


def test_the_secretariat_moves_the_window_of_an_open_assessment(secretariat):
    assessment = AssessmentFactory()
    later = assessment.closes_on + datetime.timedelta(days=7)
    with records("assessments.assessment.changed"):
        services.assessment_update(
            actor=secretariat, assessment=assessment, data={"closes_on": later}
        )
    assessment.refresh_from_db()
    assert assessment.closes_on == later


def test_an_adopted_assessment_is_not_changed_and_the_refusal_says_why(secretariat):
    assessment = _adopted(summary="As adopted")
    with refused(error=WorkflowError):
        services.assessment_update(
            actor=secretariat, assessment=assessment, data={"summary": "Changed"}
        )
    assessment.refresh_from_db()
    assert assessment.summary == "As adopted"


def test_europol_cannot_change_an_open_assessment():
    assessment = AssessmentFactory(summary="S")
    with refused():
        services.assessment_update(
            actor=holder_of(Role.EUROPOL), assessment=assessment, data={"summary": "Changed"}
        )


def test_the_secretariat_deletes_an_open_assessment_with_its_items(secretariat):
    item = AssessmentItemFactory()
    with records("assessments.assessment.deleted"):
        services.assessment_delete(actor=secretariat, assessment=item.assessment)
    assert not AssessmentItem.objects.filter(pk=item.pk).exists()


def test_an_assessment_with_a_delegations_comment_is_not_deleted(secretariat):
    comment = DelegationCommentFactory()
    with refused(Assessment, error=WorkflowError):
        services.assessment_delete(actor=secretariat, assessment=comment.item.assessment)


def test_an_adopted_assessment_is_not_deleted(secretariat):
    assessment = _adopted()
    with refused(Assessment, error=WorkflowError):
        services.assessment_delete(actor=secretariat, assessment=assessment)


# --- adopting -----------------------------------------------------------------------------------


def test_the_secretariat_adopts_with_conclusions_and_the_evidence_is_stored(secretariat):
    item = AssessmentItemFactory()
    with records("assessments.assessment.adopted"):
        services.assessment_adopt(
            actor=secretariat,
            assessment=item.assessment,
            conclusions="Most plans are on track.",
            recommendations="Report on time.",
            adopted_on=ADOPTED_ON,
        )
    assessment = Assessment.objects.get(pk=item.assessment_id)
    assert (assessment.status, assessment.adopted_on, assessment.adopted_by) == (
        "adopted",
        ADOPTED_ON,
        secretariat,
    )
    assert (assessment.conclusions, assessment.recommendations) == (
        "Most plans are on track.",
        "Report on time.",
    )
    item.refresh_from_db()
    assert item.evidence["actions"]["total"] == 0
    assert item.evidence["compiled_on"] == clock.today().isoformat()


def test_an_adoption_without_conclusions_is_refused_and_the_assessment_stays_open(secretariat):
    assessment = AssessmentFactory()
    with pytest.raises(ValidationError) as raised:
        services.assessment_adopt(actor=secretariat, assessment=assessment, conclusions=" ")
    assert raised.value.message_dict["conclusions"] == ["Write COSI's conclusions."]
    assessment.refresh_from_db()
    assert assessment.status == "open"


def test_a_cosi_delegate_cannot_adopt_and_the_assessment_stays_open():
    assessment = AssessmentFactory()
    with refused():
        services.assessment_adopt(
            actor=holder_of(Role.COSI_DELEGATE), assessment=assessment, conclusions="C"
        )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.OPEN


def test_an_adopted_assessment_is_not_adopted_again(secretariat):
    assessment = _adopted(conclusions="First")
    with refused(error=WorkflowError):
        services.assessment_adopt(actor=secretariat, assessment=assessment, conclusions="Again")
    assessment.refresh_from_db()
    assert (assessment.adopted_on, assessment.conclusions) == (ADOPTED_ON, "First")


# --- the items: the secretariat, Europol and the drivers ----------------------------------------


def test_the_secretariat_rates_an_item_of_an_open_assessment(secretariat):
    item = AssessmentItemFactory()
    with records("assessments.assessment_item.changed"):
        services.assessment_item_update(
            actor=secretariat, assessment_item=item, data={"rating": "achieved"}
        )
    item.refresh_from_db()
    assert item.rating == "achieved"


def test_europol_gives_its_findings_on_an_item():
    item = AssessmentItemFactory()
    with records("assessments.assessment_item.europol_findings_given"):
        services.europol_findings_give(
            actor=holder_of(Role.EUROPOL), item=item, rating="largely", findings="Good data."
        )
    item.refresh_from_db()
    assert (item.europol_rating, item.europol_findings) == ("largely", "Good data.")


def test_europol_cannot_write_the_drivers_findings():
    item = AssessmentItemFactory()
    with refused():
        services.drivers_findings_give(
            actor=holder_of(Role.EUROPOL), item=item, rating="largely", findings="Ours."
        )


def test_the_plans_driver_gives_the_drivers_findings_on_its_plan_and_its_goals():
    item = AssessmentItemFactory()
    goal_item = AssessmentItemFactory(
        assessment=item.assessment, plan_goal=PlanGoalFactory(plan=item.plan)
    )
    driver = holder_of(Role.DRIVER, plan=item.plan)
    for target in (item, goal_item):
        with records("assessments.assessment_item.drivers_findings_given"):
            services.drivers_findings_give(
                actor=driver, item=target, rating="partially", findings="Two actions late."
            )
    goal_item.refresh_from_db()
    assert goal_item.drivers_findings == "Two actions late."


def test_a_driver_cannot_give_findings_on_another_plan_or_a_chsg():
    item = AssessmentItemFactory()
    other = AssessmentItemFactory(assessment=item.assessment)
    chsg = AssessmentItemFactory(
        assessment=item.assessment, horizontal_goal=HorizontalGoalFactory()
    )
    co_driver = holder_of(Role.CO_DRIVER, plan=item.plan)
    for target in (other, chsg):
        with refused():
            services.drivers_findings_give(
                actor=co_driver, item=target, rating="achieved", findings="All fine."
            )


def test_findings_without_text_are_refused_with_a_clear_message():
    item = AssessmentItemFactory()
    with pytest.raises(ValidationError) as raised:
        services.europol_findings_give(
            actor=holder_of(Role.EUROPOL), item=item, rating="achieved", findings=""
        )
    assert raised.value.message_dict == {"europol_findings": ["Write the findings."]}


def test_no_findings_or_rating_change_once_the_assessment_is_adopted(secretariat):
    item = AssessmentItemFactory(assessment=_adopted(), europol_findings="As adopted")
    driver = holder_of(Role.DRIVER, plan=item.plan)
    attempts = [
        lambda: services.europol_findings_give(
            actor=holder_of(Role.EUROPOL), item=item, rating="achieved", findings="Later"
        ),
        lambda: services.drivers_findings_give(
            actor=driver, item=item, rating="achieved", findings="Later"
        ),
        lambda: services.assessment_item_update(
            actor=secretariat, assessment_item=item, data={"rating": "achieved"}
        ),
    ]
    for attempt in attempts:
        with refused(error=WorkflowError):
            attempt()
    item.refresh_from_db()
    assert (item.europol_findings, item.rating) == ("As adopted", "partially")


# --- the delegations' comments ------------------------------------------------------------------


def _delegate(country=None):
    return holder_of(Role.COSI_DELEGATE, country=country or CountryFactory())


def test_a_delegate_comments_for_their_country_and_changes_it_in_the_window():
    item = AssessmentItemFactory()
    country = CountryFactory()
    with records("assessments.delegation_comment.given"):
        services.delegation_comment_give(actor=_delegate(country), item=item, text="Agree.")
    colleague = _delegate(country)
    with records("assessments.delegation_comment.changed"):
        services.delegation_comment_give(actor=colleague, item=item, text="Agree, more KPIs.")
    (comment,) = DelegationComment.objects.filter(item=item)
    assert (comment.text, comment.given_by) == ("Agree, more KPIs.", colleague)


def test_two_countries_each_comment_once_on_an_item():
    item = AssessmentItemFactory()
    for delegate in (_delegate(), _delegate()):
        services.delegation_comment_give(actor=delegate, item=item, text="Seen.")
    assert DelegationComment.objects.filter(item=item).count() == 2


def test_the_database_refuses_a_second_comment_of_a_country_on_an_item():
    comment = DelegationCommentFactory()
    with pytest.raises(ValidationError) as raised:
        DelegationComment(
            item=comment.item, country=comment.country, text="Twice", given_by=comment.given_by
        ).full_clean()
    assert raised.value.messages == ["This country already commented on this item."]


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ((-3, 10), "The review window opens on"),
        ((10, -1), "The review window closed on"),
    ],
)
def test_a_comment_outside_the_window_is_refused_with_its_dates(window, message):
    item = AssessmentItemFactory(assessment=AssessmentFactory(**_window(*window)))
    with pytest.raises(WorkflowError, match=message):
        services.delegation_comment_give(actor=_delegate(), item=item, text="Late.")
    assert not DelegationComment.objects.exists()


def test_the_first_and_last_days_of_the_window_are_inside_it():
    for window in ((0, 5), (5, 0)):
        item = AssessmentItemFactory(assessment=AssessmentFactory(**_window(*window)))
        services.delegation_comment_give(actor=_delegate(), item=item, text="Just in time.")


def test_no_comment_is_given_or_changed_once_adopted():
    comment = DelegationCommentFactory(item=AssessmentItemFactory(assessment=_adopted()))
    delegate = _delegate(comment.country)
    with refused(DelegationComment, error=WorkflowError):
        services.delegation_comment_give(actor=delegate, item=comment.item, text="Changed")
    comment.refresh_from_db()
    assert comment.text != "Changed"


def test_europol_and_the_secretariat_cannot_comment_for_a_delegation(secretariat):
    item = AssessmentItemFactory()
    for actor in (holder_of(Role.EUROPOL), secretariat):
        with refused(DelegationComment):
            services.delegation_comment_give(actor=actor, item=item, text="Ours.")
