"""The pages that set a cycle up after its years (``cycle-create``): a page per step with a
progress indicator, and a page to create or edit each thing a step makes.

Every page here checks exactly the requirement of its URL in ``empact/access/matrix.yaml``
(mostly ``change`` on the cycle being set up), and every write is one call of the owning
app's service; a view only picks the form, calls the service and renders.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cycles import services as cycle_services
from cycles.models import Cycle, Milestone, Threat, ThreatAssessment
from empact.services import ConflictError
from empact.views import require_can
from oaps import services as oap_services
from oaps.forms import OrganisationCatalogue
from oaps.models import OperationalActionPlan, ReportingPeriod
from oaps.views import apply_validation_error
from priorities import services as priority_services
from priorities.models import HorizontalGoal, Masp, Priority
from workspace import selectors
from workspace.forms import (
    GoalsCopyForm,
    HorizontalGoalForm,
    MaspForm,
    MilestoneForm,
    PlanSetupEditForm,
    PlanSetUpForm,
    PriorityForm,
    ReportingPeriodForm,
    ReportingPeriodsForm,
    SetupForm,
    ThreatAssessmentForm,
    ThreatForm,
)


def cycle_to_set_up(request: HttpRequest, pk: int) -> Cycle:
    """The cycle the URL names: 404 outside the user's view, 403 without ``change`` on it."""
    cycle = selectors.cycle_for_page(request.user, pk)
    require_can(request.user, "change", cycle)
    return cycle


def object_for(request: HttpRequest, model: type[Model], pk: int, action: str, related: tuple = ()):
    """The object the URL names: 404 outside the user's view, 403 without ``action`` on it."""
    obj = get_object_or_404(
        model.objects.visible_to(request.user, "view").select_related(*related), pk=pk
    )
    require_can(request.user, action, obj)
    return obj


def posted(request: HttpRequest):
    """The posted data, or None on a GET (an empty post is still a post: a form with nothing
    ticked must say so)."""
    return request.POST if request.method == "POST" else None


def step_url(cycle: Cycle, step: str) -> str:
    return reverse(f"cycle-setup-{step}", args=[cycle.pk])


def setup_context(request: HttpRequest, cycle: Cycle, step: str | None) -> dict:
    steps = selectors.cycle_setup_steps(request.user, cycle, current=step)
    for item in steps:
        item.url = reverse(item.url_name, args=[cycle.pk])
    return {"cycle": cycle, "steps": steps}


