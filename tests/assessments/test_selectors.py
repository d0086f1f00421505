"""The reads of ``assessments.selectors``: through the gate, with the evidence shown live while
open and as stored once adopted, and what My work lists for delegates, Europol and the
secretariat."""

from __future__ import annotations

import datetime

import pytest

from actors.models import Role
from assessments import selectors
from assessments.models import Assessment
from empact import clock
from tests.factories import (
    AssessmentFactory,
    AssessmentItemFactory,
    CountryFactory,
    DelegationCommentFactory,
    OperationalActionFactory,
)
from tests.writes import holder_of

pytestmark = pytest.mark.django_db


def test_an_adopted_item_shows_its_stored_evidence_and_an_open_one_its_live_evidence():
    open_item = AssessmentItemFactory()
    adopted = AssessmentFactory(
        status=Assessment.Status.ADOPTED, adopted_on=datetime.date(2024, 3, 1), kind="final"
    )
    stored = {"compiled_on": "2024-03-01", "actions": {"total": 7}}
    frozen = AssessmentItemFactory(assessment=adopted, evidence=stored)
    secretariat = holder_of(Role.SECRETARIAT)
    assert selectors.item_for_page(secretariat, frozen.pk).shown_evidence == stored
    live = selectors.item_for_page(secretariat, open_item.pk).shown_evidence
    assert live["compiled_on"] == clock.today().isoformat()


def test_a_delegate_may_comment_only_inside_the_window():
    country = CountryFactory()
    delegate = holder_of(Role.COSI_DELEGATE, country=country)
    inside = AssessmentItemFactory()
    today = clock.today()
    later = AssessmentFactory(
        kind="final",
        opens_on=today + datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=9),
    )
    outside = AssessmentItemFactory(assessment=later)
    assert selectors.may_comment(delegate, inside)
    assert not selectors.may_comment(delegate, outside)
    assert not selectors.may_comment(holder_of(Role.EUROPOL), inside)


def test_a_delegate_is_shown_the_items_their_country_has_not_commented_on():
    country = CountryFactory()
    delegate = holder_of(Role.COSI_DELEGATE, country=country)
    done, waiting = AssessmentItemFactory.create_batch(2, assessment=AssessmentFactory())
    DelegationCommentFactory(item=done, country=country)
    assert list(selectors.items_awaiting_comment(delegate)) == [waiting]


def test_europol_is_shown_the_items_of_open_assessments_without_its_findings():
    waiting = AssessmentItemFactory()
    AssessmentItemFactory(assessment=waiting.assessment, europol_findings="Given.")
    europol = holder_of(Role.EUROPOL)
    assert list(selectors.items_awaiting_findings(europol, "give_europol_findings")) == [waiting]


def test_the_secretariat_is_shown_the_open_assessments_whose_window_closed():
    today = clock.today()
    closed = AssessmentFactory(
        opens_on=today - datetime.timedelta(days=20), closes_on=today - datetime.timedelta(days=1)
    )
    AssessmentFactory(kind="final")  # its window still runs
    secretariat = holder_of(Role.SECRETARIAT)
    assert list(selectors.assessments_awaiting_adoption(secretariat)) == [closed]
    assert list(selectors.assessments_awaiting_adoption(holder_of(Role.EUROPOL))) == []


def test_the_rows_behind_the_figures_are_withheld_from_readers_who_may_not_see_them_all():
    adopted = AssessmentFactory(
        status=Assessment.Status.ADOPTED, adopted_on=datetime.date(2024, 3, 1), kind="final"
    )
    stored = {
        "compiled_on": "2024-03-01",
        "actions": {"total": 2},
        "kpis": {"total": 1, "with_value": 1, "reaching_target": 1, "values": [{"kpi": 1}]},
        "results": [{"type": "Arrests", "count": 3}],
        "funding": {"requested": "100.00", "granted": "80.00", "spent": "10.00"},
    }
    item = AssessmentItemFactory(assessment=adopted, evidence=stored)
    action = OperationalActionFactory(plan__priority__cycle=adopted.cycle)
    participant = holder_of(Role.PARTICIPANT, action=action)
    shown = selectors.item_for_page(participant, item.pk).shown_evidence
    assert shown["kpis"]["reaching_target"] == 1 and shown["kpis"]["values"] == []
    assert shown["results"] == [] and shown["funding"] == {}
    assert shown["withheld"] == ["kpis", "results", "funding"]
    delegate = holder_of(Role.COSI_DELEGATE)
    assert selectors.item_for_page(delegate, item.pk).shown_evidence == stored
