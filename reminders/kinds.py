"""The kinds of reminder: a registry, so a new kind (review rounds, assessment windows) is one
``register(DeadlineKind(...))`` or ``register(EventKind(...))`` in the app that owns the object.

A deadline kind says which objects have a due date today's scan must look at, who is reminded,
and when the thing asked for is done (then nothing is sent, and a queued e-mail is dropped). An
event kind says which event codes notify at once and whom. The offsets and the repetition after
the due date are the defaults; the admin changes them per kind (``ReminderKind``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Due:
    """One object with a due date, and the people a reminder about it goes to."""

    obj: Model
    due_date: datetime.date
    recipients: Iterable[Any]
    url: str
    title: Any  # a lazy or plain string, rendered in the recipient's language


@dataclass(frozen=True)
class DeadlineKind:
    code: str
    label: Any
    offsets: tuple[int, ...]  # days before the due date
    candidates: Callable[[datetime.date], Iterable[Due]]
    done: Callable[[Model, datetime.date], bool]  # (the object, its due date): asked for is done
    repeat_days: int | None = None  # after the due date: every so many days (None: never)
    # Overdue only: start this many days after the due date (escalations).
    overdue_only: bool = False
    mandatory: bool = True  # a deadline of the recipient's own role: e-mailed, always


@dataclass(frozen=True)
class EventKind:
    code: str
    label: Any
    event_codes: tuple[str, ...]
    recipients: Callable[[Any], Iterable[Any]]  # (event) -> users
    url: Callable[[Any], str]
    mandatory: bool = False


_KINDS: dict[str, DeadlineKind | EventKind] = {}


def register(kind: DeadlineKind | EventKind) -> DeadlineKind | EventKind:
    _KINDS[kind.code] = kind
    return kind


def kinds() -> list[DeadlineKind | EventKind]:
    return [_KINDS[code] for code in sorted(_KINDS)]


def deadline_kinds() -> list[DeadlineKind]:
    return [k for k in kinds() if isinstance(k, DeadlineKind)]


def event_kinds() -> list[EventKind]:
    return [k for k in kinds() if isinstance(k, EventKind)]


def kind(code: str) -> DeadlineKind | EventKind | None:
    return _KINDS.get(code)


def kind_label(code: str) -> Any:
    found = _KINDS.get(code)
    return found.label if found else code


def step(
    today: datetime.date,
    due_date: datetime.date,
    offsets: Iterable[int],
    repeat_days: int | None,
    overdue_only: bool = False,
) -> int | None:
    """The offset of the reminder due today, or None. Before the due date: the closest offset
    already reached (a scan that missed a day catches up with one reminder, not three). After
    it: every ``repeat_days`` from the day after (offsets -1, -1 - n, -1 - 2n...)."""
    days = (due_date - today).days
    if days >= 0:
        if overdue_only:
            return None
        reached = [o for o in offsets if o >= days]
        return min(reached) if reached else None
    if not repeat_days:
        return None
    over = -days
    return -(1 + ((over - 1) // repeat_days) * repeat_days)


# --- who holds a role ----------------------------------------------------------------------------


def holders(today: datetime.date, roles: Iterable[str], **scope: Any) -> list:
    """The users who hold one of ``roles`` today in the scope (plan=, action=, country=), active
    accounts only: a role handed over between two reminders reminds the new holder."""
    from actors.models import RoleAssignment

    assignments = (
        RoleAssignment.objects.filter(role__in=list(roles), starts_on__lte=today, **scope)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .filter(user__is_active=True)
        .select_related("user")
    )
    seen: dict[int, Any] = {}
    for assignment in assignments:
        seen.setdefault(assignment.user_id, assignment.user)
    return list(seen.values())


def secretariat(today: datetime.date) -> list:
    return holders(today, ["secretariat"])


# --- the deadline kinds of the objects that exist now ---------------------------------------------

OPEN_PLAN = ("draft", "returned")
REPORTED = ("submitted", "accepted")
LEADERS = ("action_leader", "co_action_leader")
DRIVERS = ("driver", "co_driver")


def _periods(today: datetime.date, before: int = 60, after: int = 120):
    from oaps.models import ReportingPeriod

    return ReportingPeriod.objects.filter(
        deadline__gte=today - datetime.timedelta(days=after),
        deadline__lte=today + datetime.timedelta(days=before),
    ).select_related("plan", "cycle")


def _unreported_actions(period):
    """The live actions of an approved plan (of the period's plan, or every plan of its cycle)
    that have no submitted or accepted report for the period."""
    from oaps.models import OperationalAction

    actions = OperationalAction.objects.exclude(status="cancelled").filter(plan__status="approved")
    if period.plan_id:
        actions = actions.filter(plan_id=period.plan_id)
    else:
        actions = actions.filter(plan__priority__cycle_id=period.cycle_id)
    return actions.exclude(
        progress_reports__period=period, progress_reports__status__in=REPORTED
    ).select_related("plan", "leader")


def _report_dues(today: datetime.date, escalate: bool) -> Iterator[Due]:
    for period in _periods(today):
        for action in _unreported_actions(period):
            if escalate:
                people = holders(today, DRIVERS, plan=action.plan)
                country = getattr(action.leader, "country_id", None)
                if country:
                    people += holders(today, ["nec"], country_id=country)
                title = _("Overdue progress report of %(action)s (%(plan)s), %(period)s")
            else:
                people = holders(today, LEADERS, action=action)
                title = _("Progress report of %(action)s (%(plan)s) for %(period)s")
            yield Due(
                obj=action,
                due_date=period.deadline,
                recipients=people,
                url=reverse("action-report", args=[action.pk]),
                title=_Title(title, action=action.code, plan=action.plan.code, period=period.title),
            )


class _Title:
    """A translatable title with its values, rendered when the recipient's language is active."""

    def __init__(self, text: Any, **values: Any) -> None:
        self.text, self.values = text, values

    def __str__(self) -> str:
        return str(self.text) % self.values


def action_reported(action: Model, due_date: datetime.date) -> bool:
    """Done when the action's report for the period due that day is submitted or accepted, or
    when no period of the action is due that day any more (its due date moved: the reminders
    of the new date take over)."""
    from oaps.models import ProgressReport, ReportingPeriod

    if ProgressReport.objects.filter(
        action=action, status__in=REPORTED, period__deadline=due_date
    ).exists():
        return True
    plan = action.plan
    return not ReportingPeriod.objects.filter(
        Q(plan_id=plan.pk) | Q(cycle_id=plan.priority.cycle_id), deadline=due_date
    ).exists()


def _plan_dues(today: datetime.date) -> Iterator[Due]:
    from oaps.models import OperationalActionPlan

    plans = OperationalActionPlan.objects.filter(
        status__in=OPEN_PLAN,
        first_year__gte=today.year,
        first_year__lte=today.year + 1,
    )
    for plan in plans:
        yield Due(
            obj=plan,
            due_date=plan.period_start,
            recipients=holders(today, DRIVERS, plan=plan),
            url=reverse("plan-detail", args=[plan.pk]),
            title=_Title(
                _("Submit the plan %(plan)s before its period starts on %(day)s"),
                plan=plan.code,
                day=plan.period_start.isoformat(),
            ),
        )


def _milestone_dues(today: datetime.date) -> Iterator[Due]:
    from actors.models import User
    from cycles.models import Milestone

    milestones = Milestone.objects.filter(
        done_date__isnull=True,
        due_date__gte=today - datetime.timedelta(days=60),
        due_date__lte=today + datetime.timedelta(days=60),
    ).select_related("cycle", "responsible")
    for milestone in milestones:
        if milestone.responsible_id:
            people = [
                user
                for user in holders(today, ["secretariat", "europol", "commission", "nec"])
                if user.organisation_id == milestone.responsible_id
            ]
            people = people or list(
                User.objects.filter(organisation=milestone.responsible, is_active=True)
                .filter(
                    Q(role_assignments__ends_on__isnull=True)
                    | Q(role_assignments__ends_on__gte=today),
                    role_assignments__starts_on__lte=today,
                )
                .distinct()
            )
        else:
            people = secretariat(today)
        yield Due(
            obj=milestone,
            due_date=milestone.due_date,
            recipients=people,
            url=reverse("cycle-detail", args=[milestone.cycle_id]),
            title=_Title(
                _("Milestone %(milestone)s of %(cycle)s is due on %(day)s"),
                milestone=milestone.title,
                cycle=milestone.cycle.name,
                day=milestone.due_date.isoformat(),
            ),
        )


def _role_dues(today: datetime.date) -> Iterator[Due]:
    from actors.models import RoleAssignment

    ending = RoleAssignment.objects.filter(
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=30),
        successor__isnull=True,
    ).select_related("user", "country", "plan", "action")
    for assignment in ending:
        country = assignment.country_id or assignment.user.country_id
        people = holders(today, ["nec"], country_id=country) if country else []
        people += [u for u in secretariat(today) if u not in people]
        yield Due(
            obj=assignment,
            due_date=assignment.ends_on,
            recipients=people,
            url=reverse("roles-ending-soon"),
            title=_Title(
                _("The role %(role)s of %(user)s ends on %(day)s and has no successor"),
                role=assignment.get_role_display(),
                user=str(assignment.user),
                day=assignment.ends_on.isoformat(),
            ),
        )


