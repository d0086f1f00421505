"""The transition tables: every step declared once, its codes and states real, every step
reachable from the state a new object starts in, and docs/workflows.md generated from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from empact.access import MATRIX, type_for_model
from empact.events import event_type
from empact.workflow import render_markdown, tables


def _models():
    return [apps.get_model(label) for label in tables()]


def test_the_plans_reports_actions_assessments_funding_requests_and_rounds_have_tables():
    assert set(tables()) == {
        "oaps.operationalactionplan",
        "oaps.operationalaction",
        "oaps.planamendment",
        "oaps.progressreport",
        "assessments.assessment",
        "funding.fundingrequest",
        "reviews.reviewround",
        "revisions.revision",
    }


@pytest.mark.parametrize("model", _models(), ids=lambda m: m._meta.label_lower)
def test_each_step_records_a_declared_code_of_its_model_and_needs_a_matrix_action(model):
    actions = MATRIX.type(type_for_model(model).key).actions
    for step in tables()[model._meta.label_lower]:
        assert event_type(step.event_code).model == model._meta.label_lower, step
        assert step.matrix_action in actions, step


@pytest.mark.parametrize("model", _models(), ids=lambda m: m._meta.label_lower)
def test_each_step_goes_between_states_the_model_has(model):
    for step in tables()[model._meta.label_lower]:
        states = {value for value, _label in model._meta.get_field(step.state_field).choices}
        assert set(step.from_states) <= states and step.to_state in states, step


@pytest.mark.parametrize("model", _models(), ids=lambda m: m._meta.label_lower)
def test_every_step_is_reachable_from_the_state_a_new_object_starts_in(model):
    steps = tables()[model._meta.label_lower]
    field = model._meta.get_field(steps[0].state_field)
    reached, frontier = {field.get_default()}, [field.get_default()]
    while frontier:
        state = frontier.pop()
        for step in steps:
            if state in step.from_states and step.to_state not in reached:
                reached.add(step.to_state)
                frontier.append(step.to_state)
    unreachable = [step.name for step in steps if not reached & set(step.from_states)]
    assert not unreachable


def test_docs_workflows_md_is_generated_from_the_current_tables():
    written = (Path(settings.BASE_DIR) / "docs" / "workflows.md").read_text()
    with translation.override("en"):
        assert written == render_markdown(), "run `python manage.py workflows_doc`"


def test_the_workflow_docs_draw_every_step_and_name_who_may_take_it():
    with translation.override("en"):
        text = render_markdown()
    for label, steps in tables().items():
        section = text.split(f"(`{label}`)")[1].split("\n## ")[0]
        assert "```mermaid\nstateDiagram-v2" in section
        for step in steps:
            for start in step.from_states:
                if start != step.to_state:
                    assert f"{start} --> {step.to_state} : {step.name}" in section
            assert "| nobody |" not in section, f"{label}: a step nobody may take"


def test_the_workflow_docs_describe_the_steps_that_change_no_declared_state():
    with translation.override("en"):
        text = render_markdown()
    others = text.split("# Steps without a state table")[1]
    for label, step in (
        ("cycles.recommendation", "recommendation_follow_up"),
        ("cycles.cycle", "next_cycle_create"),
        ("cycles.empactdocument", "document_version_upload"),
    ):
        section = others.split(f"(`{label}`)")[1].split("\n## ")[0]
        assert step in section, label
    plan = text.split("(`oaps.operationalactionplan`)")[1].split("\n## ")[0]
    assert "plan_copy_from" in plan
