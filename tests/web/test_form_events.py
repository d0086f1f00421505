"""Every HTML page that writes records exactly one Event with its declared code, about the record
it changed; a post the role may not make records none.

One row per writing page (``WRITES``): who may post, what they post (a valid change, built from
the page as a browser shows it), the code and the record of the one Event. Pages that accept a
post but record nothing are listed with the reason (``RECORDS_NOTHING``); a meta-test fails when
the URL map has a page that accepts POST and is in neither list. The API (tests/api/test_matrix.py)
and the admin (``empact.admin.AuditedAdminMixin``, tests/empact/test_events.py) have their own.
"""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django import forms
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.forms.formsets import BaseFormSet
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from actors.api.authentication import api_token_create
from actors.models import ApiToken, RoleAssignment, User
from assessments.models import Assessment, DelegationComment
from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Recommendation,
    Threat,
    ThreatAssessment,
)
from discussion.models import Comment
from empact.models import Event
from empact.services import version_of
from oaps import services
from oaps.forms import organisation_label
from oaps.models import (
    AmendmentChange,
    Kpi,
    LockException,
    OperationalAction,
    OperationalActionPlan,
    Participation,
    PlanAmendment,
    PlanGoal,
    ProgressReport,
    ReportingPeriod,
)
from priorities.models import HorizontalGoal, Masp, Priority
from reminders.models import CalendarFeed, Preference
from reviews.models import Position, ReviewRound
from revisions.models import Revision
from tests.access.world import PASSWORD, TODAY

pytestmark = pytest.mark.django_db


