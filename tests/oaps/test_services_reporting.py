"""The writes and workflow steps of ``oaps.services.reporting``: the report save (narrative, KPI
values and new results all or nothing, one Event, the self-conflict rule in the service), the
report's steps, reporting periods. Each allowed write stores its change with one Event under its
declared code; a refused one raises and stores nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actors.models import Role
from empact.models import Event
from empact.services import ConflictError, WorkflowError, version_of
from oaps import services
from oaps.models import KpiValue, OperationalResult, ProgressReport, ReportingPeriod
from tests.access import conftest as shared
from tests.factories import (
    CycleFactory,
    OperationalActionPlanFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
)
from tests.writes import Changes, Creates, Deletes, holder_of, records, refused

pytestmark = pytest.mark.django_db

# The access tests' world, built once for the module, and its frozen day.
world, today = shared.world, shared.today


@pytest.fixture
def h2(world):
    """A second reporting period of plan p1, without any report yet."""
    return ReportingPeriod.objects.create(
        plan=world.p1,
        title="H2 2024",
        start=datetime.date(2024, 7, 1),
        end=datetime.date(2024, 12, 31),
        deadline=datetime.date(2025, 1, 31),
    )


def _result(world, **overrides) -> dict:
    return {
        "result_type": world.result_type,
        "quantity": Decimal("4"),
        "country": world.be,
        "period_start": datetime.date(2024, 7, 1),
        "period_end": datetime.date(2024, 9, 30),
        **overrides,
    }


def _counts() -> tuple[int, int, int, int]:
    return (
        ProgressReport.objects.count(),
        KpiValue.objects.count(),
        OperationalResult.objects.count(),
        Event.objects.count(),
    )


def _last_event() -> int:
    return Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _codes_since(last: int) -> list[str]:
    return list(Event.objects.filter(pk__gt=last).order_by("pk").values_list("code", flat=True))


def test_the_first_save_records_one_drafted_event_with_every_change(world, h2):
    leader = world.users["action_leader"]
    last = _last_event()
    report = services.progress_report_save(
        actor=leader,
        action=world.a1,
        period=h2,
        data={"narrative": "Going well", "completion_estimate": 40},
        kpi_values={world.a1_kpi.pk: (Decimal("6"), "by June")},
        results=[_result(world)],
    )
    assert _codes_since(last) == ["oaps.report.drafted"]
    event = Event.objects.latest("pk")
    assert (event.code, event.object_id, event.actor_id) == (
        "oaps.report.drafted",
        report.pk,
        leader.pk,
    )
    assert event.payload["changes"]["narrative"] == [None, "Going well"]
    assert event.payload["kpi_values"] == {str(world.a1_kpi.pk): [None, ["6", "by June"]]}
    (result,) = OperationalResult.objects.filter(pk__in=event.payload["results"])
    assert (result.action, result.reported_by, result.quantity) == (world.a1, leader, Decimal("4"))
    assert report.kpi_values.get().value == Decimal("6")


def test_a_later_save_records_one_saved_event(world):
    leader = world.users["action_leader"]
    last = _last_event()
    services.progress_report_save(
        actor=leader,
        action=world.a1,
        period=world.p1_period,
        data={"obstacles": "None"},
        kpi_values={world.a1_kpi.pk: (Decimal("8"), "")},
        version=version_of(world.r1),
    )
    assert _codes_since(last) == ["oaps.report.saved"]
    event = Event.objects.latest("pk")
    assert event.payload["changes"] == {"obstacles": ["", "None"]}
    assert event.payload["kpi_values"] == {str(world.a1_kpi.pk): [["3.00", ""], ["8", ""]]}


def test_a_refused_result_saves_nothing_at_all(world, h2):
    before = _counts()
    with pytest.raises(services.ResultsInvalid) as refused:
        services.progress_report_save(
            actor=world.users["action_leader"],
            action=world.a1,
            period=h2,
            data={"narrative": "Going well"},
            kpi_values={world.a1_kpi.pk: (Decimal("6"), "")},
            results=[_result(world), _result(world, period_end=datetime.date(2024, 6, 1))],
        )
    assert set(refused.value.rows) == {1}
    assert any(name.startswith("results.1.") for name in refused.value.message_dict)
    assert _counts() == before


def test_a_save_by_somebody_without_the_right_changes_nothing(world, h2):
    before = _counts()
    with pytest.raises(PermissionDenied):
        services.progress_report_save(
            actor=world.users["participant"],
            action=world.a1,
            period=h2,
            data={"narrative": "Not mine"},
            results=[_result(world)],
        )
    assert _counts() == before


def test_ones_own_newer_save_is_no_conflict_but_somebody_elses_is(world):
    leader, admin = world.users["action_leader"], world.users["administrator"]
    loaded = version_of(world.r1)
    args = {"action": world.a1, "period": world.p1_period}
    services.progress_report_save(
        actor=leader, data={"narrative": "Autosaved"}, version=loaded, **args
    )
    # the same user, from the version they loaded before their own autosave: their input wins
    report = services.progress_report_save(
        actor=leader, data={"narrative": "Typed on"}, version=loaded, **args
    )
    assert report.narrative == "Typed on"
    services.progress_report_save(
        actor=admin, data={"narrative": "Admin"}, version=version_of(report), **args
    )
    with pytest.raises(ConflictError):
        services.progress_report_save(
            actor=leader, data={"narrative": "Mine"}, version=version_of(report), **args
        )
    assert ProgressReport.objects.get(pk=world.r1.pk).narrative == "Admin"


# --- the steps, on the access tests world ------------------------------------------------------


def test_a_report_is_saved_as_draft_and_submitted_only_when_complete(world):
    leader = world.users["action_leader"]
    report = services.progress_report_save(
        actor=leader,
        action=world.a1,
        period=world.p1_period,
        data={"narrative": "Started"},
        version=version_of(world.r1),
    )
    with pytest.raises(WorkflowError, match="completion estimate"):
        services.progress_report_submit(actor=leader, report=report)
    report.refresh_from_db()
    assert report.status == "draft"
    assert report.narrative == "Started", "nothing is lost when the submission is refused"
    report = services.progress_report_save(
        actor=leader,
        action=world.a1,
        period=world.p1_period,
        data={"completion_estimate": 40},
        kpi_values={world.a1_kpi.pk: (Decimal("4"), "")},
        version=version_of(report),
    )
    report = services.progress_report_submit(actor=leader, report=report)
    assert report.status == "submitted" and report.submitted_by == leader


def test_the_driver_returns_a_report_with_a_comment_and_the_leader_can_edit_it_again(world):
    report = ProgressReport.objects.get(pk=world.r2.pk)  # a2 in p1, submitted
    with pytest.raises(PermissionDenied):
        services.progress_report_return(
            actor=world.users["participant"], report=report, comment="no"
        )
    report = services.progress_report_return(
        actor=world.users["driver"], report=report, comment="Add the KPI figures"
    )
    assert report.status == "returned"
    assert report.review_comment == "Add the KPI figures"


# --- the steps and the plain writes, on factory-built rows -------------------------------------


def _leader_and_report(**report) -> tuple:
    leader = holder_of(Role.ACTION_LEADER)
    action = leader.role_assignments.get().action
    return leader, ProgressReportFactory(action=action, **report)


def test_an_action_leader_submits_a_complete_report_with_one_event():
    leader, report = _leader_and_report()
    with records("oaps.report.submitted"):
        services.progress_report_submit(actor=leader, report=report)
    report.refresh_from_db()
    assert (report.status, report.submitted_by) == (ProgressReport.Status.SUBMITTED, leader)


def test_an_action_leader_cannot_submit_a_report_of_another_action():
    leader = holder_of(Role.ACTION_LEADER)
    report = ProgressReportFactory()
    with refused():
        services.progress_report_submit(actor=leader, report=report)
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DRAFT


def test_a_submitted_report_is_not_submitted_again():
    report = ProgressReportFactory(submitted=True)
    with refused(error=WorkflowError):  # the administrator may submit any report, in any state
        services.progress_report_submit(actor=holder_of(Role.ADMINISTRATOR), report=report)


def _driver_and_submitted_report() -> tuple:
    driver = holder_of(Role.DRIVER)
    plan = driver.role_assignments.get().plan
    return driver, ProgressReportFactory(action__plan=plan, submitted=True)


def test_the_driver_accepts_a_submitted_report_with_one_event():
    driver, report = _driver_and_submitted_report()
    with records("oaps.report.accepted"):
        services.progress_report_accept(actor=driver, report=report, comment="Thanks")
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (ProgressReport.Status.ACCEPTED, driver)


def test_the_driver_returns_a_submitted_report_with_one_event():
    driver, report = _driver_and_submitted_report()
    with records("oaps.report.returned") as recorded:
        services.progress_report_return(actor=driver, report=report, comment="Add figures")
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.RETURNED
    assert recorded.event.payload["comment"] == "Add figures"


@pytest.mark.parametrize("step", ["progress_report_accept", "progress_report_return"])
def test_an_action_leader_cannot_review_their_own_report(step):
    leader, report = _leader_and_report(submitted=True)
    with refused():
        getattr(services, step)(actor=leader, report=report, comment="Looks fine")
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED


def test_a_report_is_not_returned_without_saying_why():
    driver, report = _driver_and_submitted_report()
    with refused(error=WorkflowError):
        services.progress_report_return(actor=driver, report=report, comment="  ")


class TestReportingPeriod(Creates, Changes, Deletes):
    services = services
    entity = "reporting_period"
    event = "oaps.reporting_period"
    factory = ReportingPeriodFactory
    writer = Role.SECRETARIAT
    change = {"title": "First half"}

    def data(self):
        plan = OperationalActionPlanFactory()
        return {
            "plan": plan,
            "title": "H1",
            "start": datetime.date(plan.first_year, 1, 1),
            "end": datetime.date(plan.first_year, 6, 30),
            "deadline": datetime.date(plan.first_year, 7, 31),
        }


class TestProgressReport(Deletes):
    services = services
    entity = "progress_report"
    event = "oaps.report"
    factory = ProgressReportFactory


# --- the lock date and its exceptions (issue 13) -------------------------------------------------


@pytest.fixture
def closed(freeze_clock):
    """A report of a period that locked on 31 August 2024, its leader and the plan's driver, on
    2 September."""
    from actors.grants import sync_user_grants
    from tests import factories

    freeze_clock(datetime.date(2024, 9, 2))
    action = factories.OperationalActionFactory(plan__status="approved")
    period = factories.ReportingPeriodFactory(
        plan=action.plan,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 6, 30),
        deadline=datetime.date(2024, 7, 15),
        lock_date=datetime.date(2024, 8, 31),
    )
    report = factories.ProgressReportFactory(action=action, period=period)
    people = {}
    for role, scope in (("action_leader", {"action": action}), ("driver", {"plan": action.plan})):
        people[role] = factories.RoleAssignmentFactory(
            role=role, starts_on=datetime.date(2024, 1, 1), **scope
        ).user
        sync_user_grants(people[role], datetime.date(2024, 9, 2))
    return type("Closed", (), {"report": report, "period": period, "action": action, **people})


def test_after_the_lock_date_a_report_can_be_neither_changed_nor_submitted(closed):
    with pytest.raises(WorkflowError, match="closed on 2024-08-31"):
        services.progress_report_save(
            actor=closed.action_leader,
            action=closed.action,
            period=closed.period,
            data={"narrative": "Late words"},
        )
    with pytest.raises(WorkflowError, match="lock exception"):
        services.progress_report_submit(actor=closed.action_leader, report=closed.report)
    assert ProgressReport.objects.get(pk=closed.report.pk).status == "draft"


def test_a_lock_exception_granted_by_the_driver_lets_that_person_report_until_its_day(
    closed, freeze_clock
):
    with records("oaps.lock_exception.added") as recorded:
        exception = services.lock_exception_create(
            actor=closed.driver,
            data={
                "period": closed.period,
                "action": closed.action,
                "user": closed.action_leader,
                "until": datetime.date(2024, 9, 10),
                "reason": "The national figures came late",
            },
        )
    assert recorded.event.actor == closed.driver
    assert exception.granted_by == closed.driver
    report = services.progress_report_submit(actor=closed.action_leader, report=closed.report)
    assert report.status == "submitted"
    assert report.days_late == 49, "handed in on 2 September, due on 15 July"


def test_a_lock_exception_helps_only_its_person_and_only_until_its_day(closed, freeze_clock):
    from tests import factories

    co_leader = factories.RoleAssignmentFactory(
        role="co_action_leader", action=closed.action, starts_on=datetime.date(2024, 1, 1)
    ).user
    services.lock_exception_create(
        actor=closed.driver,
        data={
            "period": closed.period,
            "action": closed.action,
            "user": co_leader,
            "until": datetime.date(2024, 9, 10),
            "reason": "Somebody else",
        },
    )
    with pytest.raises(WorkflowError):
        services.progress_report_submit(actor=closed.action_leader, report=closed.report)


def test_a_lock_exception_goes_only_to_someone_who_writes_the_report(closed):
    from tests import factories

    with pytest.raises(ValidationError, match="leaders or co-leaders"):
        services.lock_exception_create(
            actor=closed.driver,
            data={
                "period": closed.period,
                "action": closed.action,
                "user": factories.UserFactory(),
                "until": datetime.date(2024, 9, 10),
                "reason": "Somebody else",
            },
        )
    assert not closed.period.lock_exceptions.exists()


def test_only_a_driver_or_the_secretariat_grants_a_lock_exception_and_never_without_a_reason(
    closed,
):
    data = {
        "period": closed.period,
        "action": closed.action,
        "user": closed.action_leader,
        "until": datetime.date(2024, 9, 10),
        "reason": "Please",
    }
    with pytest.raises(PermissionDenied):
        services.lock_exception_create(actor=closed.action_leader, data=data)
    assert not closed.period.lock_exceptions.exists()
    with pytest.raises(Exception, match="why"):
        services.lock_exception_create(actor=closed.driver, data={**data, "reason": " "})


def test_an_accepted_report_is_locked(closed):
    ProgressReport.objects.filter(pk=closed.report.pk).update(
        status="accepted", submitted_at=datetime.datetime(2024, 7, 1, tzinfo=datetime.UTC)
    )
    with pytest.raises(PermissionDenied):  # the matrix: changed only while open
        services.progress_report_save(
            actor=closed.action_leader,
            action=closed.action,
            period=closed.period,
            data={"narrative": "Again"},
        )


def test_a_period_created_without_dates_is_due_15_and_locked_30_days_after_it_ends():
    data = services.period_defaults({"end": datetime.date(2024, 6, 30)})
    assert data["deadline"] == datetime.date(2024, 7, 15)
    assert data["lock_date"] == datetime.date(2024, 7, 30)


# --- reporting periods generated from a frequency -----------------------------------------------


def test_the_secretariat_generates_half_years_for_a_plan_due_fifteen_days_after_each_ends():
    cycle = CycleFactory(first_year=2026)
    plan = OperationalActionPlanFactory(priority__cycle=cycle, first_year=2026, last_year=2027)

    with records("oaps.reporting_period.generated") as recorded:
        periods = services.reporting_periods_generate(
            actor=holder_of(Role.SECRETARIAT), cycle=cycle, plans=[plan]
        )

    assert [(p.title, p.start, p.end, p.deadline) for p in periods][:2] == [
        (
            "H1 2026",
            datetime.date(2026, 1, 1),
            datetime.date(2026, 6, 30),
            datetime.date(2026, 7, 15),
        ),
        (
            "H2 2026",
            datetime.date(2026, 7, 1),
            datetime.date(2026, 12, 31),
            datetime.date(2027, 1, 15),
        ),
    ]
    assert len(periods) == 4 and all(p.plan == plan for p in periods)
    assert recorded.event.object_id == cycle.pk


def test_periods_of_the_whole_cycle_keep_the_ones_it_has():
    cycle = CycleFactory(first_year=2026)
    secretariat = holder_of(Role.SECRETARIAT)
    services.reporting_periods_generate(actor=secretariat, cycle=cycle, months=12)

    again = services.reporting_periods_generate(actor=secretariat, cycle=cycle, months=12)

    assert again == []
    titles = list(ReportingPeriod.objects.filter(cycle=cycle).values_list("title", flat=True))
    assert titles == ["2026", "2027", "2028", "2029"]


def test_a_driver_cannot_generate_reporting_periods():
    cycle = CycleFactory(first_year=2026)

    with refused(ReportingPeriod):
        services.reporting_periods_generate(actor=holder_of(Role.DRIVER), cycle=cycle)
