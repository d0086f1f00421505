"""The pages of the independent evaluation (its report and recommendations, their follow-up in
the next cycle), the step that starts the next cycle, and a plan started from an earlier one.

Each page checks the requirement of its URL in ``empact/access/matrix.yaml``; every write is one
call of the owning app's service.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cycles import services as cycle_services
from cycles.models import Cycle, Evaluation, Recommendation
from empact.access import can, may
from empact.services import ConflictError, WorkflowError
from empact.views import require_can
from oaps import services as oap_services
from oaps.models import OperationalActionPlan
from oaps.views import apply_validation_error
from priorities import services as priority_services
from priorities.models import HorizontalGoal, Priority
from workspace import selectors
from workspace.evaluation_forms import (
    EvaluationForm,
    FollowUpForm,
    NextCycleForm,
    PlanCopyForm,
    RecommendationForm,
)
from workspace.setup import posted

CONFLICT = (
    "Somebody else saved this in the meantime. Open the page again to see their change, then "
    "make yours."
)


def _form_page(
    request: HttpRequest,
    *,
    form,
    save: Callable[[], object],
    title: str,
    done: str,
    back_url: str,
    next_url: Callable[[object], str] | None = None,
    context: dict | None = None,
    template: str = "evaluations/form.html",
    submit_label: str | None = None,
) -> HttpResponse:
    """A form page: on a valid post, the service call and on to the next page; a refusal next
    to the fields, nothing entered lost."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ConflictError:
            form.add_error(None, _(CONFLICT))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect(next_url(saved) if next_url else back_url)
    return render(
        request,
        template,
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "submit_label": submit_label or _("Save"),
            **(context or {}),
        },
    )


def _object(request: HttpRequest, model, pk: int, action: str, related: tuple = ()):
    """404 outside the user's view, 403 without ``action`` on it."""
    obj = get_object_or_404(
        model.objects.visible_to(request.user, "view").select_related(*related), pk=pk
    )
    require_can(request.user, action, obj)
    return obj


# --- the evaluation ----------------------------------------------------------------------------


@require_GET
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluation report's metadata and its recommendations with their follow-up."""
    user = request.user
    evaluation = _object(request, Evaluation, pk, "view", ("cycle", "commissioned_by", "report"))
    recommendations = (
        Recommendation.objects.visible_to(user, "view")
        .filter(evaluation=evaluation)
        .select_related("addressed_in")
        .order_by("number")
    )
    return render(
        request,
        "evaluations/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "cycle": evaluation.cycle,
            "recommendations": recommendations,
            "may_change": can(user, "change", evaluation),
            "may_follow_up": may(user, "recommendation", "follow_up"),
            "may_change_recommendations": may(user, "recommendation", "change"),
        },
    )


@require_http_methods(["GET", "POST"])
def evaluation_create(request: HttpRequest) -> HttpResponse:
    require_can_add(request)
    initial = {}
    if request.GET.get("cycle", "").isdigit():
        initial["cycle"] = int(request.GET["cycle"])
    form = EvaluationForm(
        posted(request), instance=Evaluation(), actor=request.user, initial=initial
    )
    return _form_page(
        request,
        form=form,
        save=lambda: cycle_services.evaluation_create(actor=request.user, data=form.service_data()),
        title=_("Add the independent evaluation"),
        done=_("The evaluation was added."),
        back_url=reverse("cycle-list"),
        next_url=lambda evaluation: reverse("evaluation-detail", args=[evaluation.pk]),
    )


def require_can_add(request: HttpRequest) -> None:
    if not may(request.user, "evaluation", "add"):
        raise PermissionDenied(_("You are not allowed to add an evaluation."))


@require_http_methods(["GET", "POST"])
def evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _object(request, Evaluation, pk, "change", ("cycle",))
    form = EvaluationForm(posted(request), instance=copy.copy(evaluation), actor=request.user)
    form.fields.pop("cycle", None)
    detail = reverse("evaluation-detail", args=[evaluation.pk])
    return _form_page(
        request,
        form=form,
        save=lambda: cycle_services.evaluation_update(
            actor=request.user,
            evaluation=evaluation,
            data=form.service_data(),
            version=form.submitted_version,
        ),
        title=_("Edit %(title)s") % {"title": evaluation.title},
        done=_("The evaluation was saved."),
        back_url=detail,
    )


