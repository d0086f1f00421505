"""The access matrix evaluated in plain Python, object by object, from its documented meaning.

The gate turns the matrix into SQL through the lookups each app declares in its
``permissions.py``. This oracle shares none of that: it reads only the matrix cells (which role
has which rule for which action, the specification both sides implement) and decides what each
rule means from ``docs/permissions.md`` and the models, in its own words:

- where an object sits (its cycles, plans, actions, owning users and countries) is found by
  walking attributes of loaded instances, one function per object type (``PLACES``);
- what a named state means (``editable``, ``open``, ...) is its own predicate (``STATES``);
- what a person holds comes from their ``RoleAssignment`` rows, read directly (not from the
  guardian grant tables the gate reads).

So a wrong lookup, a dropped alternative or an inverted state in a ``permissions.py`` makes the
gate and the oracle disagree, and the generated tests in ``test_matrix.py`` fail.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.db.models import Model

from actors.models import RoleAssignment, User
from empact.access.matrix import MATRIX

# ---------------------------------------------------------------------------------------------
# Where an object sits.


@dataclass(frozen=True)
class Place:
    """The scopes an object belongs to.

    ``cycles`` is None for an object of no particular cycle (a country, the EMPACT mandate, a
    funding source): it is shared by every cycle, so "in their cycles" holds for anyone holding
    a role at all.
    """

    cycles: frozenset[int] | None = None
    plans: frozenset[int] = frozenset()
    actions: frozenset[int] = frozenset()
    # The countries that lead or take part in the object's actions ("actions of their country").
    action_countries: frozenset[int] = frozenset()
    # The countries the object itself belongs to ("of their country": its participations, people).
    countries: frozenset[int] = frozenset()
    owners: frozenset[int] = frozenset()


def _ids(*values) -> frozenset[int]:
    return frozenset(v for v in values if v is not None)


def _countries_in_action(action) -> frozenset[int]:
    """The countries that lead, co-lead or take part in an action: the leading organisation's
    country, each co-leading organisation's, and each participation's country or organisation's
    country (whatever the NEC answered: the NEC follows the action to confirm or decline)."""
    countries = {action.leader.country_id}
    countries |= {organisation.country_id for organisation in action.co_leaders.all()}
    for participation in action.participations.all():
        countries.add(participation.country_id)
        if participation.organisation is not None:
            countries.add(participation.organisation.country_id)
    return _ids(*countries)


def _in_cycle(cycle) -> Place:
    return Place(cycles=_ids(cycle.pk))


def _in_plan(plan) -> Place:
    return Place(cycles=_ids(plan.priority.cycle.pk), plans=_ids(plan.pk))


def _in_action(action) -> Place:
    return Place(
        cycles=_ids(action.plan.priority.cycle.pk),
        plans=_ids(action.plan.pk),
        actions=_ids(action.pk),
        action_countries=_countries_in_action(action),
    )


def _cycle_or_shared(cycle) -> Place:
    """Documents without a cycle (the mandate) span every cycle."""
    return Place() if cycle is None else _in_cycle(cycle)


def _shared(_obj) -> Place:
    return Place()


def _participation(participation) -> Place:
    organisation = participation.organisation
    return replace(
        _in_action(participation.action),
        countries=_ids(
            participation.country.pk if participation.country else None,
            organisation.country_id if organisation else None,
        ),
    )


def _reporting_period(period) -> Place:
    """A period is of one plan, or of the whole cycle."""
    if period.plan is not None:
        return _in_plan(period.plan)
    return _in_cycle(period.cycle)


def _result(result) -> Place:
    """A result of an action sits in that action; a result of a joint action day alone belongs,
    like the day itself, to no one cycle."""
    return _in_action(result.action) if result.action is not None else Place()


def _rated_plan(item):
    """The plan an item rates, or the plan of the goal it rates; none for a CHSG."""
    if item.plan is not None:
        return item.plan
    return item.plan_goal.plan if item.plan_goal is not None else None


def _assessment(assessment) -> Place:
    """An assessment covers its cycle and the plans its items rate (also through their goals)."""
    plans = [_rated_plan(item) for item in assessment.items.all()]
    return Place(
        cycles=_ids(assessment.cycle.pk), plans=_ids(*(p.pk for p in plans if p is not None))
    )


def _assessment_item(item) -> Place:
    """An item is in its assessment's cycle and concerns the one plan it rates (or whose goal it
    rates): a driver reads and gives findings on their own plan's lines while it is open."""
    plan = _rated_plan(item)
    return Place(cycles=_ids(item.assessment.cycle.pk), plans=_ids(plan.pk if plan else None))


