"""The Django admin: every registered model opens for administrators, and only for them.

The page tests walk the admin site's registry, so a newly registered model is covered as soon as
the ``world`` fixture builds one of it.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from decimal import Decimal
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model
from django.shortcuts import resolve_url
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from actors.models import ApiToken, Country, CountryGrant, Organisation, Role, RoleAssignment, User
from assessments.models import Assessment, AssessmentItem, DelegationComment
from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Milestone,
    Recommendation,
    Threat,
    ThreatAssessment,
    TimetableEntry,
)
from discussion.models import Comment
from empact import clock
from empact.admin import EmpactAdminSite
from empact.models import Event
from funding.models import FundingCall, FundingRequest, FundingSource
from oaps.models import (
    ActionGrant,
    AmendmentChange,
    JointActionDay,
    Kpi,
    KpiValue,
    LockException,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanAmendment,
    PlanGoal,
    PlanGrant,
    PlanVersion,
    ProgressReport,
    ReportingPeriod,
    ResultType,
)
from priorities.models import HorizontalGoal, Masp, Priority
from reminders.models import CalendarFeed, Notification, Preference, ReminderKind
from reviews.models import Position, ReviewRound
from revisions.models import Revision
from tests.domain_apps import BUSINESS_APPS as DOMAIN_APPS

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-42"
REGISTERED_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
_serial = itertools.count(1)


def url_of(model: type[Model], page: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def is_historical(model: type[Model]) -> bool:
    """simple_history's own models (and their many-to-many tables) point at the tracked type."""
    return hasattr(model, "instance_type")


