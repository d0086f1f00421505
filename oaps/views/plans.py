"""Plan pages: the overview with its action table, the editor, plan goals and workflow steps.

Each view checks exactly the matrix action its URL names in ``empact/access/matrix.yaml``:
an object outside ``visible_to(user, "view")`` is a 404, one the user may see but not act on
is a 403.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from empact import clock
from empact.access import can, may
from empact.services import (
    ConflictError,
    WorkflowError,
    version_of,
)
from empact.views import require_can, sorted_page
from oaps import page_parts, selectors, services
from oaps.forms import (
    ActionFilterForm,
    OrganisationCatalogue,
    PlanApprovalForm,
    PlanDecisionForm,
    PlanForm,
    PlanGoalForm,
)
from oaps.models import OperationalActionPlan, PlanGoal, ProgressReport
from oaps.views import (
    apply_validation_error,
    render_region,
    set_bound_value,
    vary_on_htmx,
    wants_partial,
)

Plan = OperationalActionPlan
ACTIONS_PER_PAGE = 25


def plan_for(request: HttpRequest, pk: int, action: str) -> Plan:
    """The plan the URL names: 404 outside the user's view, 403 without the right to act."""
    plan = get_object_or_404(selectors.plans_visible_to(request.user), pk=pk)
    require_can(request.user, action, plan)
    return plan


# --- the plan page -----------------------------------------------------------------------------


def action_columns() -> list[tuple[str, str]]:
    return [
        (_("Code"), "code"),
        (_("Title"), "title"),
        (_("CHSG"), "chsg"),
        (_("Leader"), "leader"),
        (_("Status"), "status"),
        (_("Period"), "start"),
        (_("Last progress report"), ""),
        (_("KPI progress"), ""),
    ]


def _action_table(request: HttpRequest, plan: Plan) -> dict:
    filter_form = ActionFilterForm(
        request.GET, choices=selectors.plan_action_filter_choices(request.user, plan)
    )
    actions = selectors.plan_actions(request.user, plan, filter_form.filters())
    page, sort = sorted_page(
        request, actions, selectors.ACTION_SORTS, default="position", per_page=ACTIONS_PER_PAGE
    )
    selectors.attach_kpi_progress(request.user, page.object_list)
    for action in page.object_list:
        if action.last_report_status:
            action.last_report_label = ProgressReport.Status(action.last_report_status).label
    return {
        "plan": plan,
        "filter_form": filter_form,
        "page": page,
        "sort": sort,
        "columns": action_columns(),
    }


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_page(request.user, pk)
    context = _action_table(request, plan)
    if wants_partial(request):
        return vary_on_htmx(render(request, "oaps/_plan_actions.html", context))
    user = request.user
    context.update(
        **page_parts.plan_parts(user, plan),
        **selectors.amendment_parts(user, plan),
        history=selectors.plan_history(user, plan),
        compliance=selectors.plan_compliance(user, plan, clock.today()),
        can_nudge=may(user, "action", "nudge"),
        can_edit=plan.is_editable and can(user, "change", plan),
        can_copy=can(user, "copy_from", plan),
        can_submit=plan.is_editable and can(user, "submit", plan),
        missing=selectors.plan_missing(plan) if plan.is_editable else [],
        can_decide=plan.status == Plan.Status.SUBMITTED and can(user, "approve", plan),
        approve_form=PlanApprovalForm(prefix="approve", initial={"approved_on": clock.today()}),
        return_form=PlanDecisionForm(prefix="return", comment_required=True),
        header_meta=[
            plan.get_status_display(),
            _("%(first)s to %(last)s") % {"first": plan.first_year, "last": plan.last_year},
        ],
    )
    return vary_on_htmx(render(request, "oaps/plan_detail.html", context))


# --- workflow ----------------------------------------------------------------------------------


def _plan_step(request: HttpRequest, pk: int, step: str, run, done: str) -> HttpResponse:
    plan = plan_for(request, pk, step)
    try:
        run(plan)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done % {"plan": plan.code})
    return redirect("plan-detail", pk=plan.pk)


def _comment(request: HttpRequest, prefix: str) -> str:
    form = PlanDecisionForm(request.POST, prefix=prefix)
    return form.cleaned_data["comment"] if form.is_valid() else ""


@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_step(
        request,
        pk,
        "submit",
        lambda plan: services.plan_submit(actor=request.user, plan=plan),
        _("%(plan)s was submitted to COSI."),
    )


def _approve(request: HttpRequest, plan: Plan) -> Plan:
    form = PlanApprovalForm(request.POST, prefix="approve")
    form.is_valid()  # the service refuses a missing day or meeting, after the state
    data = form.cleaned_data
    return services.plan_approve(
        actor=request.user,
        plan=plan,
        approved_on=data.get("approved_on"),
        meeting_reference=data.get("meeting_reference", ""),
        comment=data.get("comment", ""),
    )


@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_step(
        request,
        pk,
        "approve",
        lambda plan: _approve(request, plan),
        _("COSI's approval of %(plan)s was recorded."),
    )


@require_POST
def plan_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_step(
        request,
        pk,
        "return",
        lambda plan: services.plan_return(
            actor=request.user, plan=plan, comment=_comment(request, "return")
        ),
        _("%(plan)s was returned to its drivers for changes."),
    )


# --- the editor --------------------------------------------------------------------------------


def _goals_context(
    request: HttpRequest,
    plan: Plan,
    *,
    new_form: PlanGoalForm | None = None,
    editing: PlanGoal | None = None,
    edit_form: PlanGoalForm | None = None,
    conflict=None,
) -> dict:
    goals = list(PlanGoal.objects.visible_to(request.user, "view").filter(plan=plan))
    if new_form is None:
        number = max((g.number for g in goals), default=0) + 1
        new_form = PlanGoalForm(prefix="new-goal", initial={"number": number}, actor=request.user)
    return {
        "plan": plan,
        "goals": goals,
        "new_goal_form": new_form,
        "editing": editing.pk if editing else None,
        "edit_form": edit_form,
        "goal_conflict": conflict,
    }