def _delegation_comment(comment) -> Place:
    """A delegation's comment sits where its item sits, and belongs to its country."""
    return replace(_assessment_item(comment.item), countries=_ids(comment.country.pk))


def _country(country) -> Place:
    return Place(countries=_ids(country.pk))


def _organisation(organisation) -> Place:
    return Place(countries=_ids(organisation.country_id))


def _user(user) -> Place:
    return Place(owners=_ids(user.pk), countries=_ids(user.country_id))


def _role_assignment(assignment) -> Place:
    """A role is held by a user (their own) of a country, in a scope: a plan, an action of a plan
    (both "in the plan"), or a country (then the role is also of that country)."""
    plans, actions, cycles = set(), set(), None
    if assignment.plan is not None:
        plans.add(assignment.plan.pk)
        cycles = _ids(assignment.plan.priority.cycle.pk)
    if assignment.action is not None:
        actions.add(assignment.action.pk)
        plans.add(assignment.action.plan.pk)
        cycles = _ids(assignment.action.plan.priority.cycle.pk)
    return Place(
        cycles=cycles,
        plans=frozenset(plans),
        actions=frozenset(actions),
        owners=_ids(assignment.user.pk),
        countries=_ids(assignment.user.country_id, assignment.country_id),
    )


PLACES: dict[str, Callable[[Model], Place]] = {
    "cycle": _in_cycle,
    "milestone": lambda m: _in_cycle(m.cycle),
    "timetable_entry": _shared,
    "empact_document": lambda d: _cycle_or_shared(d.cycle),
    "document_version": lambda v: _cycle_or_shared(v.document.cycle),
    "threat_assessment": lambda t: _in_cycle(t.cycle),
    "threat": lambda t: _in_cycle(t.assessment.cycle),
    "evaluation": lambda e: _in_cycle(e.cycle),
    "recommendation": lambda r: _in_cycle(r.evaluation.cycle),
    "priority": lambda p: _in_cycle(p.cycle),
    "masp": lambda m: _in_cycle(m.cycle),
    "horizontal_goal": lambda g: _in_cycle(g.masp.cycle),
    "plan": _in_plan,
    "plan_goal": lambda g: _in_plan(g.plan),
    "action": _in_action,
    "participation": _participation,
    "kpi": lambda k: _in_action(k.action),
    "plan_version": lambda v: _in_plan(v.plan),
    "plan_amendment": lambda a: _in_plan(a.plan),
    "amendment_change": lambda c: _in_plan(c.amendment.plan),
    "reporting_period": _reporting_period,
    "progress_report": lambda r: _in_action(r.action),
    "kpi_value": lambda v: _in_action(v.report.action),
    "lock_exception": lambda e: _in_action(e.action),
    # An EU-wide operational day spans priorities and cycles; result types, funding sources and
    # calls, countries and organisations belong to no one cycle either.
    "joint_action_day": _shared,
    "result_type": _shared,
    "result": _result,
    "assessment": _assessment,
    "assessment_item": _assessment_item,
    "delegation_comment": _delegation_comment,
    "review_round": lambda r: Place(
        cycles=_ids(r.cycle.pk), plans=_ids(*(p.pk for p in r.plans.all()))
    ),
    # A position is in its round's cycle, about one plan, and belongs to its country.
    "position": lambda p: Place(
        cycles=_ids(p.round.cycle.pk), plans=_ids(p.plan.pk), countries=_ids(p.country.pk)
    ),
    # A revision is in its cycle; a revision of a plan goal also in that goal's plan.
    "revision": lambda r: Place(
        cycles=_ids(r.cycle.pk), plans=_ids(r.plan_goal.plan.pk if r.plan_goal else None)
    ),
    "funding_source": _shared,
    "funding_call": _shared,
    "funding_request": lambda r: _in_action(r.action),
    "country": _country,
    "organisation": _organisation,
    "user": _user,
    "role_assignment": _role_assignment,
    # A comment sits where its object sits: the rule "object" asks about the object itself.
    "comment": _shared,
}

