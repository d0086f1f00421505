"""The review pages: the rounds, opening one, a round's table of countries by plans, closing it
and a delegation's position on a plan. Each view checks the matrix action its URL names."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from discussion.selectors import discussion_part
from empact import clock
from empact.access import can, may
from empact.services import WorkflowError
from empact.views import require_can
from oaps import selectors as plan_selectors
from oaps.models import OperationalActionPlan
from oaps.views import apply_validation_error
from reviews import selectors, services
from reviews.forms import PositionForm, ReviewRoundForm
from reviews.models import Position

Plan = OperationalActionPlan


def round_list(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "review_round", "view"):
        raise PermissionDenied
    rounds = list(selectors.round_list(request.user)[:200])
    return render(
        request,
        "reviews/round_list.html",
        {
            "rounds": rounds,
            "can_open": may(request.user, "review_round", "add"),
            "today": clock.today(),
        },
    )


def round_create(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "review_round", "add"):
        raise PermissionDenied
    plans = (
        plan_selectors.plans_visible_to(request.user)
        .filter(status=Plan.Status.SUBMITTED)
        .select_related("priority__cycle")
        .order_by("code")
    )
    form = ReviewRoundForm(request.POST or None, plans=plans)
    if request.method == "POST" and form.is_valid():
        try:
            review_round = services.review_round_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The review round was opened."))
            return redirect("review-round-detail", pk=review_round.pk)
    return render(request, "reviews/round_form.html", {"form": form})


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    review_round = selectors.round_for_page(user, pk)
    table = selectors.round_table(user, review_round)
    return render(
        request,
        "reviews/round_detail.html",
        {
            "round": review_round,
            "table": table,
            "can_close": review_round.status == "open" and can(user, "close", review_round),
            "may_give": review_round.is_open and may(user, "position", "add"),
            "may_decide": may(user, "plan", "approve"),
            "discussion": discussion_part(user, review_round),
        },
    )


@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    review_round = selectors.round_for_page(request.user, pk)
    require_can(request.user, "close", review_round)
    try:
        services.review_round_close(actor=request.user, review_round=review_round)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The review round was closed."))
    return redirect("review-round-detail", pk=review_round.pk)


def position_give(request: HttpRequest, pk: int) -> HttpResponse:
    """``plans/<pk>/position/?round=<id>``: the delegate's position on the plan in the round."""
    plan = get_object_or_404(plan_selectors.plans_visible_to(request.user), pk=pk)
    require_can(request.user, "give_position", plan)
    rounds = selectors.rounds_visible_to(request.user).filter(plans=plan)
    if "round" in request.GET:
        try:
            review_round = get_object_or_404(rounds, pk=int(request.GET["round"]))
        except ValueError:
            raise Http404 from None
    else:  # the plan's latest round
        review_round = rounds.order_by("-closes_on", "-pk").first()
    if review_round is None:
        return render(request, "reviews/position_none.html", {"plan": plan})
    if not review_round.plans.filter(pk=plan.pk).exists():
        raise Http404
    country = services.delegation_country(request.user)
    existing = Position.objects.filter(round=review_round, plan=plan, country=country).first()
    initial = {"position": existing.position, "comment": existing.comment} if existing else {}
    form = PositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_give(
                actor=request.user,
                review_round=review_round,
                plan=plan,
                position=form.cleaned_data["position"],
                comment=form.cleaned_data["comment"],
            )
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Your delegation's position on %(plan)s was recorded.") % {"plan": plan.code},
            )
            return redirect("review-round-detail", pk=review_round.pk)
    return render(
        request,
        "reviews/position_form.html",
        {
            "round": review_round,
            "plan": plan,
            "country": country,
            "existing": existing,
            "form": form,
        },
    )