def editor_actions_context(request: HttpRequest, plan: Plan, error: str = "") -> dict:
    return {
        "plan": plan,
        "actions": selectors.plan_editor_actions(request.user, plan),
        "error": error,
    }


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk, "change")
    if wants_partial(request) and request.GET.get("part") == "goals":
        return render_region(request, "oaps/_plan_goals.html", _goals_context(request, plan))
    catalogue = OrganisationCatalogue(request.user)
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(plan),
        catalogue=catalogue,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("title", "first_year", "last_year")}
        if form.sets_co_drivers:
            data["co_drivers"] = form.cleaned_data["co_drivers"]
        try:
            services.plan_update(
                actor=request.user, plan=plan, data=data, version=form.submitted_version
            )
        except ConflictError as exc:
            conflict = selectors.conflict_for(
                request.user, exc.current, form.submitted_version, data, _("this plan")
            )
            set_bound_value(form, "version", version_of(exc.current))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("plan-edit", pk=plan.pk)
    context = {
        "plan": plan,
        "form": form,
        "catalogue": catalogue,
        "conflicts": [conflict] if conflict else [],
        **_goals_context(request, plan),
        **editor_actions_context(request, plan),
    }
    return render(request, "oaps/plan_edit.html", context)


# --- plan goals --------------------------------------------------------------------------------
# The writes below follow the service recipe (empact/services.py); they belong in
# oaps/services.py, which has no plan goal functions yet.


def _goals_done(request: HttpRequest, plan: Plan, message: str) -> HttpResponse:
    if wants_partial(request):
        return render_region(request, "oaps/_plan_goals.html", _goals_context(request, plan))
    messages.success(request, message)
    return redirect(reverse("plan-edit", args=[plan.pk]) + "#plan-goals")


def _goal_data(form: PlanGoalForm) -> dict:
    return {name: form.cleaned_data[name] for name in ("number", "title", "description")}


@require_http_methods(["GET", "POST"])
def plan_goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk, "change")
    form = PlanGoalForm(
        request.POST if request.method == "POST" else None,
        prefix="new-goal",
        actor=request.user,
        instance=PlanGoal(plan=plan),
        initial=None if request.method == "POST" else {"number": plan.goals.count() + 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_goal_save(
                actor=request.user, plan=plan, goal=None, data=_goal_data(form), version=None
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return _goals_done(request, plan, _("The plan goal was added."))
    if wants_partial(request):
        return render_region(
            request, "oaps/_plan_goals.html", _goals_context(request, plan, new_form=form)
        )
    return render(request, "oaps/plan_goal_form.html", {"plan": plan, "form": form})


@require_http_methods(["GET", "POST"])
def plan_goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(
        PlanGoal.objects.visible_to(request.user, "view").select_related("plan"), pk=pk
    )
    require_can(request.user, "change", goal)
    plan = goal.plan
    form = PlanGoalForm(
        request.POST if request.method == "POST" else None,
        prefix=f"goal-{goal.pk}",
        instance=copy.copy(goal),
        actor=request.user,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = _goal_data(form)
        try:
            services.plan_goal_save(
                actor=request.user,
                plan=plan,
                goal=goal,
                data=data,
                version=form.submitted_version,
            )
        except ConflictError as exc:
            conflict = selectors.conflict_for(
                request.user,
                exc.current,
                form.submitted_version,
                data,
                _("plan goal %(number)s") % {"number": goal.number},
            )
            set_bound_value(form, "version", version_of(exc.current))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return _goals_done(request, plan, _("The plan goal was saved."))
    if wants_partial(request):
        context = _goals_context(request, plan, editing=goal, edit_form=form, conflict=conflict)
        return render_region(request, "oaps/_plan_goals.html", context)
    return render(
        request,
        "oaps/plan_goal_form.html",
        {"plan": plan, "form": form, "goal": goal, "conflicts": [conflict] if conflict else []},
    )


@require_POST
def plan_goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(
        PlanGoal.objects.visible_to(request.user, "view").select_related("plan"), pk=pk
    )
    require_can(request.user, "delete", goal)
    services.plan_goal_delete(actor=request.user, goal=goal)
    return _goals_done(
        request, goal.plan, _("Plan goal %(number)s was deleted.") % {"number": goal.number}
    )


# --- the order of the actions ------------------------------------------------------------------


@require_POST
def action_reorder(request: HttpRequest, pk: int) -> HttpResponse:
    """Move one action up or down (``up=<id>`` or ``down=<id>``) in the plan's order."""
    plan = plan_for(request, pk, "change")
    order = [action.pk for action in selectors.plan_editor_actions(request.user, plan)]
    moved, step = None, 0
    for key, delta in (("up", -1), ("down", 1)):
        value = request.POST.get(key, "")
        if value.isdigit() and int(value) in order:
            moved, step = int(value), delta
    error = ""
    if moved is None:
        error = _("Choose the action to move.")
    else:
        index = order.index(moved)
        other = index + step
        if 0 <= other < len(order):
            order[index], order[other] = order[other], order[index]
            try:
                services.actions_reorder(actor=request.user, plan=plan, order=order)
            except WorkflowError as exc:
                error = exc.message
    if wants_partial(request):
        return render_region(
            request,
            "oaps/_plan_editor_actions.html",
            editor_actions_context(request, plan, error),
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The order of the actions was saved."))
    return redirect(reverse("plan-edit", args=[plan.pk]) + "#plan-actions")