def form_page(
    request: HttpRequest,
    *,
    cycle: Cycle,
    step: str,
    form,
    save: Callable[[], object],
    title: str,
    done: str,
    next_url: str | None = None,
    submit_label: str | None = None,
) -> HttpResponse:
    """A create or edit page of the set-up: on a valid post, the service call ``save`` and back
    to the step; a refusal of the service next to the fields, the input kept."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ConflictError:
            form.add_error(
                None,
                _(
                    "Somebody else saved this in the meantime. Open the page again to see "
                    "their change, then make yours."
                ),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(next_url or step_url(cycle, step))
    context = {
        **setup_context(request, cycle, step),
        "form": form,
        "title": title,
        "back_url": step_url(cycle, step),
        "submit_label": submit_label or _("Save"),
        "catalogue": getattr(form, "catalogue", None),
    }
    return render(request, "cycles/setup_form.html", context)


def _version(form: SetupForm) -> str | None:
    return form.submitted_version


# --- the steps ---------------------------------------------------------------------------------


@require_GET
def cycle_setup(request: HttpRequest, pk: int) -> HttpResponse:
    """The steps of setting the cycle up with each one's state; the first one to do is marked
    as the current step."""
    cycle = cycle_to_set_up(request, pk)
    context = {**setup_context(request, cycle, None), "title": _("Set up the cycle")}
    first_to_do = next((s for s in context["steps"] if not s.done), None)
    if first_to_do:
        first_to_do.current = True
    return render(request, "cycles/setup.html", context)


def _step(request: HttpRequest, pk: int, step: str, **parts) -> HttpResponse:
    cycle = cycle_to_set_up(request, pk)
    context = setup_context(request, cycle, step)
    context["title"] = next(s.label for s in context["steps"] if s.key == step)
    context.update({name: part(request.user, cycle) for name, part in parts.items()})
    return render(request, f"cycles/setup_{step}.html", context)


@require_GET
def cycle_setup_milestones(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "milestones", milestones=selectors.cycle_setup_milestones)


@require_GET
def cycle_setup_threats(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "threats", assessments=selectors.cycle_setup_threat_assessments)


@require_GET
def cycle_setup_priorities(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "priorities", priorities=selectors.cycle_setup_priorities)


@require_GET
def cycle_setup_masp(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        "masp",
        masp=selectors.cycle_setup_masp,
        previous_goals=lambda user, cycle: selectors.previous_cycle_goals(user, cycle).exists(),
    )


@require_GET
def cycle_setup_plans(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "plans", priorities=selectors.cycle_setup_priorities)


@require_GET
def cycle_setup_reporting(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "reporting", periods=selectors.cycle_setup_reporting_periods)


# --- milestones --------------------------------------------------------------------------------


@require_POST
def cycle_milestones_generate(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_to_set_up(request, pk)
    created = cycle_services.cycle_milestones_generate(actor=request.user, cycle=cycle)
    if created:
        messages.success(
            request,
            ngettext(
                "%(n)s missing milestone of the default timetable was added.",
                "%(n)s missing milestones of the default timetable were added.",
                len(created),
            )
            % {"n": len(created)},
        )
    else:
        messages.info(request, _("The cycle already has every milestone of the timetable."))
    return redirect(step_url(cycle, "milestones"))


@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = object_for(request, Milestone, pk, "change", ("cycle",))
    form = MilestoneForm(posted(request), instance=copy.copy(milestone), actor=request.user)
    return form_page(
        request,
        cycle=milestone.cycle,
        step="milestones",
        form=form,
        save=lambda: cycle_services.milestone_update(
            actor=request.user,
            milestone=milestone,
            data=form.service_data(),
            version=_version(form),
        ),
        title=_("Edit the milestone %(title)s") % {"title": milestone.title},
        done=_("The milestone was saved."),
    )


# --- threat assessments and threats ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def threat_assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_to_set_up(request, pk)
    form = ThreatAssessmentForm(
        posted(request), instance=ThreatAssessment(cycle=cycle), actor=request.user
    )
    return form_page(
        request,
        cycle=cycle,
        step="threats",
        form=form,
        save=lambda: cycle_services.threat_assessment_create(
            actor=request.user, data={"cycle": cycle, **form.service_data()}
        ),
        title=_("Add a threat assessment"),
        done=_("The threat assessment was added."),
    )


@require_http_methods(["GET", "POST"])
def threat_assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = object_for(request, ThreatAssessment, pk, "change")
    form = ThreatAssessmentForm(posted(request), instance=copy.copy(assessment), actor=request.user)
    return form_page(
        request,
        cycle=assessment.cycle,
        step="threats",
        form=form,
        save=lambda: cycle_services.threat_assessment_update(
            actor=request.user,
            threat_assessment=assessment,
            data=form.service_data(),
            version=_version(form),
        ),
        title=_("Edit %(title)s") % {"title": assessment.title},
        done=_("The threat assessment was saved."),
    )


@require_http_methods(["GET", "POST"])
def threat_create(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = object_for(request, ThreatAssessment, pk, "change")
    form = ThreatForm(posted(request), instance=Threat(assessment=assessment), actor=request.user)
    return form_page(
        request,
        cycle=assessment.cycle,
        step="threats",
        form=form,
        save=lambda: cycle_services.threat_create(
            actor=request.user, data={"assessment": assessment, **form.service_data()}
        ),
        title=_("Add a threat to %(title)s") % {"title": assessment.title},
        done=_("The threat was added."),
    )


@require_http_methods(["GET", "POST"])
def threat_edit(request: HttpRequest, pk: int) -> HttpResponse:
    threat = object_for(request, Threat, pk, "change", ("assessment__cycle",))
    form = ThreatForm(posted(request), instance=copy.copy(threat), actor=request.user)
    return form_page(
        request,
        cycle=threat.assessment.cycle,
        step="threats",
        form=form,
        save=lambda: cycle_services.threat_update(
            actor=request.user, threat=threat, data=form.service_data(), version=_version(form)
        ),
        title=_("Edit the threat %(title)s") % {"title": threat.title},
        done=_("The threat was saved."),
    )


# --- priorities --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def priority_create(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_to_set_up(request, pk)
    form = PriorityForm(
        posted(request), instance=Priority(cycle=cycle), actor=request.user, cycle=cycle
    )
    return form_page(
        request,
        cycle=cycle,
        step="priorities",
        form=form,
        save=lambda: priority_services.priority_create(
            actor=request.user, data={"cycle": cycle, **form.service_data()}
        ),
        title=_("Add a priority"),
        done=_("The priority was added."),
    )


@require_http_methods(["GET", "POST"])
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    priority = object_for(request, Priority, pk, "change", ("cycle",))
    form = PriorityForm(
        posted(request),
        instance=copy.copy(priority),
        actor=request.user,
        cycle=priority.cycle,
    )
    return form_page(
        request,
        cycle=priority.cycle,
        step="priorities",
        form=form,
        save=lambda: priority_services.priority_update(
            actor=request.user, priority=priority, data=form.service_data(), version=_version(form)
        ),
        title=_("Edit the priority %(code)s") % {"code": priority.code},
        done=_("The priority was saved."),
    )


# --- the general MASP and its CHSGs ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def masp_create(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_to_set_up(request, pk)
    existing = Masp.objects.visible_to(request.user, "view").filter(cycle=cycle).first()
    if existing:  # a cycle has one general MASP
        return redirect("masp-edit", pk=existing.pk)
    form = MaspForm(
        posted(request),
        instance=Masp(cycle=cycle),
        actor=request.user,
        initial={"title": _("General MASP %(years)s") % {"years": cycle.name}},
    )
    return form_page(
        request,
        cycle=cycle,
        step="masp",
        form=form,
        save=lambda: priority_services.masp_create(
            actor=request.user, data={"cycle": cycle, **form.service_data()}
        ),
        title=_("Add the general MASP"),
        done=_("The general MASP was added."),
    )


@require_http_methods(["GET", "POST"])
def masp_edit(request: HttpRequest, pk: int) -> HttpResponse:
    masp = object_for(request, Masp, pk, "change", ("cycle",))
    form = MaspForm(posted(request), instance=copy.copy(masp), actor=request.user)
    return form_page(
        request,
        cycle=masp.cycle,
        step="masp",
        form=form,
        save=lambda: priority_services.masp_update(
            actor=request.user, masp=masp, data=form.service_data(), version=_version(form)
        ),
        title=_("Edit the general MASP"),
        done=_("The general MASP was saved."),
    )


@require_http_methods(["GET", "POST"])
def chsg_create(request: HttpRequest, pk: int) -> HttpResponse:
    masp = object_for(request, Masp, pk, "change", ("cycle",))
    form = HorizontalGoalForm(
        posted(request),
        instance=HorizontalGoal(masp=masp),
        actor=request.user,
        initial={"number": masp.horizontal_goals.count() + 1},
    )
    return form_page(
        request,
        cycle=masp.cycle,
        step="masp",
        form=form,
        save=lambda: priority_services.horizontal_goal_create(
            actor=request.user, data={"masp": masp, **form.service_data()}
        ),
        title=_("Add a CHSG"),
        done=_("The CHSG was added."),
    )


@require_http_methods(["GET", "POST"])
def chsg_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = object_for(request, HorizontalGoal, pk, "change", ("masp__cycle",))
    form = HorizontalGoalForm(posted(request), instance=copy.copy(goal), actor=request.user)
    return form_page(
        request,
        cycle=goal.masp.cycle,
        step="masp",
        form=form,
        save=lambda: priority_services.horizontal_goal_update(
            actor=request.user,
            horizontal_goal=goal,
            data=form.service_data(),
            version=_version(form),
        ),
        title=_("Edit CHSG %(number)s") % {"number": goal.number},
        done=_("The CHSG was saved."),
    )


@require_http_methods(["GET", "POST"])
def chsgs_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """The previous cycle's CHSGs with a box each: the ticked ones copied in one step."""
    masp = object_for(request, Masp, pk, "change", ("cycle",))
    goals = selectors.previous_cycle_goals(request.user, masp.cycle)
    form = GoalsCopyForm(posted(request), goals=goals)
    return form_page(
        request,
        cycle=masp.cycle,
        step="masp",
        form=form,
        save=lambda: priority_services.horizontal_goals_copy(
            actor=request.user, masp=masp, goals=form.cleaned_data["goals"]
        ),
        title=_("Start from the previous cycle's CHSGs"),
        done=_("The CHSGs were copied; edit each one as the new MASP needs."),
        submit_label=_("Copy the ticked CHSGs"),
    )


