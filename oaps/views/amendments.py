"""The pages of versions and amendments: the versions of a plan and their comparison, opening an
amendment, the amendment page with its proposed changes, COSI's decision, and an action's
implementation status. Every write calls ``oaps.services``; each view checks the matrix action
its URL names."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from empact import clock
from empact.access import can
from empact.services import WorkflowError
from empact.views import require_can
from oaps import selectors, services
from oaps.amendment_forms import (
    ActionProposalForm,
    ActionStatusForm,
    AmendForm,
    AmendmentApproveForm,
    AmendmentReturnForm,
    KpiProposalForm,
    RemoveForm,
)
from oaps.forms import OrganisationCatalogue
from oaps.models import AmendmentChange, Kpi, OperationalAction, PlanAmendment
from oaps.views import apply_validation_error
from oaps.views.plans import plan_for

Target = AmendmentChange.Target


def amendment_for(request: HttpRequest, pk: int, action: str = "view") -> PlanAmendment:
    amendment = get_object_or_404(
        PlanAmendment.objects.visible_to(request.user, "view").select_related(
            "plan__priority__cycle", "opened_by"
        ),
        pk=pk,
    )
    require_can(request.user, action, amendment)
    return amendment


# --- versions ----------------------------------------------------------------------------------


def plan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk, "view")
    versions = list(selectors.plan_versions(user=request.user, plan=plan))
    return render(
        request,
        "oaps/plan_versions.html",
        {"plan": plan, "versions": versions, **selectors.amendment_parts(request.user, plan)},
    )


def plan_compare(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk, "view")
    versions = list(selectors.plan_versions(user=request.user, plan=plan))
    numbers = [str(v.number) for v in versions]
    a = request.GET.get("a") or (
        numbers[1] if len(numbers) > 1 else (numbers[0] if numbers else "")
    )
    b = request.GET.get("b") or (numbers[0] if numbers else "")
    comparison, error = None, ""
    if a and b:
        try:
            comparison = selectors.plan_comparison(user=request.user, plan=plan, a=a, b=b)
        except selectors.UnknownVersion as exc:
            error = str(exc)
    choices = [(n, _("Version %(n)s") % {"n": n}) for n in numbers]
    parts = selectors.amendment_parts(request.user, plan)
    if parts["open_amendment"] is not None:
        choices.append(("draft", _("The open amendment (draft)")))
    return render(
        request,
        "oaps/plan_compare.html",
        {
            "plan": plan,
            "comparison": comparison,
            "error": error,
            "a": a,
            "b": b,
            "choices": choices,
        },
    )


# --- opening an amendment ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_amend(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk, "amend")
    form = AmendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = services.amendment_open(
                actor=request.user, plan=plan, reason=form.cleaned_data["reason"]
            )
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The amendment is open. Propose its changes."))
            return redirect("amendment-detail", pk=amendment.pk)
    return render(request, "oaps/plan_amend.html", {"plan": plan, "form": form})


# --- the amendment page ------------------------------------------------------------------------


def _targets(amendment: PlanAmendment) -> dict[tuple[str, int], str]:
    plan = amendment.plan
    labels: dict[tuple[str, int], str] = {(Target.PLAN, plan.pk): plan.code}
    for action in plan.actions.all():
        labels[(Target.ACTION, action.pk)] = f"{action.code} {action.title}"
    for kpi in Kpi.objects.filter(action__plan=plan).select_related("action"):
        labels[(Target.KPI, kpi.pk)] = f"{kpi.action.code}: {kpi.name}"
    for goal in plan.goals.all():
        labels[(Target.PLAN_GOAL, goal.pk)] = f"G{goal.number}"
    return labels


def _field_label(change: AmendmentChange) -> str:
    if not change.field:
        return ""
    model = services.amendments.MODELS.get(change.target_type)
    try:
        return str(model._meta.get_field(change.field).verbose_name)
    except (AttributeError, FieldDoesNotExist):  # a row not written by the services
        return change.field


def amendment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = amendment_for(request, pk)
    user = request.user
    plan = amendment.plan
    labels = _targets(amendment)
    changes = list(amendment.changes.all())
    for change in changes:
        change.target_label = labels.get((change.target_type, change.target_id), "")
        if change.kind == AmendmentChange.Kind.ADD:
            parent = labels.get((Target.ACTION, change.parent_id), "")
            title = (change.after or {}).get("title") or (change.after or {}).get("name") or ""
            change.target_label = f"{parent}: {title}" if parent else title
        change.field_label = _field_label(change)
    editable = amendment.is_editable and can(user, "propose", amendment)
    actions = list(
        plan.actions.exclude(status=OperationalAction.Status.CANCELLED).prefetch_related("kpis")
    )
    context = {
        "amendment": amendment,
        "plan": plan,
        "changes": changes,
        "actions": actions,
        "can_edit": editable,
        "can_submit": amendment.is_editable and can(user, "submit", amendment),
        "can_withdraw": amendment.is_open and can(user, "withdraw", amendment),
        "can_decide": amendment.status == PlanAmendment.Status.SUBMITTED
        and can(user, "approve", amendment),
        "approve_form": AmendmentApproveForm(
            prefix="approve", initial={"decided_on": clock.today()}
        ),
        "return_form": AmendmentReturnForm(prefix="return"),
        "remove_form": RemoveForm(),
    }
    return render(request, "oaps/amendment_detail.html", context)


def _proposal(amendment: PlanAmendment, target: str, obj) -> dict:
    """The values of the object as the amendment would make them (for the form's initial)."""
    values = {}
    for change in amendment.changes.filter(
        kind=AmendmentChange.Kind.CHANGE, target_type=target, target_id=obj.pk
    ):
        values[change.field] = change.value
    return values


def _save_proposal(request, amendment, target: str, obj, form) -> bool:
    """One proposed change per field that differs from the version in force, all with the
    reason given; False (and the errors on the form) when the service refuses one."""
    reason = form.cleaned_data.get("reason", "")
    try:
        with transaction.atomic():
            for name, value in form.service_values().items():
                services.amendment_change_save(
                    actor=request.user,
                    amendment=amendment,
                    target_type=target,
                    target_id=obj.pk,
                    field=name,
                    value=value,
                    reason=reason,
                )
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return False
    except WorkflowError as exc:
        form.add_error(None, exc.message)
        return False
    return True


def _editable_amendment(request, pk: int) -> PlanAmendment:
    """The amendment whose changes the user proposes (the service refuses another state)."""
    return amendment_for(request, pk, "propose")


def _amendment_of(request: HttpRequest, plan) -> PlanAmendment | None:
    """The plan's open amendment while it takes proposals; None (with a message) otherwise."""
    amendment = selectors.open_amendment(plan)
    if amendment is None or not amendment.is_editable:
        messages.error(
            request, _("The plan has no amendment in preparation: open one to propose changes.")
        )
        return None
    return amendment


def _action_for(request: HttpRequest, pk: int) -> OperationalAction:
    action = get_object_or_404(
        OperationalAction.objects.visible_to(request.user, "view").select_related("plan"), pk=pk
    )
    require_can(request.user, "amend", action)
    return action


@require_http_methods(["GET", "POST"])
def amendment_action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for(request, pk)
    plan = action.plan
    amendment = _amendment_of(request, plan)
    if amendment is None:
        return redirect("action-detail", pk=action.pk)
    catalogue = OrganisationCatalogue(request.user)
    form = ActionProposalForm(
        request.POST or None,
        instance=action,
        initial=_proposal(amendment, Target.ACTION, action),
        actor=request.user,
        plan=plan,
        catalogue=catalogue,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_proposal(request, amendment, Target.ACTION, action, form)
    ):
        messages.success(
            request, _("The proposed changes of %(a)s were saved.") % {"a": action.code}
        )
        return redirect("amendment-detail", pk=amendment.pk)
    return render(
        request,
        "oaps/amendment_proposal.html",
        {
            "amendment": amendment,
            "plan": plan,
            "form": form,
            "catalogue": catalogue,
            "title": _("Propose changes of %(a)s") % {"a": action.code},
        },
    )


@require_http_methods(["GET", "POST"])
def amendment_kpi_edit(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = get_object_or_404(
        Kpi.objects.visible_to(request.user, "view").select_related("action__plan"), pk=pk
    )
    require_can(request.user, "amend", kpi)
    amendment = _amendment_of(request, kpi.action.plan)
    if amendment is None:
        return redirect("action-detail", pk=kpi.action_id)
    form = KpiProposalForm(
        request.POST or None, instance=kpi, initial=_proposal(amendment, Target.KPI, kpi)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_proposal(request, amendment, Target.KPI, kpi, form)
    ):
        messages.success(request, _("The proposed changes of the KPI were saved."))
        return redirect("amendment-detail", pk=amendment.pk)
    return render(
        request,
        "oaps/amendment_proposal.html",
        {
            "amendment": amendment,
            "plan": amendment.plan,
            "form": form,
            "title": _("Propose changes of the KPI %(k)s") % {"k": kpi.name},
        },
    )


def _add(request, amendment, target: str, form, parent_id=None) -> bool:
    try:
        services.amendment_add(
            actor=request.user,
            amendment=amendment,
            target_type=target,
            data=form.service_values(),
            reason=form.cleaned_data["reason"],
            parent_id=parent_id,
        )
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return False
    except WorkflowError as exc:
        form.add_error(None, exc.message)
        return False
    return True


@require_http_methods(["GET", "POST"])
def amendment_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = _editable_amendment(request, pk)
    plan = amendment.plan
    catalogue = OrganisationCatalogue(request.user)
    form = ActionProposalForm(
        request.POST or None,
        instance=OperationalAction(plan=plan),
        actor=request.user,
        plan=plan,
        catalogue=catalogue,
        adding=True,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _add(request, amendment, Target.ACTION, form)
    ):
        messages.success(request, _("The new action is proposed."))
        return redirect("amendment-detail", pk=amendment.pk)
    return render(
        request,
        "oaps/amendment_proposal.html",
        {
            "amendment": amendment,
            "plan": plan,
            "form": form,
            "catalogue": catalogue,
            "title": _("Propose a new action"),
        },
    )


@require_http_methods(["GET", "POST"])
def amendment_kpi_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for(request, pk)
    amendment = _amendment_of(request, action.plan)
    if amendment is None:
        return redirect("action-detail", pk=action.pk)
    form = KpiProposalForm(request.POST or None, instance=Kpi(action=action), adding=True)
    if (
        request.method == "POST"
        and form.is_valid()
        and _add(request, amendment, Target.KPI, form, parent_id=action.pk)
    ):
        messages.success(request, _("The new KPI is proposed."))
        return redirect("amendment-detail", pk=amendment.pk)
    return render(
        request,
        "oaps/amendment_proposal.html",
        {
            "amendment": amendment,
            "plan": amendment.plan,
            "form": form,
            "title": _("Propose a new KPI of %(a)s") % {"a": action.code},
        },
    )


@require_POST
def amendment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = _editable_amendment(request, pk)
    form = RemoveForm(request.POST)
    target = request.POST.get("target_type", "")
    try:
        target_id = int(request.POST.get("target_id", ""))
    except ValueError:
        target_id = 0
    if not form.is_valid():
        messages.error(request, _("Give the reason for removing it."))
        return redirect("amendment-detail", pk=amendment.pk)
    try:
        services.amendment_remove(
            actor=request.user,
            amendment=amendment,
            target_type=target,
            target_id=target_id,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The removal is proposed."))
    return redirect("amendment-detail", pk=amendment.pk)


@require_POST
def amendment_change_delete(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(
        AmendmentChange.objects.visible_to(request.user, "view").select_related("amendment"),
        pk=pk,
    )
    require_can(request.user, "delete", change)
    try:
        services.amendment_change_delete(actor=request.user, change=change)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The proposed change was taken back."))
    return redirect("amendment-detail", pk=change.amendment_id)


# --- the amendment's steps ---------------------------------------------------------------------


def _step(request, pk: int, step: str, run, done: str) -> HttpResponse:
    amendment = amendment_for(request, pk, step)
    try:
        run(amendment)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("amendment-detail", pk=amendment.pk)


@require_POST
def amendment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        "submit",
        lambda a: services.amendment_submit(actor=request.user, amendment=a),
        _("The amendment was submitted to COSI."),
    )


@require_POST
def amendment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        "withdraw",
        lambda a: services.amendment_withdraw(actor=request.user, amendment=a),
        _("The amendment was withdrawn; the approved version stays in force."),
    )


@require_POST
def amendment_approve(request: HttpRequest, pk: int) -> HttpResponse:
    form = AmendmentApproveForm(request.POST, prefix="approve")
    data = form.cleaned_data if form.is_valid() else {}

    def run(amendment):
        if not data:
            raise WorkflowError(_("Give COSI's decision date."))
        return services.amendment_approve(actor=request.user, amendment=amendment, **data)

    return _step(
        request,
        pk,
        "approve",
        run,
        _("COSI's approval was recorded: the amended plan is the new version in force."),
    )


@require_POST
def amendment_return(request: HttpRequest, pk: int) -> HttpResponse:
    form = AmendmentReturnForm(request.POST, prefix="return")
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _step(
        request,
        pk,
        "return",
        lambda a: services.amendment_return(actor=request.user, amendment=a, comment=comment),
        _("The amendment was returned to its drivers."),
    )


# --- an action's implementation status ---------------------------------------------------------


@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(OperationalAction.objects.visible_to(request.user, "view"), pk=pk)
    require_can(request.user, "update_status", action)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new status."))
        return redirect("action-detail", pk=action.pk)
    try:
        action = services.action_status_update(
            actor=request.user, action=action, **form.cleaned_data
        )
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(a)s is now %(s)s.") % {"a": action.code, "s": action.get_status_display().lower()},
        )
    return redirect("action-detail", pk=action.pk)