def has_history(model: type[Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


# The cast -------------------------------------------------------------------------------------


@pytest.fixture
def administrator() -> User:
    return User.objects.create_superuser(email="admin@example.org", password=PASSWORD)


@pytest.fixture
def administrator_client(client: Client, administrator: User) -> Client:
    client.force_login(administrator)
    return client


@pytest.fixture
def staff_member() -> User:
    return User.objects.create_user(email="staff@example.org", password=PASSWORD, is_staff=True)


@pytest.fixture
def ordinary_user() -> User:
    return User.objects.create_user(email="user@example.org", password=PASSWORD)


# The data: one of each model ------------------------------------------------------------------


def new_user() -> User:
    n = next(_serial)
    return User.objects.create_user(
        email=f"person{n}@example.org", first_name="Person", last_name=str(n)
    )


def new_police(country: Country) -> Organisation:
    return Organisation.objects.create(
        name=f"Police force {next(_serial)}",
        kind=Organisation.Kind.NATIONAL_AUTHORITY,
        discipline=Organisation.Discipline.POLICE,
        country=country,
    )


def new_action(world: SimpleNamespace) -> OperationalAction:
    """An action of the world's plan led by a new organisation, so each row has its own FKs."""
    return OperationalAction.objects.create(
        plan=world.plan,
        code=f"OA 9.{next(_serial)}",
        title="Joint investigations into cocaine networks",
        horizontal_goal=world.chsg,
        leader=new_police(world.country),
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 12, 31),
    )


@pytest.fixture
def world(administrator: User) -> SimpleNamespace:
    w = SimpleNamespace(administrator=administrator)
    w.group = Group.objects.create(name="Helpdesk")
    w.country = Country.objects.create(code="BE", name="Belgium", kind=Country.Kind.EU_MEMBER_STATE)
    w.europol = Organisation.objects.create(
        name="Europol", acronym="EUROPOL", kind=Organisation.Kind.EU_AGENCY
    )
    w.police = new_police(w.country)
    w.user = User.objects.create_user(
        email="driver@example.org", first_name="Dana", last_name="Driver", organisation=w.police
    )
    w.cycle = Cycle.objects.create(first_year=2026, name="EMPACT 2026-2029")
    w.timetable_entry = TimetableEntry.objects.create(
        kind="socta", step=4, title_pattern="EU-SOCTA {year+3}", year_offset=3, month=3, day=31
    )
    w.threat_assessment = ThreatAssessment.objects.create(
        cycle=w.cycle, kind=ThreatAssessment.Kind.SOCTA, title="EU-SOCTA 2025"
    )
    w.threat = Threat.objects.create(
        assessment=w.threat_assessment, title="Cocaine trafficking", trend=Threat.Trend.PERSISTING
    )
    w.priority = Priority.objects.create(cycle=w.cycle, code="DRUGS", title="Drug trafficking")
    w.priority.threats.add(w.threat)
    w.masp = Masp.objects.create(cycle=w.cycle, title="General MASP 2026-2029")
    w.chsg = HorizontalGoal.objects.create(
        masp=w.masp, number=1, title="Criminal intelligence picture"
    )
    w.plan = OperationalActionPlan.objects.create(
        priority=w.priority,
        code="OAP DRUGS 2026-2027",
        title="Drug trafficking",
        first_year=2026,
        last_year=2027,
        driver=w.police,
    )
    w.plan_goal = PlanGoal.objects.create(plan=w.plan, number=1, title="Dismantle networks")
    w.action = new_action(w)
    w.action.plan_goals.add(w.plan_goal)
    w.kpi = Kpi.objects.create(action=w.action, name="Arrests", unit="number", target=10)
    w.participation = Participation.objects.create(action=w.action, country=w.country)
    w.period = ReportingPeriod.objects.create(
        plan=w.plan,
        title="First half of 2026",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 31),
    )
    w.report = ProgressReport.objects.create(action=w.action, period=w.period)
    w.kpi_value = KpiValue.objects.create(report=w.report, kpi=w.kpi, value=Decimal(4))
    w.jad = JointActionDay.objects.create(
        title="JAD Mare",
        start_date=datetime.date(2026, 5, 4),
        end_date=datetime.date(2026, 5, 8),
        lead_organisation=w.europol,
    )
    w.result_type = ResultType.objects.create(
        code="arrests", name="Arrests", unit=ResultType.Unit.COUNT
    )
    w.result = OperationalResult.objects.create(
        action=w.action,
        result_type=w.result_type,
        quantity=Decimal(12),
        period_start=datetime.date(2026, 5, 4),
        period_end=datetime.date(2026, 5, 8),
    )
    w.assessment = Assessment.objects.create(
        cycle=w.cycle,
        kind=Assessment.Kind.MID_TERM,
        opens_on=datetime.date(2026, 5, 1),
        closes_on=datetime.date(2026, 5, 31),
    )
    w.assessment_item = AssessmentItem.objects.create(
        assessment=w.assessment, plan=w.plan, rating=AssessmentItem.Rating.LARGELY_ACHIEVED
    )
    w.evaluation = Evaluation.objects.create(cycle=w.cycle, title="Evaluation of EMPACT")
    w.recommendation = Recommendation.objects.create(
        evaluation=w.evaluation, number=1, text="Make funding available earlier."
    )
    w.document = EmpactDocument.objects.create(
        kind=EmpactDocument.Kind.MANDATE, title="EMPACT mandate"
    )
    w.document_version = DocumentVersion.objects.create(document=w.document, version=1)
    w.milestone = Milestone.objects.create(
        cycle=w.cycle,
        kind=Milestone.Kind.INTERIM_REPORT,
        step=Cycle.Step.IMPLEMENTATION,
        title="Interim report",
        due_date=datetime.date(2027, 6, 30),
        responsible=w.europol,
    )
    w.funding_source = FundingSource.objects.create(
        name="EMPACT grants", kind=FundingSource.Kind.EMPACT_GRANT, managing_body=w.europol
    )
    w.funding_call = FundingCall.objects.create(
        source=w.funding_source,
        title="EMPACT grants 2026",
        opens=datetime.date(2025, 9, 1),
        closes=datetime.date(2025, 10, 31),
    )
    w.funding_request = FundingRequest.objects.create(
        action=w.action,
        source=w.funding_source,
        call=w.funding_call,
        title="Travel of experts",
        requested=Decimal("25000.00"),
    )
    w.api_token = ApiToken.objects.create(
        user=w.user, name="Data sync", key_prefix="empact_abcd", key_hash="0" * 64
    )
    w.role_assignment = RoleAssignment.objects.create(
        user=w.user, role=Role.DRIVER, plan=w.plan, starts_on=datetime.date(2026, 1, 1)
    )
    w.plan_grant = PlanGrant.objects.create(
        user=w.user,
        permission=Permission.objects.get(codename="drive_operationalactionplan"),
        content_object=w.plan,
        assignment=w.role_assignment,
    )
    nec = RoleAssignment.objects.create(
        user=w.user, role=Role.NEC, country=w.country, starts_on=datetime.date(2026, 1, 1)
    )
    w.country_grant = CountryGrant.objects.create(
        user=w.user,
        permission=Permission.objects.get(codename="coordinate_country"),
        content_object=w.country,
        assignment=nec,
    )
    leader = RoleAssignment.objects.create(
        user=w.user, role=Role.ACTION_LEADER, action=w.action, starts_on=datetime.date(2026, 1, 1)
    )
    w.action_grant = ActionGrant.objects.create(
        user=w.user,
        permission=Permission.objects.get(codename="lead_operationalaction"),
        content_object=w.action,
        assignment=leader,
    )
    from empact import events

    w.event = events.record(actor=administrator, code="oaps.plan.changed", obj=w.plan)
    w.comment = Comment.objects.create(object=w.plan, author=w.user, body="Is KPI 2 final?")
    w.lock_exception = LockException.objects.create(
        period=w.period,
        action=w.action,
        user=w.user,
        until=datetime.date(2026, 8, 31),
        reason="Late data from the national police",
        granted_by=administrator,
    )
    w.reminder_kind = ReminderKind.objects.create(code="report_due", offsets=[30, 7, 1])
    w.notification = Notification.objects.create(
        recipient=w.user,
        kind="report_due",
        content_type=ContentType.objects.get_for_model(OperationalAction),
        object_id=w.action.pk,
        due_date=w.period.deadline,
        offset=7,
        title="Progress report OA 1.1 due",
    )
    w.preference = Preference.objects.create(user=w.user)
    w.calendar_feed = CalendarFeed.objects.create(user=w.user)
    w.review_round = ReviewRound.objects.create(
        cycle=w.cycle,
        title="COSI review",
        closes_on=datetime.date(2026, 12, 15),
        opened_by=administrator,
    )
    w.position = Position.objects.create(
        round=w.review_round, plan=w.plan, country=w.country, position="agree", given_by=w.user
    )
    w.delegation_comment = DelegationComment.objects.create(
        item=w.assessment_item, country=w.country, text="Agreed.", given_by=w.user
    )
    w.revision = Revision.objects.create(
        priority=w.priority,
        cycle=w.cycle,
        reason="The interim report names a new route.",
        proposed={"title": "Drug trafficking and its new routes"},
        proposed_by=administrator,
    )
    w.plan_version = PlanVersion.objects.create(
        plan=w.plan, number=1, snapshot={"code": w.plan.code}, approved_at=clock.now()
    )
    w.plan_amendment = PlanAmendment.objects.create(
        plan=w.plan, number=1, reason="A new route opened", opened_by=administrator
    )
    w.amendment_change = AmendmentChange.objects.create(
        amendment=w.plan_amendment,
        target_type="kpi",
        target_id=w.kpi.pk,
        field="target",
        before="10",
        after="12",
        value="12",
        reason="More seizures expected",
    )
    return w