# ---------------------------------------------------------------------------------------------
# What the named states mean (docs/permissions.md, the brackets of the cells).

PLAN_DEFINITION_OPEN = {"draft", "returned"}  # "while the plan is a draft or returned"
REPORT_OPEN = {"draft", "returned"}  # "while the report is a draft or returned"


def _plan_editable(plan) -> bool:
    return plan.status in PLAN_DEFINITION_OPEN


_LIMITE_KINDS = {"socta", "interim_report", "pad", "other"}

STATES: dict[str, dict[str, Callable[[Model], bool]]] = {
    "plan": {"editable": _plan_editable},
    "plan_goal": {"editable": lambda g: _plan_editable(g.plan)},
    "action": {"editable": lambda a: _plan_editable(a.plan)},
    "participation": {"editable": lambda p: _plan_editable(p.action.plan)},
    "kpi": {"editable": lambda k: _plan_editable(k.action.plan)},
    # "while the amendment is a draft or returned"
    "amendment_change": {"amendable": lambda c: c.amendment.status in {"draft", "returned"}},
    "progress_report": {"open": lambda r: r.status in REPORT_OPEN},
    "kpi_value": {"open": lambda v: v.report.status in REPORT_OPEN},
    "result": {
        "published": lambda r: bool(r.is_published),  # "once published"
        "unvalidated": lambda r: r.validated_at is None,  # "until Europol validates it"
    },
    # "LIMITE kinds (SOCTA, interim report, PAD, other) only to the users of their cycle"
    "empact_document": {
        "public": lambda d: d.kind not in _LIMITE_KINDS,
        "limite": lambda d: d.kind in _LIMITE_KINDS,
    },
    "document_version": {
        "public": lambda v: v.document.kind not in _LIMITE_KINDS,
        "limite": lambda v: v.document.kind in _LIMITE_KINDS,
    },
    # "once adopted", "while open"
    "assessment": {
        "adopted": lambda a: a.status == "adopted",
        "open": lambda a: a.status == "open",
    },
    "assessment_item": {
        "adopted": lambda i: i.assessment.status == "adopted",
        "open": lambda i: i.assessment.status == "open",
    },
    "delegation_comment": {
        "adopted": lambda c: c.item.assessment.status == "adopted",
        "open": lambda c: c.item.assessment.status == "open",
    },
    "review_round": {"open": lambda r: r.status == "open"},  # "until closed"
    "position": {"open": lambda p: p.round.status == "open"},
    "revision": {"proposed": lambda r: r.status == "proposed"},  # "until COSI decides"
    "funding_request": {
        "draft": lambda r: r.status == "draft",  # "while a draft"
        "granted": lambda r: r.status == "granted",  # "once granted"
    },
    "role_assignment": {
        "current": lambda a: a.ends_on is None,  # still running, no end set
        # "people of their country, in a plan or an action": not a role over a country itself
        "national": lambda a: a.country is None,
    },
}

# ---------------------------------------------------------------------------------------------
# What a person holds.


