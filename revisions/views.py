"""The revision pages: a cycle's revisions, proposing one, a revision with its wording before
and after, and COSI's adoption or rejection. Each view checks the matrix action its URL names;
the services decide the rest."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cycles.models import Cycle
from empact import clock
from empact.access import can, may
from empact.services import WorkflowError
from empact.views import require_can
from oaps.models import PlanGoal
from oaps.views import apply_validation_error
from priorities.models import Priority
from revisions import selectors, services
from revisions.forms import RevisionDecisionForm, RevisionProposalForm
from revisions.models import Revision


@require_GET
def revision_list(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user, "view"), pk=pk)
    return render(
        request,
        "revisions/revision_list.html",
        {
            "cycle": cycle,
            "revisions": list(selectors.revisions_of_cycle(request.user, cycle)[:200]),
            "can_propose": may(request.user, "revision", "add"),
            "propose_url": f"{reverse('revision-propose')}?cycle={cycle.pk}",
        },
    )


def _query_id(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def revision_propose(request: HttpRequest) -> HttpResponse:
    """``revisions/new/?cycle=<id>`` (or ``?priority=<id>``, ``?plan_goal=<id>``, chosen)."""
    user = request.user
    if not may(user, "revision", "add"):
        raise PermissionDenied
    priorities = Priority.objects.visible_to(user, "revise").select_related("cycle")
    plan_goals = PlanGoal.objects.visible_to(user, "view").select_related("plan__priority__cycle")
    initial: dict = {}
    cycle = None
    if (cycle_id := _query_id(request, "cycle")) is not None:
        cycle = get_object_or_404(Cycle.objects.visible_to(user, "view"), pk=cycle_id)
    for name, rows in (("priority", priorities), ("plan_goal", plan_goals)):
        if (target_id := _query_id(request, name)) is not None:
            target = get_object_or_404(rows, pk=target_id)
            initial.update({name: target, "title": target.title})
            initial["description"] = target.description
            cycle = target.cycle if name == "priority" else target.plan.priority.cycle
    if cycle is not None:
        priorities = priorities.filter(cycle=cycle)
        plan_goals = plan_goals.filter(plan__priority__cycle=cycle)
    form = RevisionProposalForm(
        request.POST or None,
        initial=initial,
        priorities=priorities.order_by("code"),
        plan_goals=plan_goals.order_by("plan__code", "number"),
        threats=selectors.interim_threats(user, cycle),
    )
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.revision_propose(actor=user, data=form.service_data())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except PermissionDenied:
            form.add_error(None, _("You may not propose a revision of this priority or goal."))
        else:
            messages.success(request, _("The revision was proposed to COSI."))
            return redirect("revision-detail", pk=revision.pk)
    return render(request, "revisions/revision_form.html", {"form": form, "cycle": cycle})


@require_GET
def revision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    revision = selectors.revision_for_page(user, pk)
    pending = revision.status == Revision.Status.PROPOSED
    return render(
        request,
        "revisions/revision_detail.html",
        {
            "revision": revision,
            "cycle": revision.cycle,
            "comparison": revision.comparison(),
            "header_meta": [revision.get_status_display()],
            "can_adopt": pending and can(user, "adopt", revision),
            "can_reject": pending and can(user, "reject", revision),
        },
    )


def _decide(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    revision = selectors.revision_for_page(request.user, pk)
    require_can(request.user, step, revision)
    form = RevisionDecisionForm(
        request.POST or None,
        initial={"decided_on": clock.today()},
        note_required=step == "reject",
    )
    if request.method == "POST" and form.is_valid():
        run = services.revision_adopt if step == "adopt" else services.revision_reject
        try:
            run(actor=request.user, revision=revision, **form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            done = (
                _("COSI's adoption of the revision was recorded.")
                if step == "adopt"
                else _("COSI's rejection of the revision was recorded.")
            )
            messages.success(request, done)
            return redirect("revision-detail", pk=revision.pk)
    return render(
        request,
        "revisions/revision_decision.html",
        {
            "revision": revision,
            "cycle": revision.cycle,
            "comparison": revision.comparison(),
            "form": form,
            "step": step,
        },
    )


@require_http_methods(["GET", "POST"])
def revision_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "adopt")


@require_http_methods(["GET", "POST"])
def revision_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "reject")