@require_http_methods(["GET", "POST"])
def recommendation_create(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _object(request, Evaluation, pk, "change", ("cycle",))
    taken = evaluation.recommendations.order_by("-number").values_list("number", flat=True)
    form = RecommendationForm(
        posted(request),
        instance=Recommendation(evaluation=evaluation),
        actor=request.user,
        initial={"number": (taken.first() or 0) + 1},
    )
    detail = reverse("evaluation-detail", args=[evaluation.pk])
    return _form_page(
        request,
        form=form,
        save=lambda: cycle_services.recommendation_create(
            actor=request.user, data={"evaluation": evaluation, **form.service_data()}
        ),
        title=_("Add a recommendation to %(title)s") % {"title": evaluation.title},
        done=_("The recommendation was added."),
        back_url=detail,
    )


@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _object(request, Recommendation, pk, "change", ("evaluation__cycle",))
    form = RecommendationForm(
        posted(request), instance=copy.copy(recommendation), actor=request.user
    )
    return _form_page(
        request,
        form=form,
        save=lambda: cycle_services.recommendation_update(
            actor=request.user,
            recommendation=recommendation,
            data=form.service_data(),
            version=form.submitted_version,
        ),
        title=_("Edit recommendation %(number)s") % {"number": recommendation.number},
        done=_("The recommendation was saved."),
        back_url=reverse("evaluation-detail", args=[recommendation.evaluation_id]),
    )


@require_http_methods(["GET", "POST"])
def recommendation_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """How the next cycle follows the recommendation up; a reason when it is not taken up."""
    recommendation = _object(request, Recommendation, pk, "follow_up", ("evaluation__cycle",))
    form = FollowUpForm(
        posted(request),
        initial={
            "status": recommendation.follow_up_status,
            "reason": recommendation.follow_up_reason,
            "note": recommendation.follow_up_note,
        },
    )
    return _form_page(
        request,
        form=form,
        save=lambda: cycle_services.recommendation_follow_up(
            actor=request.user, recommendation=recommendation, **form.cleaned_data
        ),
        title=_("Follow up recommendation %(number)s") % {"number": recommendation.number},
        done=_("The follow-up was saved."),
        back_url=reverse("evaluation-detail", args=[recommendation.evaluation_id]),
        context={"recommendation": recommendation},
    )


# --- the next cycle ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def cycle_next(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat starts the next cycle: the CHSGs to carry over (all ticked), and what
    else comes along (milestones, open recommendations) said on the page."""
    cycle = selectors.cycle_for_page(request.user, pk)
    require_can(request.user, "next_cycle", cycle)
    goals = HorizontalGoal.objects.visible_to(request.user, "view").filter(masp__cycle=cycle)
    form = NextCycleForm(posted(request), goals=goals.order_by("number"))
    open_recommendations = Recommendation.objects.visible_to(request.user, "view").filter(
        evaluation__cycle=cycle, follow_up_status__in=Recommendation.OPEN_FOLLOW_UPS
    )
    return _form_page(
        request,
        form=form,
        save=lambda: priority_services.next_cycle_create(
            actor=request.user, cycle=cycle, goals=form.cleaned_data["goals"]
        ),
        title=_("Start the next cycle"),
        done=_("The next cycle was started with its milestones, CHSGs and recommendations."),
        back_url=reverse("cycle-detail", args=[cycle.pk]),
        next_url=lambda new: reverse("cycle-detail", args=[new.pk]),
        context={
            "cycle": cycle,
            "next_years": (cycle.last_year + 1, cycle.last_year + 4),
            "open_recommendations": open_recommendations,
            "exists": Cycle.objects.filter(first_year=cycle.last_year + 1).exists(),
        },
        template="evaluations/cycle_next.html",
        submit_label=_("Start the next cycle"),
    )


# --- a plan from an earlier one ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_copy_from(request: HttpRequest, pk: int) -> HttpResponse:
    """A new draft plan of a priority, started from this plan."""
    source = _object(request, OperationalActionPlan, pk, "copy_from", ("priority__cycle",))
    priorities = (
        Priority.objects.visible_to(request.user, "view")
        .filter(cycle__first_year__gte=source.priority.cycle.first_year)
        .select_related("cycle")
        .order_by("-cycle__first_year", "code")
    )
    sets_up = may(request.user, "plan", "add")  # else (a driver): the plan's own line only
    if not sets_up:
        priorities = priorities.filter(code=source.priority.code)
    form = PlanCopyForm(posted(request), priorities=priorities, sets_up=sets_up)
    return _form_page(
        request,
        form=form,
        save=lambda: oap_services.plan_copy_from(
            actor=request.user,
            source_plan=source,
            priority=form.cleaned_data["priority"],
            first_year=form.cleaned_data.get("first_year"),
            last_year=form.cleaned_data.get("last_year"),
            code=form.cleaned_data.get("code", ""),
            title=form.cleaned_data["title"],
        ),
        title=_("Start a new plan from %(code)s") % {"code": source.code},
        done=_("The new draft plan was created from the earlier one."),
        back_url=reverse("plan-detail", args=[source.pk]),
        next_url=lambda plan: reverse("plan-detail", args=[plan.pk]),
        context={"source": source},
        template="evaluations/plan_copy_from.html",
        submit_label=_("Create the new plan"),
    )