class Scene(dict):
    """The world's objects, the row's own (from its ``setup``) and its users, by attribute."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


# --- what a browser posts ----------------------------------------------------------------------


def field_data(form: forms.BaseForm) -> dict:
    """What a browser posts for a rendered form, as it shows it."""
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif getattr(bound.field.widget, "allow_multiple_selected", False):
            data[bound.html_name] = [str(v) for v in value or []]
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


def _posted(items) -> dict:
    data: dict[str, Any] = {}
    for item in items:
        if item is None:
            continue
        if isinstance(item, BaseFormSet):
            data.update(field_data(item.management_form))
            for form in item.forms:
                data.update(field_data(form))
        else:
            data.update(field_data(item))
    return data


def shown(client: Client, url: str, *names: str, **changes: Any) -> dict:
    """The forms ``names`` of the page at ``url`` as a browser posts them, with ``changes``."""
    page = client.get(url)
    assert page.status_code == 200, f"{url} answers {page.status_code}"
    data = _posted(page.context[name] for name in names)
    data.update(changes)
    return data


def report_shown(client: Client, url: str, **changes: Any) -> dict:
    """The report editor as a browser posts it (its form, KPI values and result rows)."""
    page = client.get(url)
    assert page.status_code == 200, f"{url} answers {page.status_code}"
    editor = page.context["editor"]
    data = _posted([editor.form, *editor.kpi_forms, editor.results])
    data.update(changes)
    return data


ACTION_FORMS = ("form", "kpi_formset", "participant_formset", "remove_form")


def action_shown(client: Client, url: str, **changes: Any) -> dict:
    page = client.get(url)
    assert page.status_code == 200, f"{url} answers {page.status_code}"
    data = _posted(page.context[name] for name in ACTION_FORMS)
    data.update(changes)
    return data


# --- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Write:
    """A valid post to a writing page and the one Event it records."""

    id: str
    url_name: str
    role: str | None  # who may post (a role of the world; None: a visitor not signed in)
    refused: str | None  # who may not (None: a visitor not signed in)
    url: Callable[[Scene, Client], str]
    data: Callable[[Scene, Client], dict]
    code: str
    # the record the Event is about: the object, or the model of a record the post creates
    about: Callable[[Scene], Model | type[Model]]
    setup: Callable[[Scene], dict] = field(default=lambda s: {})
    # the Events recorded after the first, when one post is several changes (an amendment
    # approved: the approval, then each change applied with its reason)
    more: tuple[str, ...] = ()


def _submitted_p1(s: Scene) -> dict:
    services.plan_submit(actor=s.users["driver"], plan=s.p1)
    return {}


def _pending_be(s: Scene) -> dict:
    return {"pending": Participation.objects.create(action=s.a2, country=s.be)}


def _h2(s: Scene) -> dict:
    period = ReportingPeriod.objects.create(
        plan=s.p1,
        title="H2 2024",
        start=s.p1_period.end.replace(month=7, day=1),
        end=s.p1_period.end.replace(month=12, day=31),
        deadline=s.p1_period.end.replace(year=s.p1_period.end.year + 1, month=1, day=31),
    )
    return {"h2": period}


def _complete_r1(s: Scene) -> dict:
    services.progress_report_save(
        actor=s.users["action_leader"],
        action=s.a1,
        period=s.p1_period,
        data={"narrative": "All hubs mapped.", "completion_estimate": 60},
        version=None,
    )
    return {}


def _token(s: Scene) -> dict:
    token, _key = api_token_create(user=s.users["driver"], name="Sync", expires_on=None)
    return {"token": token}


def _result_row(period: ReportingPeriod, result_type) -> dict:
    return {
        "results-0-result_type": str(result_type.pk),
        "results-0-quantity": "4",
        "results-0-period_start": period.start.isoformat(),
        "results-0-period_end": (period.start + datetime.timedelta(days=60)).isoformat(),
    }


def _reset_url(s: Scene, client: Client) -> str:
    """The set-password page a reset link leads to (the link's token moves into the session)."""
    user = User.objects.get(pk=s.users["driver"].pk)  # as stored: its token is from the row
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    response = client.get(link)
    return response["Location"] if response.status_code == 302 else link


def _withdrawn_p2_amendment(s: Scene) -> dict:
    services.amendment_withdraw(actor=s.users["co_driver"], amendment=s.p2_amendment)
    return {}


def _submitted_p2_amendment(s: Scene) -> dict:
    services.amendment_submit(actor=s.users["co_driver"], amendment=s.p2_amendment)
    return {}


def _amendment_url(name: str) -> Callable[[Scene, Client], str]:
    return lambda s, c: reverse(name, args=[s.p2_amendment.pk])


def _url(name: str, key: str | None = None) -> Callable[[Scene, Client], str]:
    return lambda s, c: reverse(name, args=[s[key].pk]) if key else reverse(name)


def _setup_edit(what: str, url_name: str, key: str, code: str) -> Write:
    """A set-up page editing one object: the secretariat renames it, a delegate may not."""
    return Write(
        f"{what} edited",
        url_name,
        "secretariat",
        "cosi_delegate",
        _url(url_name, key),
        lambda s, c: shown(c, reverse(url_name, args=[s[key].pk]), "form", title="Renamed"),
        code,
        lambda s: s[key],
    )


def _cycle_new(s: Scene) -> dict:
    return {"cycle_new": Cycle.objects.create(first_year=2030, name="EMPACT 2030-2033")}


def _masp_new(s: Scene) -> dict:
    cycle = _cycle_new(s)["cycle_new"]
    return {"cycle_new": cycle, "masp_new": Masp.objects.create(cycle=cycle, title="MASP 2030")}


def _edit_action(**changes):
    return lambda s, c: action_shown(c, reverse("action-edit", args=[s.a1.pk]), **changes)


WRITES = [
    Write(
        "cycle set up",
        "cycle-create",
        "secretariat",
        "driver",
        _url("cycle-create"),
        lambda s, c: shown(c, reverse("cycle-create"), "form", first_year="2031"),
        "cycles.cycle.set_up",
        lambda s: Cycle,
    ),
    Write(
        "comment added",
        "comment-add",
        "driver",
        "participant",
        lambda s, c: reverse("comment-add"),
        lambda s, c: {
            **field_data(c.get(reverse("plan-detail", args=[s.p1.pk])).context["discussion"].form),
            "body": "Ready for COSI?",
        },
        "discussion.comment.added",
        lambda s: Comment,
    ),
    Write(
        "missing milestones generated",
        "cycle-milestones-generate",
        "secretariat",
        "cosi_delegate",
        _url("cycle-milestones-generate", "cycle_b"),
        lambda s, c: {},
        "cycles.cycle.milestones_generated",
        lambda s: s.cycle_b,
    ),
    _setup_edit("milestone", "milestone-edit", "milestone_b", "cycles.milestone.changed"),
    Write(
        "threat assessment added",
        "threat-assessment-create",
        "secretariat",
        "cosi_delegate",
        _url("threat-assessment-create", "cycle_b"),
        lambda s, c: shown(
            c,
            reverse("threat-assessment-create", args=[s.cycle_b.pk]),
            "form",
            kind="interim_report",
            title="Interim report",
        ),
        "cycles.threat_assessment.created",
        lambda s: ThreatAssessment,
    ),
    _setup_edit(
        "threat assessment",
        "threat-assessment-edit",
        "threat_assessment_b",
        "cycles.threat_assessment.changed",
    ),
    Write(
        "threat added",
        "threat-create",
        "secretariat",
        "cosi_delegate",
        _url("threat-create", "threat_assessment_b"),
        lambda s, c: shown(
            c,
            reverse("threat-create", args=[s.threat_assessment_b.pk]),
            "form",
            title="Synthetic opioids",
            trend="new",
        ),
        "cycles.threat.created",
        lambda s: Threat,
    ),
    _setup_edit("threat", "threat-edit", "threat_b", "cycles.threat.changed"),
    Write(
        "priority added",
        "priority-create",
        "secretariat",
        "cosi_delegate",
        _url("priority-create", "cycle_b"),
        lambda s, c: shown(
            c, reverse("priority-create", args=[s.cycle_b.pk]), "form", code="NEW", title="New"
        ),
        "priorities.priority.created",
        lambda s: Priority,
    ),
    _setup_edit("priority", "priority-edit", "priority_b", "priorities.priority.changed"),
    Write(
        "general MASP added",
        "masp-create",
        "secretariat",
        "cosi_delegate",
        _url("masp-create", "cycle_new"),
        lambda s, c: shown(c, reverse("masp-create", args=[s.cycle_new.pk]), "form"),
        "priorities.masp.created",
        lambda s: Masp,
        setup=_cycle_new,
    ),
    _setup_edit("general MASP", "masp-edit", "masp_b", "priorities.masp.changed"),
    Write(
        "CHSG added",
        "chsg-create",
        "secretariat",
        "cosi_delegate",
        _url("chsg-create", "masp_b"),
        lambda s, c: shown(c, reverse("chsg-create", args=[s.masp_b.pk]), "form", title="New"),
        "priorities.horizontal_goal.created",
        lambda s: HorizontalGoal,
    ),
    _setup_edit("CHSG", "chsg-edit", "chsg_b", "priorities.horizontal_goal.changed"),
    Write(
        "previous cycle's CHSGs copied",
        "chsgs-copy",
        "secretariat",
        "cosi_delegate",
        _url("chsgs-copy", "masp_new"),
        lambda s, c: {"goals": [str(s.chsg_b.pk)]},
        "priorities.masp.goals_copied",
        lambda s: s.masp_new,
        setup=_masp_new,
    ),
    Write(
        "plan added with its driver",
        "plan-create",
        "secretariat",
        "cosi_delegate",
        _url("plan-create", "cycle_b"),
        lambda s, c: shown(
            c,
            reverse("plan-create", args=[s.cycle_b.pk]),
            "form",
            priority=str(s.priority_b.pk),
            code="OAP NEW",
            title="New plan",
            driver="Police NL (NL)",
        ),
        "oaps.plan.created",
        lambda s: OperationalActionPlan,
    ),
    Write(
        "plan set up changed",
        "plan-setup",
        "secretariat",
        "driver",
        _url("plan-setup", "p3"),
        lambda s, c: shown(c, reverse("plan-setup", args=[s.p3.pk]), "form", code="OAP NL"),
        "oaps.plan.changed",
        lambda s: s.p3,
    ),
    Write(
        "reporting periods generated",
        "reporting-periods-generate",
        "secretariat",
        "cosi_delegate",
        _url("reporting-periods-generate", "cycle_b"),
        lambda s, c: {"months": "12", "days_to_report": "15"},
        "oaps.reporting_period.generated",
        lambda s: s.cycle_b,
    ),
    _setup_edit(
        "reporting period", "reporting-period-edit", "p3_period", "oaps.reporting_period.changed"
    ),
    Write(
        "plan edited",
        "plan-edit",
        "driver",
        "participant",
        _url("plan-edit", "p1"),
        lambda s, c: shown(c, reverse("plan-edit", args=[s.p1.pk]), "form", title="Sharper"),
        "oaps.plan.changed",
        lambda s: s.p1,
    ),
    Write(
        "plan goal added",
        "plan-goal-create",
        "driver",
        "participant",
        _url("plan-goal-create", "p1"),
        lambda s, c: shown(
            c, reverse("plan-goal-create", args=[s.p1.pk]), "form", **{"new-goal-title": "Hubs"}
        ),
        "oaps.plan_goal.created",
        lambda s: PlanGoal,
    ),
    Write(
        "plan goal edited",
        "plan-goal-edit",
        "driver",
        "participant",
        _url("plan-goal-edit", "p1_goal"),
        lambda s, c: shown(
            c,
            reverse("plan-goal-edit", args=[s.p1_goal.pk]),
            "form",
            **{f"goal-{s.p1_goal.pk}-title": "Sharper goal"},
        ),
        "oaps.plan_goal.changed",
        lambda s: s.p1_goal,
    ),
    Write(
        "plan goal deleted",
        "plan-goal-delete",
        "driver",
        "participant",
        _url("plan-goal-delete", "p1_goal"),
        lambda s, c: {},
        "oaps.plan_goal.deleted",
        lambda s: s.p1_goal,
    ),
    Write(
        "plan submitted",
        "plan-submit",
        "driver",
        "participant",
        _url("plan-submit", "p1"),
        lambda s, c: {},
        "oaps.plan.submitted",
        lambda s: s.p1,
    ),
    Write(
        "plan approved",
        "plan-approve",
        "secretariat",
        "driver",
        _url("plan-approve", "p1"),
        lambda s, c: {
            "approve-comment": "Well argued.",
            "approve-approved_on": "2026-11-20",
            "approve-meeting_reference": "CM 1/26",
        },
        "oaps.plan.approved",
        lambda s: s.p1,
        setup=_submitted_p1,
    ),
    Write(
        "plan returned",
        "plan-return",
        "secretariat",
        "driver",
        _url("plan-return", "p1"),
        lambda s, c: {"return-comment": "Add a KPI per action."},
        "oaps.plan.returned",
        lambda s: s.p1,
        setup=_submitted_p1,
    ),
    Write(
        "action created",
        "action-create",
        "driver",
        "participant",
        _url("action-create", "p1"),
        lambda s, c: action_shown(
            c,
            reverse("action-create", args=[s.p1.pk]),
            code="OA 9.1",
            title="New action",
            horizontal_goal=str(s.chsg_a.pk),
            leader="Police BE (BE)",
            start_date="2024-03-01",
            end_date="2024-09-30",
            status="planned",
        ),
        "oaps.action.created",
        lambda s: OperationalAction,
    ),
    Write(
        "action edited",
        "action-edit",
        "driver",
        "participant",
        _url("action-edit", "a1"),
        _edit_action(title="Sharper action"),
        "oaps.action.changed",
        lambda s: s.a1,
    ),
    Write(
        "KPI added on the action form",
        "action-edit",
        "driver",
        "participant",
        _url("action-edit", "a1"),
        _edit_action(
            **{
                "kpis-TOTAL_FORMS": "2",
                "kpis-1-name": "Arrests",
                "kpis-1-unit": "number",
                "kpis-1-baseline": "0",
                "kpis-1-target": "20",
                "kpis-1-direction": "increase",
            }
        ),
        "oaps.kpi.created",
        lambda s: Kpi,
    ),
    Write(
        "KPI edited on the action form",
        "action-edit",
        "driver",
        "participant",
        _url("action-edit", "a1"),
        _edit_action(**{"kpis-0-target": "15"}),
        "oaps.kpi.changed",
        lambda s: s.a1_kpi,
    ),
    Write(
        "KPI deleted on the action form",
        "action-edit",
        "driver",
        "participant",
        _url("action-edit", "a1"),
        _edit_action(**{"kpis-0-DELETE": "on"}),
        "oaps.kpi.deleted",
        lambda s: s.a1_kpi,
    ),
    Write(
        "participant added on the action form",
        "action-edit",
        "driver",
        "participant",
        _url("action-edit", "a1"),
        lambda s, c: action_shown(
            c,
            reverse("action-edit", args=[s.a1.pk]),
            **{
                "participants-TOTAL_FORMS": "1",
                "participants-0-country": str(s.de.pk),
                "participants-0-role": "participant",
            },
        ),
        "oaps.participation.added",
        lambda s: Participation,
    ),
    Write(
        "participant removed on the action form",
        "action-edit",
        "driver",
        "participant",
        _url("action-edit", "a1"),
        lambda s, c: action_shown(
            c,
            reverse("action-edit", args=[s.a1.pk]),
            **{"remove-participations": [str(s.part_a1_nl.pk)]},
        ),
        "oaps.participation.removed",
        lambda s: s.part_a1_nl,
    ),
    Write(
        "action cancelled",
        "action-cancel",
        "driver",
        "participant",
        _url("action-cancel", "a1"),
        lambda s, c: {},
        "oaps.action.cancelled",
        lambda s: s.a1,
    ),
    Write(
        "actions reordered",
        "action-reorder",
        "driver",
        "participant",
        _url("action-reorder", "p1"),
        lambda s, c: {"down": str(s.a1.pk)},
        "oaps.plan.reordered",
        lambda s: s.p1,
    ),
    Write(
        "participation confirmed",
        "participation-confirm",
        "nec",
        "driver",
        _url("participation-confirm", "pending"),
        lambda s, c: {},
        "oaps.participation.confirmed",
        lambda s: s.pending,
        setup=_pending_be,
    ),
    Write(
        "participation declined",
        "participation-decline",
        "nec",
        "driver",
        _url("participation-decline", "part_a3_be"),
        lambda s, c: {},
        "oaps.participation.declined",
        lambda s: s.part_a3_be,
    ),
    Write(
        "report started with narrative, KPI value and a result",
        "action-report",
        "action_leader",
        "participant",
        lambda s, c: f"{reverse('action-report', args=[s.a1.pk])}?period={s.h2.pk}",
        lambda s, c: report_shown(
            c,
            f"{reverse('action-report', args=[s.a1.pk])}?period={s.h2.pk}",
            narrative="Started.",
            **{f"kpi-{s.a1_kpi.pk}-value": "2"},
            **_result_row(s.h2, s.result_type),
        ),
        "oaps.report.drafted",
        lambda s: ProgressReport,
        setup=_h2,
    ),
    Write(
        "report saved with narrative, KPI value and a result",
        "report-edit",
        "action_leader",
        "participant",
        _url("report-edit", "r1"),
        lambda s, c: report_shown(
            c,
            reverse("report-edit", args=[s.r1.pk]),
            narrative="Two hubs mapped.",
            **{f"kpi-{s.a1_kpi.pk}-value": "4"},
            **_result_row(s.p1_period, s.result_type),
        ),
        "oaps.report.saved",
        lambda s: s.r1,
    ),
    Write(
        "report submitted",
        "report-edit",
        "action_leader",
        "participant",
        _url("report-edit", "r1"),
        lambda s, c: report_shown(c, reverse("report-edit", args=[s.r1.pk]), submit="1"),
        "oaps.report.submitted",
        lambda s: s.r1,
        setup=_complete_r1,
    ),
    Write(
        "report accepted",
        "report-review",
        "driver",
        "action_leader",
        _url("report-review", "r2"),
        lambda s, c: {"decision": "accept", "comment": ""},
        "oaps.report.accepted",
        lambda s: s.r2,
    ),
    Write(
        "report returned",
        "report-review",
        "driver",
        "action_leader",
        _url("report-review", "r2"),
        lambda s, c: {"decision": "return", "comment": "Add the KPI values."},
        "oaps.report.returned",
        lambda s: s.r2,
    ),
    Write(
        "account created",
        "user-create",
        "administrator",
        "driver",
        _url("user-create"),
        lambda s, c: shown(
            c,
            reverse("user-create"),
            "form",
            email="new.colleague@example.eu",
            first_name="New",
            last_name="Colleague",
            organisation=str(s.org_be.pk),
            country=str(s.be.pk),
            language="en",
        ),
        "actors.user.created",
        lambda s: User,
    ),
    Write(
        "account deactivated",
        "user-deactivate",
        "administrator",
        "driver",
        _url("user-deactivate", "outsider_nl"),
        lambda s, c: {},
        "actors.user.deactivated",
        lambda s: s.outsider_nl,
    ),
    Write(
        "role assigned",
        "role-create",
        "administrator",
        "participant",
        _url("role-create"),
        lambda s, c: shown(
            c,
            reverse("role-create"),
            "form",
            user=str(s.outsider_nl.pk),
            role="participant",
            action=str(s.a1.pk),
            starts_on=TODAY.isoformat(),
        ),
        "actors.role.assigned",
        lambda s: RoleAssignment,
    ),
    Write(
        "role ended",
        "role-end",
        "administrator",
        "participant",
        _url("role-end", "ra_participant"),
        lambda s, c: {"ends_on": TODAY.isoformat(), "reason": "Moved on."},
        "actors.role.ended",
        lambda s: s.ra_participant,
    ),
    Write(
        "role handed over",
        "role-handover",
        "administrator",
        "participant",
        _url("role-handover", "ra_participant"),
        lambda s, c: {"successor": str(s.colleague_be.pk), "on": TODAY.isoformat()},
        "actors.role.handed_over",
        lambda s: s.ra_participant,
    ),
    Write(
        "preferred language saved on the profile",
        "profile",
        "driver",
        None,
        _url("profile"),
        lambda s, c: {"language": "nl"},
        "actors.user.language_set",
        lambda s: s.users["driver"],
    ),
    Write(
        "language switched",
        "set_language",
        "driver",
        None,
        _url("set_language"),
        lambda s, c: {"language": "nl", "next": "/"},
        "actors.user.language_set",
        lambda s: s.users["driver"],
    ),
    Write(
        "e-mail address changed",
        "profile-email",
        "driver",
        None,
        _url("profile-email"),
        lambda s, c: {"new_email": "driver.new@example.eu", "password": PASSWORD},
        "actors.user.email_changed",
        lambda s: s.users["driver"],
    ),
    Write(
        "password changed",
        "password_change",
        "driver",
        None,
        _url("password_change"),
        lambda s, c: {
            "old_password": PASSWORD,
            "new_password1": "a-new-and-long-passphrase",
            "new_password2": "a-new-and-long-passphrase",
        },
        "actors.user.password_changed",
        lambda s: s.users["driver"],
    ),
    Write(
        "password set by a reset link",
        "password_reset_confirm",
        None,
        None,
        _reset_url,
        lambda s, c: {
            "new_password1": "a-new-and-long-passphrase",
            "new_password2": "a-new-and-long-passphrase",
        },
        "actors.user.password_changed",
        lambda s: s.users["driver"],
    ),
    Write(
        "API token created",
        "token-list",
        "driver",
        None,
        _url("token-list"),
        lambda s, c: {"name": "Europol data sync", "expires_on": ""},
        "actors.api_token.created",
        lambda s: ApiToken,
    ),
    Write(
        "API token revoked",
        "token-revoke",
        "driver",
        "participant",
        _url("token-revoke", "token"),
        lambda s, c: {},
        "actors.api_token.revoked",
        lambda s: s.token,
        setup=_token,
    ),
    # Reminders (issue 13)
    Write(
        "e-mail preference saved",
        "notification-preferences",
        "participant",
        None,
        _url("notification-preferences"),
        lambda s, c: {"mode": "digest", "other_email": ""},
        "reminders.preference.changed",
        lambda s: Preference,
    ),
    Write(
        "calendar address renewed",
        "calendar-renew",
        "participant",
        None,
        _url("calendar-renew"),
        lambda s, c: {},
        "reminders.calendar_feed.renewed",
        lambda s: CalendarFeed,
    ),
    Write(
        "lock exception granted",
        "lock-exception-create",
        "driver",
        "action_leader",
        lambda s, c: f"{reverse('lock-exception-create', args=[s.a1.pk])}?period={s.p1_period.pk}",
        lambda s, c: shown(
            c,
            f"{reverse('lock-exception-create', args=[s.a1.pk])}?period={s.p1_period.pk}",
            "form",
            user=str(s.users["action_leader"].pk),
            until="2099-12-31",
            reason="The national figures came late",
        ),
        "oaps.lock_exception.added",
        lambda s: LockException,
    ),
    Write(
        "lock exception revoked",
        "lock-exception-delete",
        "driver",
        "action_leader",
        _url("lock-exception-delete", "lock_a1"),
        lambda s, c: {},
        "oaps.lock_exception.removed",
        lambda s: s.lock_a1,
    ),
    Write(
        "missing report nudged",
        "report-nudge",
        "driver",
        "participant",
        _url("report-nudge", "a1"),
        lambda s, c: {"period": str(s.p1_period.pk)},
        "reminders.action.nudged",
        lambda s: s.a1,
    ),
    Write(
        "review round opened",
        "review-round-create",
        "secretariat",
        "cosi_delegate",
        _url("review-round-create"),
        lambda s, c: {"title": "", "plans": [str(s.p1.pk)], "closes_on": "2026-12-15"},
        "reviews.round.opened",
        lambda s: ReviewRound,
        setup=_submitted_p1,
    ),
    Write(
        "review round closed",
        "review-round-close",
        "secretariat",
        "cosi_delegate",
        _url("review-round-close", "round_b"),
        lambda s, c: {},
        "reviews.round.closed",
        lambda s: s.round_b,
    ),
    Write(
        "position given",
        "position-give",
        "cosi_delegate",
        "secretariat",
        lambda s, c: f"{reverse('position-give', args=[s.p3.pk])}?round={s.round_b.pk}",
        lambda s, c: {"position": "agree", "comment": ""},
        "reviews.position.given",
        lambda s: Position,
    ),
    Write(
        "assessment opened",
        "assessment-create",
        "secretariat",
        "cosi_delegate",
        _url("assessment-create", "cycle_b"),
        lambda s, c: {"kind": "final", "opens_on": "2026-12-01", "closes_on": "2026-12-20"},
        "assessments.assessment.opened",
        lambda s: Assessment,
    ),
    Write(
        "assessment adopted",
        "assessment-adopt",
        "secretariat",
        "cosi_delegate",
        _url("assessment-adopt", "assessment_a_final"),
        lambda s, c: {"conclusions": "On track.", "recommendations": ""},
        "assessments.assessment.adopted",
        lambda s: s.assessment_a_final,
    ),
    Write(
        "Europol's findings given",
        "assessment-item-europol",
        "europol",
        "co_driver",
        _url("assessment-item-europol", "item_final_p2"),
        lambda s, c: {
            "europol-europol_rating": "largely",
            "europol-europol_findings": "Solid data.",
            "europol-version": version_of(s.item_final_p2),
        },
        "assessments.assessment_item.europol_findings_given",
        lambda s: s.item_final_p2,
    ),
    Write(
        "drivers' findings given",
        "assessment-item-drivers",
        "co_driver",
        "europol",
        _url("assessment-item-drivers", "item_final_p2"),
        lambda s, c: {
            "drivers-drivers_rating": "partially",
            "drivers-drivers_findings": "One action late.",
        },
        "assessments.assessment_item.drivers_findings_given",
        lambda s: s.item_final_p2,
    ),
    Write(
        "overall rating given",
        "assessment-item-rating",
        "secretariat",
        "europol",
        _url("assessment-item-rating", "item_final_p2"),
        lambda s, c: {
            "overall-rating": "largely",
            "overall-findings": "Mostly on track.",
            "overall-recommendations": "",
        },
        "assessments.assessment_item.changed",
        lambda s: s.item_final_p2,
    ),
    Write(
        "delegation's comment given",
        "assessment-item-comment",
        "cosi_delegate",
        "europol",
        _url("assessment-item-comment", "item_final_p2_goal"),
        lambda s, c: {"text": "More KPIs, please."},
        "assessments.delegation_comment.given",
        lambda s: DelegationComment,
    ),
]

WRITES += [
    Write(
        "action status moved",
        "action-status",
        "co_action_leader",
        "participant",
        _url("action-status", "a3"),
        lambda s, c: {"step": "delay", "reason": "Waiting for a court order"},
        "oaps.action.delayed",
        lambda s: s.a3,
    ),
    Write(
        "amendment opened",
        "plan-amend",
        "co_driver",
        "participant",
        _url("plan-amend", "p2"),
        lambda s, c: {"reason": "A new route opened"},
        "oaps.amendment.opened",
        lambda s: PlanAmendment,
        setup=_withdrawn_p2_amendment,
    ),
    Write(
        "amendment submitted",
        "amendment-submit",
        "co_driver",
        "participant",
        _amendment_url("amendment-submit"),
        lambda s, c: {},
        "oaps.amendment.submitted",
        lambda s: s.p2_amendment,
    ),
    Write(
        "amendment withdrawn",
        "amendment-withdraw",
        "co_driver",
        "participant",
        _amendment_url("amendment-withdraw"),
        lambda s, c: {},
        "oaps.amendment.withdrawn",
        lambda s: s.p2_amendment,
    ),
    Write(
        "amendment approved",
        "amendment-approve",
        "secretariat",
        "co_driver",
        _amendment_url("amendment-approve"),
        lambda s, c: {"approve-decided_on": "2026-11-20", "approve-meeting_reference": "COSI"},
        "oaps.amendment.approved",
        lambda s: s.p2_amendment,
        setup=_submitted_p2_amendment,
        more=("oaps.kpi.amended",),
    ),
    Write(
        "amendment returned",
        "amendment-return",
        "secretariat",
        "co_driver",
        _amendment_url("amendment-return"),
        lambda s, c: {"return-comment": "Explain the new target"},
        "oaps.amendment.returned",
        lambda s: s.p2_amendment,
        setup=_submitted_p2_amendment,
    ),
    Write(
        "amendment proposes a change of an action",
        "amendment-action-edit",
        "co_driver",
        "participant",
        _url("amendment-action-edit", "a3"),
        lambda s, c: shown(
            c,
            reverse("amendment-action-edit", args=[s.a3.pk]),
            "form",
            title="Wider",
            reason="A new route",
        ),
        "oaps.amendment_change.created",
        lambda s: AmendmentChange,
    ),
    Write(
        "amendment proposes a change of a KPI",
        "amendment-kpi-edit",
        "co_driver",
        "participant",
        _url("amendment-kpi-edit", "a3_kpi"),
        lambda s, c: shown(
            c,
            reverse("amendment-kpi-edit", args=[s.a3_kpi.pk]),
            "form",
            name="Cases opened",
        ),
        "oaps.amendment_change.created",
        lambda s: AmendmentChange,
    ),
    Write(
        "amendment proposes a new action",
        "amendment-action-add",
        "co_driver",
        "participant",
        _amendment_url("amendment-action-add"),
        lambda s, c: {
            "code": "OA 77",
            "title": "Financial investigations",
            "horizontal_goal": str(s.chsg_a.pk),
            "leader": organisation_label(s.org_de),
            "start_date": "2024-03-01",
            "end_date": "2024-10-31",
            "reason": "Money laundering",
        },
        "oaps.amendment_change.created",
        lambda s: AmendmentChange,
    ),
    Write(
        "amendment proposes a new KPI",
        "amendment-kpi-add",
        "co_driver",
        "participant",
        _url("amendment-kpi-add", "a3"),
        lambda s, c: {
            "name": "Seizures",
            "unit": "kg",
            "target": "5",
            "direction": "increase",
            "reason": "Measure seizures",
        },
        "oaps.amendment_change.created",
        lambda s: AmendmentChange,
    ),
    Write(
        "amendment proposes removing an action",
        "amendment-remove",
        "co_driver",
        "participant",
        _amendment_url("amendment-remove"),
        lambda s, c: {"target_type": "action", "target_id": str(s.a3.pk), "reason": "Done"},
        "oaps.amendment_change.created",
        lambda s: AmendmentChange,
    ),
    Write(
        "proposed change taken back",
        "amendment-change-delete",
        "co_driver",
        "participant",
        _url("amendment-change-delete", "p2_change"),
        lambda s, c: {},
        "oaps.amendment_change.deleted",
        lambda s: s.p2_change,
    ),
]

# Pages that accept a post and record no Event, and why.
WRITES += [
    Write(
        "evaluation added",
        "evaluation-create",
        "commission",
        "secretariat",
        _url("evaluation-create"),
        lambda s, c: {"cycle": str(s.cycle_new.pk), "title": "Evaluation", "status": "planned"},
        "cycles.evaluation.created",
        lambda s: Evaluation,
        setup=lambda s: {"cycle_new": Cycle.objects.create(first_year=2034, name="EMPACT 2034")},
    ),
    Write(
        "evaluation edited",
        "evaluation-edit",
        "commission",
        "secretariat",
        _url("evaluation-edit", "evaluation_a"),
        lambda s, c: shown(
            c, reverse("evaluation-edit", args=[s.evaluation_a.pk]), "form", title="Renamed"
        ),
        "cycles.evaluation.changed",
        lambda s: s.evaluation_a,
    ),
    Write(
        "recommendation added",
        "recommendation-create",
        "commission",
        "secretariat",
        _url("recommendation-create", "evaluation_a"),
        lambda s, c: shown(
            c, reverse("recommendation-create", args=[s.evaluation_a.pk]), "form", text="New"
        ),
        "cycles.recommendation.created",
        lambda s: Recommendation,
    ),
    Write(
        "recommendation edited",
        "recommendation-edit",
        "commission",
        "secretariat",
        _url("recommendation-edit", "recommendation_a"),
        lambda s, c: shown(
            c, reverse("recommendation-edit", args=[s.recommendation_a.pk]), "form", text="New"
        ),
        "cycles.recommendation.changed",
        lambda s: s.recommendation_a,
    ),
    Write(
        "recommendation followed up",
        "recommendation-follow-up",
        "secretariat",
        "cosi_delegate",
        _url("recommendation-follow-up", "recommendation_a"),
        lambda s, c: {"status": "in_progress", "reason": "", "note": "Begun"},
        "cycles.recommendation.followed_up",
        lambda s: s.recommendation_a,
    ),
    Write(
        "next cycle started",
        "cycle-next",
        "secretariat",
        "commission",
        _url("cycle-next", "cycle_b"),
        lambda s, c: shown(c, reverse("cycle-next", args=[s.cycle_b.pk]), "form"),
        "cycles.cycle.next_started",
        lambda s: Cycle,
    ),
    Write(
        "document created",
        "document-create",
        "secretariat",
        "cosi_delegate",
        _url("document-create"),
        lambda s, c: {"kind": "other", "title": "Working paper", "cycle": str(s.cycle_a.pk)},
        "cycles.document.created",
        lambda s: EmpactDocument,
    ),
    Write(
        "document version uploaded",
        "document-version-upload",
        "secretariat",
        "cosi_delegate",
        _url("document-version-upload", "document_a"),
        lambda s, c: {
            "upload": SimpleUploadedFile("paper.pdf", PDF_BYTES, "application/pdf"),
            "approved_on": "",
            "council_reference": "",
            "notes": "Second reading.",
        },
        "cycles.document_version.uploaded",
        lambda s: DocumentVersion,
    ),
    Write(
        "revision proposed",
        "revision-propose",
        "secretariat",
        "cosi_delegate",
        lambda s, c: reverse("revision-propose") + f"?cycle={s.cycle_a.pk}",
        lambda s, c: {
            "priority": str(s.priority_a.pk),
            "reason": "The interim report names a new route.",
            "title": "Priority a, in new words",
        },
        "revisions.revision.proposed",
        lambda s: Revision,
    ),
    Write(
        "revision adopted",
        "revision-adopt",
        "secretariat",
        "cosi_delegate",
        _url("revision-adopt", "revision_priority_a"),
        lambda s, c: {"decided_on": "2026-12-01", "note": ""},
        "revisions.revision.adopted",
        lambda s: s.revision_priority_a,
        more=("priorities.priority.revised",),
    ),
    Write(
        "revision rejected",
        "revision-reject",
        "secretariat",
        "cosi_delegate",
        _url("revision-reject", "revision_p1_goal"),
        lambda s, c: {"decided_on": "2026-12-01", "note": "The goal stays as it is."},
        "revisions.revision.rejected",
        lambda s: s.revision_p1_goal,
    ),
    Write(
        "plan copied from an earlier one",
        "plan-copy-from",
        "secretariat",  # a driver's copy: tests/web/test_next_cycle_pages.py
        "cosi_delegate",
        _url("plan-copy-from", "p1"),
        lambda s, c: {"priority": str(s.priority_b.pk)},
        "oaps.plan.copied_from",
        lambda s: OperationalActionPlan,
    ),
]


PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

RECORDS_NOTHING = {
    "login": "signing in changes no record (Django notes the last sign-in on the account)",
    "logout": "signing out ends the session, it changes no record",
    "password_reset": "asks for a reset mail; the new password is set on password_reset_confirm",
    # Read pages that answer any method alike (they never look at a post):
    "home": "a read page",
    "search": "a read page",
    "cycle-list": "a read page",
    "cycle-detail": "a read page",
    "priority-detail": "a read page",
    "plan-detail": "a read page",
    "action-detail": "a read page",
    "country-detail": "a read page",
    "review-round-list": "a read page",
    "review-round-detail": "a read page",
    "user-list": "a read page",
    "user-detail": "a read page",
    "roles-ending-soon": "a read page",
    "notification-list": "a read page",
    "reports-missing": "a read page",
    "notification-read": "marks one's own notification read: nobody else's record changes",
    "notification-read-all": "marks one's own notifications read: nobody else's record changes",
    "plan-versions": "a read page",
    "plan-compare": "a read page",
    "amendment-detail": "a read page",
}
# Whole URL namespaces with their own generated tests.
OWN_TESTS = {
    "api": "tests/api/test_matrix.py: one Event per allowed create, PATCH, DELETE and step",
    "admin": "empact.admin.AuditedAdminMixin records the model's code "
    "(tests/empact/test_events.py)",
}


def _client(s: Scene, client_for, role: str | None) -> Client:
    return client_for(s.users[role]) if role else Client()


def _scene(world) -> Scene:
    return Scene(world.objects, users=world.users)


def _last_event_id() -> int:
    return Event.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _form_errors(response) -> list[str]:
    """The errors of every form and formset the page shows."""
    found = []
    for layer in response.context or []:
        for item in layer.dicts if hasattr(layer, "dicts") else [layer]:
            for name, value in item.items():
                if isinstance(value, BaseFormSet | forms.BaseForm) and value.is_bound:
                    errors = value.errors
                    if isinstance(value, BaseFormSet):
                        errors = [e for e in errors if e] + list(value.non_form_errors())
                    if errors:
                        found.append(f"{name}: {errors}")
    return found


@pytest.mark.parametrize("write", WRITES, ids=[w.id for w in WRITES])
def test_a_form_post_records_exactly_one_event_with_its_code_about_its_record(
    world, client_for, write
):
    scene = _scene(world)
    scene.update(write.setup(scene))
    client = _client(scene, client_for, write.role)
    url = write.url(scene, client)
    data = write.data(scene, client)
    last = _last_event_id()

    response = client.post(url, data)

    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert not _form_errors(response), _form_errors(response)
    recorded = list(Event.objects.filter(id__gt=last).select_related("content_type").order_by("id"))
    assert [e.code for e in recorded] == [write.code, *write.more]
    about = write.about(scene)
    event = recorded[0]
    if isinstance(about, type):
        assert event.content_type.model_class() is about
        assert about._default_manager.filter(pk=event.object_id).exists()
    else:
        assert (event.content_type.model_class(), event.object_id) == (type(about), about.pk)
    if write.role:
        assert event.actor == scene.users[write.role]


@pytest.mark.parametrize("write", WRITES, ids=[w.id for w in WRITES])
def test_a_form_post_by_someone_who_may_not_make_it_records_no_event(world, client_for, write):
    scene = _scene(world)
    scene.update(write.setup(scene))
    allowed = _client(scene, client_for, write.role)
    data = write.data(scene, allowed)
    if write.url_name == "password_reset_confirm":  # a link with a token that is not valid
        user = scene.users["driver"]
        url = reverse(
            "password_reset_confirm", args=[urlsafe_base64_encode(force_bytes(user.pk)), "x-y"]
        )
    else:
        url = write.url(scene, allowed)
    refused = _client(scene, client_for, write.refused)
    last = _last_event_id()

    response = refused.post(url, data)

    assert not Event.objects.filter(id__gt=last).exists(), response.status_code
    if write.refused:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("name", list(RECORDS_NOTHING))
def test_a_post_to_a_page_that_records_nothing_records_no_event(world, client_for, name):
    scene = _scene(world)
    arguments = {
        "cycle-detail": "cycle_a",
        "priority-detail": "priority_a",
        "plan-detail": "p1",
        "action-detail": "a1",
        "country-detail": "be",
        "review-round-detail": "round_b",
        "user-detail": "outsider_nl",
        "plan-versions": "p2",
        "plan-compare": "p2",
        "amendment-detail": "p2_amendment",
    }
    key = arguments.get(name)
    url = reverse(name, args=[scene[key].pk]) if key else reverse(name)
    data = {
        "login": {"username": "driver@example.eu", "password": PASSWORD},
        "password_reset": {"email": "driver@example.eu"},
    }.get(name, {"title": "Posted"})
    client = Client() if name in ("login", "password_reset") else client_for(scene.users["driver"])
    last = _last_event_id()

    response = client.post(url, data)

    assert response.status_code < 500
    assert not Event.objects.filter(id__gt=last).exists()


# --- the table covers every page that accepts a post --------------------------------------------


def accepted_methods(callback) -> set[str] | None:
    """The HTTP methods a view answers; None when it answers any (no method decorator)."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
    function = callback
    while function is not None:
        if function.__closure__:
            methods = inspect.getclosurevars(function).nonlocals.get("request_method_list")
            if methods is not None:
                return set(methods)
        function = getattr(function, "__wrapped__", None)
    return None


def _patterns(patterns, namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if entry.namespace and namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from _patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry.callback


def posting_pages() -> set[str]:
    """Every named page outside the API and the admin that answers a POST."""
    found = set()
    for name, callback in _patterns(get_resolver().url_patterns):
        if name.split(":")[0] in OWN_TESTS and ":" in name:
            continue
        methods = accepted_methods(callback)
        if methods is None or "POST" in methods:
            found.add(name)
    return found


def test_every_page_that_accepts_a_post_is_in_the_table_or_says_why_it_records_nothing():
    covered = {write.url_name for write in WRITES} | set(RECORDS_NOTHING)
    pages = posting_pages()
    assert pages - covered == set(), "add a row to WRITES, or the page to RECORDS_NOTHING"
    assert covered - pages == set(), "these pages no longer accept a post (or no longer exist)"


def test_the_method_check_sees_the_decorators_and_the_class_views():
    from actors import views as actor_views
    from oaps.views import plans

    assert accepted_methods(plans.plan_submit) == {"POST"}
    assert accepted_methods(plans.plan_edit) == {"GET", "POST"}
    assert accepted_methods(plans.plan_detail) is None
    assert "POST" in accepted_methods(actor_views.PasswordChangeView.as_view())


# --- posts that change several records ----------------------------------------------------------


def test_an_action_form_post_changing_the_action_and_adding_a_kpi_records_each_once(
    world, client_for
):
    """Each record changed records its Event, the same one the API records for it."""
    client = client_for(world.users["driver"])
    url = reverse("action-edit", args=[world.a1.pk])
    data = action_shown(
        client,
        url,
        title="Sharper action",
        **{
            "kpis-TOTAL_FORMS": "2",
            "kpis-1-name": "Arrests",
            "kpis-1-unit": "number",
            "kpis-1-baseline": "0",
            "kpis-1-target": "20",
            "kpis-1-direction": "increase",
        },
    )
    last = _last_event_id()

    assert client.post(url, data).status_code == 302

    recorded = sorted(Event.objects.filter(id__gt=last).values_list("code", flat=True))
    assert recorded == ["oaps.action.changed", "oaps.kpi.created"]


def test_an_action_form_post_that_changes_nothing_records_the_actions_save(world, client_for):
    client = client_for(world.users["driver"])
    url = reverse("action-edit", args=[world.a1.pk])
    data = action_shown(client, url)
    last = _last_event_id()

    assert client.post(url, data).status_code == 302

    assert list(Event.objects.filter(id__gt=last).values_list("code", flat=True)) == [
        "oaps.action.changed"
    ]


def test_saving_and_submitting_a_report_in_one_post_records_the_save_then_the_step(
    world, client_for
):
    client = client_for(world.users["action_leader"])
    url = reverse("report-edit", args=[world.r1.pk])
    data = report_shown(
        client, url, narrative="All hubs mapped.", completion_estimate="60", submit="1"
    )
    last = _last_event_id()

    assert client.post(url, data).status_code == 302

    recorded = list(Event.objects.filter(id__gt=last).order_by("id").values_list("code", flat=True))
    assert recorded == ["oaps.report.saved", "oaps.report.submitted"]