def _plan_submitted(plan: Model, due_date: datetime.date) -> bool:
    return plan.status not in OPEN_PLAN or plan.period_start != due_date


def _milestone_done(milestone: Model, due_date: datetime.date) -> bool:
    return milestone.done_date is not None or milestone.due_date != due_date


def _role_handed_over(assignment: Model, due_date: datetime.date) -> bool:
    return assignment.successor_id is not None or assignment.ends_on != due_date


register(
    DeadlineKind(
        "report_due",
        _("Progress report due"),
        offsets=(30, 7, 1),
        repeat_days=7,
        candidates=lambda today: _report_dues(today, escalate=False),
        done=action_reported,
    )
)
register(
    DeadlineKind(
        "report_overdue_escalation",
        _("Progress report overdue (to the drivers and the NEC)"),
        offsets=(),
        repeat_days=7,
        overdue_only=True,
        candidates=lambda today: _report_dues(today, escalate=True),
        done=action_reported,
        mandatory=False,
    )
)
register(
    DeadlineKind(
        "plan_to_submit",
        _("Plan to submit before its period starts"),
        offsets=(60, 30, 7),
        repeat_days=7,
        candidates=_plan_dues,
        done=_plan_submitted,
    )
)
register(
    DeadlineKind(
        "milestone_due",
        _("Cycle milestone due"),
        offsets=(30, 7, 1),
        candidates=_milestone_dues,
        done=_milestone_done,
    )
)