@dataclass(frozen=True)
class Holdings:
    """A user's roles active on a day, straight from their assignment rows."""

    roles: frozenset[str] = frozenset()
    # "People with a global or country role hold one in every cycle."
    every_cycle: bool = False
    cycles: frozenset[int] = frozenset()
    by_role: dict[str, tuple[RoleAssignment, ...]] = field(default_factory=dict)


def _active_on(assignment: RoleAssignment, day: datetime.date) -> bool:
    """A role is held from its first day to its last day, both included."""
    return assignment.starts_on <= day and (assignment.ends_on is None or day <= assignment.ends_on)


def holdings(user, today: datetime.date) -> Holdings:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Holdings()
    rows = RoleAssignment.objects.filter(user_id=user.pk).select_related(
        "plan__priority", "action__plan__priority"
    )
    active = tuple(a for a in rows if _active_on(a, today))
    cycles, every_cycle, by_role = set(), False, {}
    for assignment in active:
        by_role.setdefault(assignment.role, []).append(assignment)
        if assignment.plan is not None:
            cycles.add(assignment.plan.priority.cycle_id)
        elif assignment.action is not None:
            cycles.add(assignment.action.plan.priority.cycle_id)
        else:  # no plan or action: the role is of all of EMPACT or of a whole country
            every_cycle = True
    return Holdings(
        roles=frozenset(by_role),
        every_cycle=every_cycle,
        cycles=frozenset(cycles),
        by_role={role: tuple(rows) for role, rows in by_role.items()},
    )


# ---------------------------------------------------------------------------------------------
# The decision.


def _holds(relation: str, role: str, mine: Holdings, place: Place, user) -> bool:
    held = mine.by_role.get(role, ())
    if relation == "all":
        return True
    if relation == "cycle":
        return mine.every_cycle or place.cycles is None or bool(place.cycles & mine.cycles)
    if relation == "plan":
        return bool(place.plans & _ids(*(a.plan_id for a in held)))
    if relation == "action":
        return bool(place.actions & _ids(*(a.action_id for a in held)))
    if relation == "country":
        return bool(place.action_countries & _ids(*(a.country_id for a in held)))
    if relation == "own_country":
        return bool(place.countries & _ids(*(a.country_id for a in held)))
    if relation == "own":
        return user.pk in place.owners
    raise AssertionError(f"the oracle does not know the relation {relation!r}")


class Oracle:
    """Answers ``allowed`` with each user's holdings and each object's place computed once; use
    one instance per test (the world may change between tests)."""

    def __init__(self, today: datetime.date):
        self.today = today
        self._holdings: dict[int, Holdings] = {}
        self._places: dict[tuple[str, int], Place] = {}

    def holdings(self, user) -> Holdings:
        if user.pk not in self._holdings:
            self._holdings[user.pk] = holdings(user, self.today)
        return self._holdings[user.pk]

    def place(self, type_key: str, obj: Model) -> Place:
        key = (type_key, obj.pk)
        if key not in self._places:
            self._places[key] = PLACES[type_key](obj)
        return self._places[key]

    def allowed(self, user, type_key: str, action: str, obj: Model) -> bool:
        object_type = MATRIX.type(type_key)
        mine = self.holdings(user)
        for role in mine.roles:
            for rule in object_type.rules(action, role):
                if rule.relation == "object":
                    # "as on the object it is about": the same question about that object
                    about = obj.object
                    about_key = next(
                        key
                        for key, spec in MATRIX.types.items()
                        if spec.model_label.lower() == about._meta.label_lower
                    )
                    if self.allowed(user, about_key, object_type.about[action], about):
                        return True
                    continue
                if not _holds(rule.relation, role, mine, self.place(type_key, obj), user):
                    continue
                if rule.state is None or STATES[type_key][rule.state](obj):
                    return True
        return False


def allowed(user: User, type_key: str, action: str, obj: Model, today) -> bool:
    return Oracle(today).allowed(user, type_key, action, obj)


__all__ = ["PLACES", "STATES", "Oracle", "Place", "allowed", "holdings"]
