"""Setting a cycle up after its years: the steps with their state, and a page to create or edit
each thing a step makes, open to the secretariat and administrators only; a refusal keeps the
input; the step lists take a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import RoleAssignment
from cycles.models import Milestone, Threat, ThreatAssessment
from empact.services import version_of
from oaps.models import OperationalActionPlan, ReportingPeriod
from priorities.models import HorizontalGoal, Masp, Priority
from tests.factories import (
    HorizontalGoalFactory,
    OperationalActionPlanFactory,
    PriorityFactory,
    TimetableEntryFactory,
)

pytestmark = pytest.mark.django_db

STEP_PAGES = [
    "cycle-setup",
    "cycle-setup-milestones",
    "cycle-setup-threats",
    "cycle-setup-priorities",
    "cycle-setup-masp",
    "cycle-setup-plans",
    "cycle-setup-reporting",
]


@pytest.fixture
def secretariat(world, client_for):
    return client_for(world.users["secretariat"])


def steps_of(response) -> dict[str, bool]:
    return {step.key: step.done for step in response.context["steps"]}


def test_the_set_up_page_lists_the_steps_in_order_with_their_state_and_marks_the_next(
    world, secretariat
):
    response = secretariat.get(reverse("cycle-setup", args=[world.cycle_b.pk]))

    assert response.status_code == 200
    assert steps_of(response) == {
        "milestones": True,
        "threats": True,
        "priorities": True,
        "masp": True,
        "plans": True,
        "reporting": True,
    }
    html = response.content.decode()
    assert '<ol class="empact-steps__list">' in html
    assert html.count("done</span>") == 6


def test_a_new_cycle_has_every_step_but_its_milestones_to_do_and_the_next_is_current(
    world, secretariat
):
    TimetableEntryFactory(title_pattern="Council adopts the priorities {year}")
    secretariat.post(reverse("cycle-create"), {"first_year": "2030", "name": ""})
    cycle = world.cycle_b.__class__.objects.get(first_year=2030)

    response = secretariat.get(reverse("cycle-setup", args=[cycle.pk]))

    done = steps_of(response)
    assert done["milestones"] and not any(v for k, v in done.items() if k != "milestones")
    threats = reverse("cycle-setup-threats", args=[cycle.pk])
    assert f'href="{threats}" class="ecl-link ecl-link--standalone" aria-current="step"' in (
        response.content.decode()
    )


def test_a_step_page_marks_itself_as_the_current_step(world, secretariat):
    url = reverse("cycle-setup-priorities", args=[world.cycle_b.pk])

    html = secretariat.get(url).content.decode()

    assert f'href="{url}" class="ecl-link ecl-link--standalone" aria-current="step"' in html
    assert html.count('aria-current="step"') == 1


@pytest.mark.parametrize("name", STEP_PAGES)
@pytest.mark.parametrize("role", ["cosi_delegate", "europol", "driver"])
def test_only_the_secretariat_and_administrators_open_the_set_up(world, client_for, name, role):
    response = client_for(world.users[role]).get(reverse(name, args=[world.cycle_a.pk]))

    assert response.status_code == 403


@pytest.mark.parametrize("name", STEP_PAGES)
def test_each_step_page_takes_a_fixed_number_of_queries(world, secretariat, name):
    url = reverse(name, args=[world.cycle_b.pk])
    secretariat.get(url)  # sessions and roles warmed up

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert secretariat.get(url).status_code == 200
        return len(queries)

    few = count()
    priority = PriorityFactory(cycle=world.cycle_b, code="MORE", title="More")
    for number in (2, 3, 4):
        HorizontalGoalFactory(masp=world.masp_b, number=number, title=f"Goal {number}")
        OperationalActionPlanFactory(priority=priority, code=f"OAP {number}", first_year=2026)
    assert count() == few
    assert few <= 16


# --- milestones --------------------------------------------------------------------------------


def test_the_secretariat_moves_a_milestone_on_its_own_page(world, secretariat):
    milestone = world.milestone_b
    url = reverse("milestone-edit", args=[milestone.pk])
    page = secretariat.get(url)
    assert page.status_code == 200

    response = secretariat.post(
        url,
        {
            "title": milestone.title,
            "kind": milestone.kind,
            "step": str(milestone.step),
            "due_date": "2026-09-15",
            "done_date": "",
            "responsible": "",
            "document_url": "",
            "version": version_of(milestone),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cycle-setup-milestones", args=[world.cycle_b.pk])
    assert str(Milestone.objects.get(pk=milestone.pk).due_date) == "2026-09-15"


def test_a_milestone_with_a_bad_date_is_refused_next_to_the_field_and_the_input_kept(
    world, secretariat
):
    milestone = world.milestone_b
    response = secretariat.post(
        reverse("milestone-edit", args=[milestone.pk]),
        {
            "title": "Moved title",
            "kind": milestone.kind,
            "step": str(milestone.step),
            "due_date": "not a date",
            "version": version_of(milestone),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["due_date"] == ["Enter a valid date."]
    assert 'value="Moved title"' in response.content.decode()
    assert Milestone.objects.get(pk=milestone.pk).title == milestone.title


def test_regenerating_adds_only_the_milestones_of_the_timetable_the_cycle_lacks(world, secretariat):
    TimetableEntryFactory(title_pattern="COSI approves the OAPs {year}")
    url = reverse("cycle-milestones-generate", args=[world.cycle_b.pk])

    secretariat.post(url)
    secretariat.post(url)

    titles = list(Milestone.objects.filter(cycle=world.cycle_b).values_list("title", flat=True))
    assert titles.count("COSI approves the OAPs 2026") == 1


# --- threat assessments and threats ------------------------------------------------------------


def test_the_secretariat_enters_a_threat_assessment_and_its_threat(world, secretariat):
    cycle = world.cycle_b
    response = secretariat.post(
        reverse("threat-assessment-create", args=[cycle.pk]),
        {
            "kind": "interim_report",
            "title": "Interim report 2027",
            "publication_date": "",
            "summary": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assessment = ThreatAssessment.objects.get(title="Interim report 2027")

    response = secretariat.post(
        reverse("threat-create", args=[assessment.pk]),
        {"title": "Synthetic opioids", "trend": "new", "description": ""},
    )

    assert response.status_code == 302
    assert Threat.objects.filter(assessment=assessment, title="Synthetic opioids").exists()


def test_europol_edits_a_threat_but_a_delegate_may_not(world, client_for):
    url = reverse("threat-edit", args=[world.threat_b.pk])

    assert client_for(world.users["europol"]).get(url).status_code == 200
    assert client_for(world.users["cosi_delegate"]).get(url).status_code == 403


# --- priorities --------------------------------------------------------------------------------


def test_the_secretariat_adds_a_priority_with_its_threats_and_council_reference(world, secretariat):
    response = secretariat.post(
        reverse("priority-create", args=[world.cycle_b.pk]),
        {
            "code": "FRAUD",
            "title": "Fraud",
            "description": "",
            "threats": [str(world.threat_b.pk)],
            "council_decision_date": "2025-05-26",
            "council_reference": "9184/25",
        },
    )

    assert response.status_code == 302
    priority = Priority.objects.get(cycle=world.cycle_b, code="FRAUD")
    assert priority.council_reference == "9184/25"
    assert list(priority.threats.all()) == [world.threat_b]


def test_a_priority_code_taken_in_the_cycle_is_refused_and_the_input_kept(world, secretariat):
    response = secretariat.post(
        reverse("priority-create", args=[world.cycle_b.pk]),
        {"code": world.priority_b.code, "title": "Kept title"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["__all__"] == [
        "This cycle already has a priority with this code."
    ]
    assert 'value="Kept title"' in response.content.decode()


def test_the_priority_form_offers_only_the_cycles_threats(world, secretariat):
    form = secretariat.get(reverse("priority-edit", args=[world.priority_b.pk])).context["form"]

    assert list(form.fields["threats"].queryset) == [world.threat_b]


# --- the general MASP and its CHSGs ------------------------------------------------------------


def test_a_cycle_with_a_masp_sends_the_add_page_to_its_masp(world, secretariat):
    response = secretariat.get(reverse("masp-create", args=[world.cycle_b.pk]))

    assert response["Location"] == reverse("masp-edit", args=[world.masp_b.pk])


def test_the_previous_cycles_chsgs_are_offered_and_the_ticked_ones_copied(world, secretariat):
    masp = Masp.objects.create(cycle=_new_cycle(), title="MASP 2030")
    url = reverse("chsgs-copy", args=[masp.pk])
    form = secretariat.get(url).context["form"]
    assert list(form.fields["goals"].queryset) == [world.chsg_b]  # the latest earlier cycle

    response = secretariat.post(url, {"goals": [str(world.chsg_b.pk)]})

    assert response.status_code == 302
    copy = HorizontalGoal.objects.get(masp=masp)
    assert (copy.number, copy.title) == (world.chsg_b.number, world.chsg_b.title)
    assert HorizontalGoal.objects.filter(pk=world.chsg_b.pk, masp=world.masp_b).exists()


def test_copying_nothing_is_refused_with_a_message(world, secretariat):
    masp = Masp.objects.create(cycle=_new_cycle(), title="MASP 2030")

    response = secretariat.post(reverse("chsgs-copy", args=[masp.pk]), {})

    assert response.status_code == 200
    assert response.context["form"].errors["goals"] == ["Tick at least one CHSG to copy."]


def _new_cycle():
    from cycles.models import Cycle

    return Cycle.objects.create(first_year=2030, name="EMPACT 2030-2033")


# --- plans and their drivers -------------------------------------------------------------------


def plan_post(world, **changes) -> dict:
    data = {
        "priority": str(world.priority_b.pk),
        "code": "OAP NEW 2026-2027",
        "title": "A new plan",
        "first_year": "2026",
        "last_year": "2027",
        "driver": "Police BE (BE)",
        "add_co_driver": "Police DE (DE)",
        "drivers": [str(world.colleague_be.pk)],
        "co_drivers_people": [],
    }
    data.update(changes)
    return data


def test_the_secretariat_adds_a_plan_and_gives_its_driver_the_role_in_one_step(world, secretariat):
    response = secretariat.post(reverse("plan-create", args=[world.cycle_b.pk]), plan_post(world))

    assert response.status_code == 302, response.context["form"].errors
    plan = OperationalActionPlan.objects.get(code="OAP NEW 2026-2027")
    assert plan.driver == world.org_be
    assert list(plan.co_drivers.all()) == [world.org_de]
    assignment = RoleAssignment.objects.get(plan=plan)
    assert (assignment.user, assignment.role) == (world.colleague_be, "driver")


def test_a_driver_who_does_not_work_for_the_driving_organisation_is_refused_and_nothing_made(
    world, secretariat
):
    response = secretariat.post(
        reverse("plan-create", args=[world.cycle_b.pk]),
        plan_post(world, drivers=[str(world.outsider_nl.pk)]),
    )

    assert response.status_code == 200
    assert "A driver works for the driving organisation Police BE" in str(
        response.context["form"].errors["drivers"]
    )
    assert 'value="A new plan"' in response.content.decode()
    assert not OperationalActionPlan.objects.filter(code="OAP NEW 2026-2027").exists()


def test_the_secretariat_changes_the_driver_of_an_approved_plan_on_its_set_up_page(
    world, secretariat
):
    plan = world.p2
    response = secretariat.post(
        reverse("plan-setup", args=[plan.pk]),
        {
            "code": plan.code,
            "driver": "Police NL (NL)",
            "add_co_driver": "",
            "version": version_of(plan),
        },
    )

    assert response.status_code == 302
    assert OperationalActionPlan.objects.get(pk=plan.pk).driver == world.org_nl


def test_a_driver_may_not_open_the_plans_set_up_page(world, client_for):
    response = client_for(world.users["driver"]).get(reverse("plan-setup", args=[world.p1.pk]))

    assert response.status_code == 403


# --- reporting periods -------------------------------------------------------------------------


def test_half_year_periods_are_generated_for_a_plan_due_fifteen_days_after_they_end(
    world, secretariat
):
    response = secretariat.post(
        reverse("reporting-periods-generate", args=[world.cycle_b.pk]),
        {"months": "6", "days_to_report": "15", "plans": [str(world.p3.pk)]},
    )

    assert response.status_code == 302
    periods = ReportingPeriod.objects.filter(plan=world.p3).order_by("start")
    assert [(p.title, str(p.deadline)) for p in periods] == [
        ("H1", "2026-07-31"),  # the world's, kept
        ("H2 2026", "2027-01-15"),
        ("H1 2027", "2027-07-15"),
        ("H2 2027", "2028-01-15"),
    ]


def test_the_form_offers_six_months_and_fifteen_days_by_default(world, secretariat):
    form = secretariat.get(reverse("reporting-periods-generate", args=[world.cycle_b.pk])).context[
        "form"
    ]

    assert (form["months"].value(), form["days_to_report"].value()) == (6, 15)


def test_generating_periods_that_exist_already_says_so(world, secretariat):
    url = reverse("reporting-periods-generate", args=[world.cycle_b.pk])
    data = {"months": "12", "days_to_report": "15", "plans": [str(world.p3.pk)]}
    secretariat.post(url, data)

    response = secretariat.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["__all__"] == ["These reporting periods exist already."]


def test_a_period_edited_to_end_before_it_starts_is_refused_and_the_input_kept(world, secretariat):
    period = world.p3_period
    response = secretariat.post(
        reverse("reporting-period-edit", args=[period.pk]),
        {
            "title": "Kept H1",
            "start": "2026-01-01",
            "end": "2025-12-31",
            "deadline": "2026-07-15",
            "version": version_of(period),
        },
    )

    assert response.status_code == 200
    assert "The period cannot end before it starts." in str(response.context["form"].errors)
    assert 'value="Kept H1"' in response.content.decode()