def _round_dues(today: datetime.date) -> Iterator[Due]:
    """The open review rounds closing soon, to the COSI delegates whose country has not given
    its position on every plan of the round."""
    from reviews.models import Position, ReviewRound
    from reviews.selectors import expected_countries
    from reviews.services import delegation_country

    rounds = ReviewRound.objects.filter(
        status="open",
        closes_on__gte=today,
        closes_on__lte=today + datetime.timedelta(days=30),
    ).prefetch_related("plans")
    delegates = holders(today, ["cosi_delegate"])
    expected = set(expected_countries().values_list("pk", flat=True))
    for review_round in rounds:
        plans = {plan.pk for plan in review_round.plans.all()}
        answered: dict[int, set[int]] = {}
        for country_id, plan_id in Position.objects.filter(round=review_round).values_list(
            "country_id", "plan_id"
        ):
            answered.setdefault(country_id, set()).add(plan_id)
        people = []
        for delegate in delegates:
            country = delegation_country(delegate)
            if country and country.pk in expected and answered.get(country.pk, set()) < plans:
                people.append(delegate)
        yield Due(
            obj=review_round,
            due_date=review_round.closes_on,
            recipients=people,
            url=reverse("review-round-detail", args=[review_round.pk]),
            title=_Title(
                _("Your delegation's positions in %(round)s are due by %(day)s"),
                round=review_round.title,
                day=review_round.closes_on.strftime("%d/%m/%Y"),
            ),
        )


def _round_answered(review_round: Model, due_date: datetime.date) -> bool:
    """Done when the round is closed or its closing date moved (the new date's reminders take
    over). Whether a delegate's country has answered is checked when the recipients are chosen."""
    review_round.refresh_from_db(fields=["status", "closes_on"])
    return review_round.status != "open" or review_round.closes_on != due_date


register(
    DeadlineKind(
        "review_round_closing",
        _("Review round closing: your delegation's positions"),
        offsets=(7, 2),
        candidates=_round_dues,
        done=_round_answered,
    )
)


def _assessment_window_dues(today: datetime.date) -> Iterator[Due]:
    """The open assessments whose review window closes soon (and has opened), to the COSI
    delegates whose country has not commented on every item."""
    from assessments.models import Assessment, DelegationComment
    from reviews.selectors import expected_countries
    from reviews.services import delegation_country

    assessments = (
        Assessment.objects.filter(
            status="open",
            opens_on__lte=today,
            closes_on__gte=today,
            closes_on__lte=today + datetime.timedelta(days=30),
        )
        .select_related("cycle")
        .prefetch_related("items")
    )
    delegates = holders(today, ["cosi_delegate"])
    expected = set(expected_countries().values_list("pk", flat=True))
    for assessment in assessments:
        items = {item.pk for item in assessment.items.all()}
        answered: dict[int, set[int]] = {}
        for country_id, item_id in DelegationComment.objects.filter(
            item__assessment=assessment
        ).values_list("country_id", "item_id"):
            answered.setdefault(country_id, set()).add(item_id)
        people = []
        for delegate in delegates:
            country = delegation_country(delegate)
            if country and country.pk in expected and answered.get(country.pk, set()) < items:
                people.append(delegate)
        yield Due(
            obj=assessment,
            due_date=assessment.closes_on,
            recipients=people,
            url=reverse("assessment-detail", args=[assessment.pk]),
            title=_Title(
                _("Your delegation's comments on the %(assessment)s are due by %(day)s"),
                assessment=assessment,
                day=assessment.closes_on.strftime("%d/%m/%Y"),
            ),
        )