# Every registered model -----------------------------------------------------------------------


def test_the_default_admin_site_is_the_empact_site() -> None:
    assert isinstance(admin.site, EmpactAdminSite)


def test_every_model_of_the_domain_apps_is_registered_with_its_history() -> None:
    from django.apps import apps

    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            if is_historical(model):
                continue
            assert model in admin.site._registry, f"{model._meta.label} is not in the admin"
            if has_history(model):
                assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
def test_administrator_opens_the_list_of(
    model: type[Model], administrator_client: Client, world: SimpleNamespace
) -> None:
    response = administrator_client.get(url_of(model, "changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
def test_administrator_opens_the_add_page_unless_the_rows_are_derived(
    model: type[Model], administrator_client: Client, world: SimpleNamespace, rf: RequestFactory
) -> None:
    request = rf.get("/")
    request.user = world.administrator
    addable = admin.site._registry[model].has_add_permission(request)

    response = administrator_client.get(url_of(model, "add"))

    assert response.status_code == (200 if addable else 403)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
@pytest.mark.parametrize("page", ["change", "history"])
def test_administrator_opens_the_change_page_and_the_history_of_an_existing(
    model: type[Model], page: str, administrator_client: Client, world: SimpleNamespace
) -> None:
    obj = model._default_manager.first()
    assert obj is not None, f"The world fixture builds no {model._meta.label}: add one."

    response = administrator_client.get(url_of(model, page, obj.pk))

    assert response.status_code == 200


def test_administrator_searches_every_list(
    administrator_client: Client, world: SimpleNamespace
) -> None:
    for model in REGISTERED_MODELS:
        response = administrator_client.get(url_of(model, "changelist"), {"q": "a"})
        assert response.status_code == 200, model._meta.label


# Who gets in ----------------------------------------------------------------------------------


ADMIN_PAGES = pytest.mark.parametrize(
    "url_name", ["admin:index", "admin:oaps_operationalaction_changelist"], ids=["index", "list"]
)


@ADMIN_PAGES
@pytest.mark.parametrize("who", ["staff_member", "ordinary_user"])
def test_a_user_who_is_not_a_superuser_is_sent_to_the_admin_login(
    who: str, url_name: str, client: Client, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@ADMIN_PAGES
def test_an_anonymous_visitor_is_sent_to_a_login_page_and_back(
    url_name: str, client: Client
) -> None:
    url = reverse(url_name)

    response = client.get(url)

    # The admin's own pages go to the admin login; a model's pages go through the project's
    # LoginRequiredMiddleware to the application login. Both come back here afterwards.
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path in {reverse("admin:login"), resolve_url(settings.LOGIN_URL)}
    assert parse_qs(location.query)["next"] == [url]


def test_an_inactive_superuser_is_not_an_administrator(rf: RequestFactory) -> None:
    request = rf.get("/admin/")
    request.user = User(email="gone@example.org", is_superuser=True, is_active=False)

    assert not admin.site.has_permission(request)


# The user admin -------------------------------------------------------------------------------


def test_administrator_adds_a_user_by_email_address(
    administrator_client: Client, world: SimpleNamespace
) -> None:
    response = administrator_client.post(
        url_of(User, "add"),
        {
            "email": "New.Expert@Example.org",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Nora",
            "last_name": "Expert",
            "organisation": world.police.pk,
            "country": world.country.pk,
            "language": "nl",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="new.expert@example.org")
    assert user.organisation == world.police
    assert user.check_password(PASSWORD)


def test_the_user_list_is_ordered_by_email(
    administrator_client: Client, world: SimpleNamespace
) -> None:
    response = administrator_client.get(url_of(User, "changelist"))

    emails = [user.email for user in response.context["cl"].result_list]
    assert emails == sorted(emails)


# Role assignments and the grants derived from them ---------------------------------------------


def test_giving_the_administrator_role_in_the_admin_makes_the_user_a_superuser_at_once(
    administrator_client: Client, world: SimpleNamespace
) -> None:
    response = administrator_client.post(
        url_of(RoleAssignment, "add"),
        {"user": world.user.pk, "role": Role.ADMINISTRATOR, "starts_on": clock.today()},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assignment = RoleAssignment.objects.get(user=world.user, role=Role.ADMINISTRATOR)
    world.user.refresh_from_db()
    assert (world.user.is_superuser, world.user.is_staff) == (True, True)
    assert assignment.assigned_by == world.administrator

    administrator_client.post(url_of(RoleAssignment, "delete", assignment.pk), {"post": "yes"})

    world.user.refresh_from_db()
    assert (world.user.is_superuser, world.user.is_staff) == (False, False)


def test_the_superuser_flags_cannot_be_edited_on_the_user_page(
    administrator_client: Client, world: SimpleNamespace
) -> None:
    response = administrator_client.get(url_of(User, "change", world.user.pk))

    form = response.context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "is_staff" not in form.fields


@pytest.mark.parametrize("model", [PlanGrant, ActionGrant, CountryGrant])
def test_derived_grants_can_be_seen_but_not_changed(
    model: type[Model], administrator_client: Client, world: SimpleNamespace
) -> None:
    grant = model._default_manager.get()

    response = administrator_client.post(url_of(model, "delete", grant.pk), {"post": "yes"})

    assert response.status_code == 403
    assert model._default_manager.filter(pk=grant.pk).exists()


# Inlines --------------------------------------------------------------------------------------


def test_a_progress_report_offers_only_the_kpis_of_its_action(
    administrator_client: Client, world: SimpleNamespace
) -> None:
    other_action = new_action(world)
    Kpi.objects.create(action=other_action, name="Seizures", unit="kg", target=5)

    response = administrator_client.get(url_of(ProgressReport, "change", world.report.pk))

    formset = response.context["inline_admin_formsets"][0].formset
    assert list(formset.empty_form.fields["kpi"].queryset) == [world.kpi]


def test_a_plan_lists_its_actions_read_only_with_a_link_to_each(
    administrator_client: Client, world: SimpleNamespace
) -> None:
    response = administrator_client.get(url_of(OperationalActionPlan, "change", world.plan.pk))

    assert response.status_code == 200
    assert url_of(OperationalAction, "change", world.action.pk) in response.content.decode()


# Query counts ---------------------------------------------------------------------------------


def more_actions(world: SimpleNamespace, n: int) -> None:
    for _ in range(n):
        new_action(world)


def more_progress_reports(world: SimpleNamespace, n: int) -> None:
    for _ in range(n):
        ProgressReport.objects.create(
            action=new_action(world),
            period=world.period,
            status=ProgressReport.Status.SUBMITTED,
            submitted_by=new_user(),
            submitted_at=clock.now(),
            reviewed_by=new_user(),
        )


def more_results(world: SimpleNamespace, n: int) -> None:
    for _ in range(n):
        OperationalResult.objects.create(
            action=new_action(world),
            joint_action_day=world.jad,
            result_type=world.result_type,
            quantity=Decimal(3),
            country=world.country,
            period_start=datetime.date(2026, 5, 4),
            period_end=datetime.date(2026, 5, 8),
            reported_by=new_user(),
        )


def more_funding_requests(world: SimpleNamespace, n: int) -> None:
    for _ in range(n):
        FundingRequest.objects.create(
            action=new_action(world),
            source=world.funding_source,
            call=world.funding_call,
            title="Operational meeting",
            requested=Decimal("9000.00"),
            requested_by=new_user(),
        )


def more_role_assignments(world: SimpleNamespace, n: int) -> None:
    """Rows of every scope: a plan, an action and a country."""
    for i in range(n):
        scope = [
            {"role": Role.CO_DRIVER, "plan": world.plan},
            {"role": Role.ACTION_LEADER, "action": new_action(world)},
            {"role": Role.NEC, "country": world.country},
        ][i % 3]
        RoleAssignment.objects.create(
            user=new_user(),
            starts_on=datetime.date(2026, 1, 1),
            assigned_by=world.administrator,
            **scope,
        )


def changelist_queries(client: Client, model: type[Model]) -> tuple[int, list[str]]:
    url = url_of(model, "changelist")
    client.get(url)  # warm the caches (content types, sessions) so both runs compare alike
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    changelist = response.context["cl"]
    # the rows counted are the rows shown: one table row with a checkbox per object
    assert response.content.decode().count('name="_selected_action"') == changelist.result_count
    return changelist.result_count, [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize(
    ("model", "add_rows"),
    [
        pytest.param(model, add_rows, id=model._meta.label)
        for model, add_rows in [
            (OperationalAction, more_actions),
            (ProgressReport, more_progress_reports),
            (OperationalResult, more_results),
            (FundingRequest, more_funding_requests),
            (RoleAssignment, more_role_assignments),
        ]
    ],
)
def test_a_list_runs_as_many_queries_for_twenty_rows_as_for_one(
    model: type[Model],
    add_rows: Callable[[SimpleNamespace, int], None],
    administrator_client: Client,
    world: SimpleNamespace,
) -> None:
    manager = model._default_manager
    manager.exclude(pk=manager.order_by("pk").first().pk).delete()
    one_row, queries_for_one = changelist_queries(administrator_client, model)
    add_rows(world, 19)
    twenty_rows, queries_for_twenty = changelist_queries(administrator_client, model)

    assert (one_row, twenty_rows) == (1, 20)
    assert len(queries_for_twenty) == len(queries_for_one), "\n".join(
        sql for sql in queries_for_twenty if sql not in queries_for_one
    )


class _FormValues(HTMLParser):
    """The values a browser would post back from a page's form (inputs, selected options,
    text areas), by field name."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "checkbox", "file"):
            self.values[name] = a.get("value") or ""
        elif tag == "input" and name and a.get("type") == "checkbox" and "checked" in a:
            self.values[name] = a.get("value") or "on"
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def test_inline_rows_saved_in_the_admin_record_one_event_per_row(
    administrator_client: Client, world: SimpleNamespace
) -> None:
    url = url_of(ThreatAssessment, "change", world.threat_assessment.pk)
    page = administrator_client.get(url)
    parser = _FormValues()
    parser.feed(page.content.decode())
    data = {k: v for k, v in parser.values.items() if "__prefix__" not in k}
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    data[f"{prefix}-0-title"] = "Cocaine trafficking through ports"
    data[f"{prefix}-TOTAL_FORMS"] = "2"
    data[f"{prefix}-1-title"] = "Synthetic drugs"
    data[f"{prefix}-1-trend"] = Threat.Trend.NEW
    data[f"{prefix}-1-assessment"] = str(world.threat_assessment.pk)
    last = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    answer = administrator_client.post(url, data)
    assert answer.status_code == 302, answer.context["errors"] if answer.context else answer
    events = list(Event.objects.filter(pk__gt=last).order_by("pk"))
    codes = sorted(event.code for event in events)
    # the admin saves the page's own record too: one Event per record saved
    assert codes == [
        "cycles.threat.changed",
        "cycles.threat.created",
        "cycles.threat_assessment.changed",
    ], codes
    changed = next(event for event in events if event.code == "cycles.threat.changed")
    assert changed.object_id == world.threat.pk
    assert changed.changes["title"] == ["Cocaine trafficking", "Cocaine trafficking through ports"]
    assert all(event.actor_id == world.administrator.pk for event in events)


def test_an_administrator_setting_a_password_in_the_admin_records_one_event_without_it(
    administrator_client: Client, world: SimpleNamespace
) -> None:
    url = reverse("admin:auth_user_password_change", args=[world.user.pk])
    last = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    secret = "a-new-long-password-2026"
    answer = administrator_client.post(
        url, {"password1": secret, "password2": secret, "usable_password": "true"}
    )
    assert answer.status_code == 302, answer.context["form"].errors if answer.context else answer
    world.user.refresh_from_db()
    assert world.user.check_password(secret)
    events = list(Event.objects.filter(pk__gt=last))
    assert [(e.code, e.object_id, e.actor_id) for e in events] == [
        ("actors.user.password_changed", world.user.pk, world.administrator.pk)
    ]
    assert secret not in str(events[0].payload)