# --- plans -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan of one of the cycle's priorities, with its driver and co-drivers and the people
    who get their roles for it, in one step."""
    cycle = cycle_to_set_up(request, pk)
    catalogue = OrganisationCatalogue(request.user)
    initial = {}
    if request.GET.get("priority", "").isdigit():
        initial["priority"] = int(request.GET["priority"])
    form = PlanSetUpForm(
        posted(request),
        instance=OperationalActionPlan(),
        actor=request.user,
        cycle=cycle,
        catalogue=catalogue,
        initial={**initial, "first_year": cycle.first_year, "last_year": cycle.first_year + 1},
    )
    form.catalogue = catalogue
    return form_page(
        request,
        cycle=cycle,
        step="plans",
        form=form,
        save=lambda: oap_services.plan_set_up(
            actor=request.user,
            data=form.service_data(),
            drivers=form.cleaned_data["drivers"],
            co_drivers=form.cleaned_data["co_drivers_people"],
        ),
        title=_("Add a plan"),
        done=_("The plan was added; its drivers find it on My work."),
    )


@require_http_methods(["GET", "POST"])
def plan_setup(request: HttpRequest, pk: int) -> HttpResponse:
    """The fields COSI sets on a plan (code, driver, co-drivers), in any state of the plan."""
    plan = object_for(request, OperationalActionPlan, pk, "change_setup", ("priority__cycle",))
    catalogue = OrganisationCatalogue(request.user)
    form = PlanSetupEditForm(
        posted(request), instance=copy.copy(plan), actor=request.user, catalogue=catalogue
    )
    form.catalogue = catalogue
    return form_page(
        request,
        cycle=plan.priority.cycle,
        step="plans",
        form=form,
        save=lambda: oap_services.plan_update(
            actor=request.user, plan=plan, data=form.service_data(), version=_version(form)
        ),
        title=_("Set up the plan %(code)s") % {"code": plan.code},
        done=_("The plan was saved."),
    )


# --- reporting periods -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def reporting_periods_generate(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_to_set_up(request, pk)
    plans = (
        OperationalActionPlan.objects.visible_to(request.user, "view")
        .filter(priority__cycle=cycle)
        .order_by("code")
    )
    form = ReportingPeriodsForm(posted(request), plans=plans)

    def generate():
        created = oap_services.reporting_periods_generate(
            actor=request.user,
            cycle=cycle,
            plans=list(form.cleaned_data.get("plans") or []),
            months=form.cleaned_data["months"],
            days_to_report=form.cleaned_data["days_to_report"],
        )
        if not created:
            raise ValidationError(_("These reporting periods exist already."))
        return created

    return form_page(
        request,
        cycle=cycle,
        step="reporting",
        form=form,
        save=generate,
        title=_("Generate the reporting periods"),
        done=_("The reporting periods were generated."),
        submit_label=_("Generate"),
    )


@require_http_methods(["GET", "POST"])
def reporting_period_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = object_for(request, ReportingPeriod, pk, "change", ("cycle", "plan__priority__cycle"))
    cycle = period.cycle or period.plan.priority.cycle
    form = ReportingPeriodForm(posted(request), instance=copy.copy(period), actor=request.user)
    return form_page(
        request,
        cycle=cycle,
        step="reporting",
        form=form,
        save=lambda: oap_services.reporting_period_update(
            actor=request.user,
            reporting_period=period,
            data=form.service_data(),
            version=_version(form),
        ),
        title=_("Edit the reporting period %(title)s") % {"title": period.title},
        done=_("The reporting period was saved."),
    )