def _assessment_window_over(assessment: Model, due_date: datetime.date) -> bool:
    """Done when the assessment is adopted or its window moved (the new date's reminders take
    over); whether a country commented on every item is checked when choosing recipients."""
    assessment.refresh_from_db(fields=["status", "closes_on"])
    return assessment.status != "open" or assessment.closes_on != due_date


register(
    DeadlineKind(
        "assessment_window_closing",
        _("Assessment review window closing: your delegation's comments"),
        offsets=(7, 2),
        candidates=_assessment_window_dues,
        done=_assessment_window_over,
    )
)
register(
    DeadlineKind(
        "role_ending",
        _("Role ending without a successor"),
        offsets=(30, 7, 1),
        candidates=_role_dues,
        done=_role_handed_over,
    )
)


# --- the workflow events that notify at once ---------------------------------------------


def _plan_of(event) -> Model | None:
    from oaps.models import OperationalActionPlan

    return OperationalActionPlan.objects.filter(pk=event.object_id).first()


def _report_of(event) -> Model | None:
    from oaps.models import ProgressReport

    return ProgressReport.objects.filter(pk=event.object_id).select_related("action").first()


def _event_day(event) -> datetime.date:
    from django.utils import timezone

    return timezone.localdate(event.at)


def _to_drivers(event) -> list:
    plan = _plan_of(event)
    return holders(_event_day(event), DRIVERS, plan=plan) if plan else []


def _to_reviewers(event) -> list:
    return secretariat(_event_day(event))


def _to_leaders(event) -> list:
    report = _report_of(event)
    return holders(_event_day(event), LEADERS, action=report.action) if report else []


def _addressed(event) -> list:
    """The users a comment is addressed to (its event's payload lists their ids)."""
    from actors.models import User

    payload = event.payload or {}
    ids: list = []
    for key in ("addressed", "addressed_to", "addressees", "mentions", "recipients"):
        value = payload.get(key)
        if isinstance(value, list):
            ids += [v.get("id") if isinstance(v, dict) else v for v in value]
    ids = [i for i in ids if isinstance(i, int) or (isinstance(i, str) and i.isdigit())]
    return list(User.objects.filter(pk__in=ids, is_active=True))


def _plan_url(event) -> str:
    return reverse("plan-detail", args=[event.object_id])


def _report_url(event) -> str:
    return reverse("report-edit", args=[event.object_id])


def _object_url(event) -> str:
    """The page of what a comment is about (``plan:12`` in its payload, through the discussion's
    registry), else its parent object's, else the home page."""
    from django.urls import NoReverseMatch

    from discussion import commentables

    parsed = commentables.parse_reference((event.payload or {}).get("object", ""))
    if parsed:
        commentable, pk = parsed
        target = commentable.model._default_manager.filter(pk=pk).first()
        if target is not None:
            return commentable.url(target)

    names = {"oaps.operationalactionplan": "plan-detail", "oaps.operationalaction": "action-detail"}
    for content_type, object_id in (
        (event.parent_type, event.parent_id),
        (event.content_type, event.object_id),
    ):
        if content_type is None:
            continue
        name = names.get(f"{content_type.app_label}.{content_type.model}")
        if name:
            try:
                return reverse(name, args=[object_id])
            except NoReverseMatch:
                break
    if event.plan_id:
        return reverse("plan-detail", args=[event.plan_id])
    return reverse("home")


register(
    EventKind(
        "plan_submitted",
        _("Plan submitted"),
        ("oaps.plan.submitted",),
        _to_reviewers,
        _plan_url,
    )
)
register(
    EventKind("plan_returned", _("Plan returned"), ("oaps.plan.returned",), _to_drivers, _plan_url)
)
register(
    EventKind("plan_approved", _("Plan approved"), ("oaps.plan.approved",), _to_drivers, _plan_url)
)
register(
    EventKind(
        "report_accepted",
        _("Progress report accepted"),
        ("oaps.report.accepted",),
        _to_leaders,
        _report_url,
    )
)
register(
    EventKind(
        "report_returned",
        _("Progress report returned"),
        ("oaps.report.returned",),
        _to_leaders,
        _report_url,
    )
)
# Declared by the discussion app when it lands; until then no event carries the code.
register(
    EventKind(
        "comment_addressed",
        _("A comment addressed to you"),
        ("discussion.comment.added",),
        _addressed,
        _object_url,
    )
)
register(
    EventKind(
        "nudge",
        _("Reminder from a coordinator: a report is missing"),
        (),  # written by ``reminders.services.nudge``, not by an event
        lambda event: [],
        _object_url,
    )
)
