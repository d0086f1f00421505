"""Action pages: the action with its participants, KPIs, reports, results, funding and history;
the action form with its KPIs and participants inline; cancelling an action.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from empact.access import can
from empact.services import ConflictError, version_of
from empact.views import require_can
from oaps import selectors, services
from oaps.amendment_forms import ActionStatusForm
from oaps.forms import (
    ActionForm,
    KpiFormSet,
    OrganisationCatalogue,
    ParticipantFormSet,
    ParticipationRemoveForm,
)
from oaps.models import Kpi, OperationalAction, Participation
from oaps.views import (
    apply_validation_error,
    formset_row,
    next_url,
    render_region,
    set_bound_value,
    wants_partial,
    with_extra_row,
    without_errors,
)
from oaps.views.plans import editor_actions_context, plan_for

Action = OperationalAction
ROWS = {
    "kpi": ("kpis", "oaps/_kpi_form.html"),
    "participant": ("participants", "oaps/_action_participant_form.html"),
}


def action_for(request: HttpRequest, pk: int, action: str) -> Action:
    found = get_object_or_404(selectors.actions_visible_to(request.user), pk=pk)
    require_can(request.user, action, found)
    return found


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    action = selectors.action_for_page(user, pk)
    editable = action.plan.is_editable
    context = {
        "action": action,
        "plan": action.plan,
        "definition": _definition(action),
        "header_meta": [action.get_status_display(), action.plan.code],
        "page": selectors.action_page(user, action),
        "history": selectors.action_history(user, action),
        "can_edit": editable and can(user, "change", action),
        "can_cancel": editable
        and action.status != Action.Status.CANCELLED
        and can(user, "delete", action),
        "status_form": ActionStatusForm()
        if action.plan.status == action.plan.Status.APPROVED
        and action.status != Action.Status.CANCELLED
        and can(user, "update_status", action)
        else None,
    }
    return render(request, "oaps/action_detail.html", context)


def _definition(action: Action) -> list[tuple[str, object]]:
    goals = ", ".join(f"G{g.number}: {g.title}" for g in action.plan_goals.all())
    dates = _("%(start)s to %(end)s") % {
        "start": date_format(action.start_date, "DATE_FORMAT"),
        "end": date_format(action.end_date, "DATE_FORMAT"),
    }
    return [
        (_("Plan"), f"{action.plan.code}: {action.plan.title}"),
        (_("CHSG"), action.horizontal_goal),
        (_("Plan goals"), goals),
        (_("Leader"), action.leader),
        (_("Co-leaders"), ", ".join(str(o) for o in action.co_leaders.all())),
        (_("Period"), dates),
        (_("Status"), action.get_status_display()),
        (_("Joint action day"), _("yes") if action.is_joint_action_day else _("no")),
    ]


@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk, "change")
    return _action_editor(request, plan=plan, action=None)


@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_for(request, pk, "change")
    return _action_editor(request, plan=action.plan, action=action)


@require_POST
def action_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_for(request, pk, "delete")
    services.action_cancel(actor=request.user, action=action)
    if wants_partial(request):
        return render_region(
            request,
            "oaps/_plan_editor_actions.html",
            editor_actions_context(request, action.plan),
        )
    messages.success(request, _("%(action)s was cancelled.") % {"action": action.code})
    return redirect(next_url(request, reverse("action-detail", args=[action.pk])))


# --- the action form ---------------------------------------------------------------------------


class _Rollback(Exception):
    """Undo everything saved so far: one part of the form could not be saved."""


def _new_row(request: HttpRequest, kind: str, catalogue: OrganisationCatalogue) -> HttpResponse:
    """One more empty KPI or participant row, and the formset's new form count (htmx)."""
    prefix, template = ROWS[kind]
    formset = _formsets(request, None, None, catalogue)[kind]
    try:
        index = max(0, int(request.GET.get(f"{prefix}-TOTAL_FORMS", "0")))
    except ValueError:
        index = 0
    form = formset_row(formset, index)
    first = next(iter(form.fields))
    form.fields[first].widget.attrs["autofocus"] = True  # htmx focuses the new row
    context = {
        "form": form,
        "row_template": template,
        "prefix": prefix,
        "total": index + 1,
    }
    return render(request, "oaps/_action_new_row.html", context)


def _formsets(request: HttpRequest, action: Action | None, data, catalogue) -> dict:
    user = request.user
    kpis = (
        Kpi.objects.visible_to(user, "view").filter(action=action).order_by("pk")
        if action
        else Kpi.objects.none()
    )
    return {
        "kpi": KpiFormSet(data, queryset=kpis, prefix="kpis", form_kwargs={"actor": user}),
        "participant": ParticipantFormSet(
            data,
            queryset=Participation.objects.none(),
            prefix="participants",
            form_kwargs={"actor": user, "catalogue": catalogue},
        ),
    }


def _action_editor(request: HttpRequest, *, plan, action: Action | None) -> HttpResponse:
    user = request.user
    catalogue = OrganisationCatalogue(user)
    add = request.POST.get("add") or request.GET.get("add")
    if request.method == "GET" and add in ROWS and wants_partial(request):
        return _new_row(request, add, catalogue)

    data = request.POST if request.method == "POST" else None
    if data is not None and add in ROWS:
        data = with_extra_row(data, ROWS[add][0])
    form = ActionForm(
        data,
        instance=copy.copy(action) if action else Action(plan=plan),
        actor=user,
        plan=plan,
        catalogue=catalogue,
    )
    formsets = _formsets(request, action, data, catalogue)
    kpi_formset, participant_formset = formsets["kpi"], formsets["participant"]
    participations = (
        Participation.objects.visible_to(user, "view")
        .filter(action=action)
        .select_related("organisation", "organisation__country", "country")
        if action
        else Participation.objects.none()
    )
    remove_form = (
        ParticipationRemoveForm(data, prefix="remove", participations=participations)
        if action and participations.exists()
        else None
    )
    conflicts = []
    if data is not None and add in ROWS:
        without_errors(form, kpi_formset, participant_formset, remove_form)
    elif data is not None:
        valid = [
            form.is_valid(),
            kpi_formset.is_valid(),
            participant_formset.is_valid(),
            remove_form is None or remove_form.is_valid(),
        ]
        if all(valid):
            saved, conflicts = _save(
                request, plan, action, form, kpi_formset, participant_formset, remove_form
            )
            if saved is not None:
                messages.success(request, _("%(action)s was saved.") % {"action": saved.code})
                return redirect("action-detail", pk=saved.pk)
    context = {
        "plan": plan,
        "action": action,
        "form": form,
        "kpi_formset": kpi_formset,
        "participant_formset": participant_formset,
        "remove_form": remove_form,
        "catalogue": catalogue,
        "conflicts": conflicts,
    }
    return render(request, "oaps/action_form.html", context)


def _save(request, plan, action, form, kpi_formset, participant_formset, remove_form):
    """Save the action, its KPIs and participants in one transaction, or nothing.

    Returns (the saved action or None, the conflicts found). Errors of each part go onto its
    form; after a conflict, the form keeps the user's input with the fresh version, so saving
    again overwrites the other person's change with what the user has merged.
    """
    user = request.user
    conflicts = []
    data = form.service_data()
    try:
        with transaction.atomic():
            failed = False
            try:
                if action is None:
                    action = services.action_create(actor=user, plan=plan, data=data)
                elif form.has_changed() or not _parts_changed(
                    kpi_formset, participant_formset, remove_form
                ):
                    action = services.action_update(
                        actor=user, action=action, data=data, version=form.submitted_version
                    )
            except ConflictError as exc:
                conflicts.append(
                    selectors.conflict_for(
                        user, exc.current, form.submitted_version, data, _("this action")
                    )
                )
                set_bound_value(form, "version", version_of(exc.current))
                failed = True
            except ValidationError as exc:
                apply_validation_error(form, exc)
                raise _Rollback from exc
            failed |= _save_kpis(user, action, kpi_formset, conflicts)
            if remove_form is not None:
                services.participations_remove(
                    actor=user, participations=remove_form.cleaned_data["participations"]
                )
            for participant_form in participant_formset.forms:
                if not participant_form.has_changed():
                    continue
                try:
                    services.participation_add(
                        actor=user, action=action, data=participant_form.service_data()
                    )
                except ValidationError as exc:
                    apply_validation_error(participant_form, exc)
                    failed = True
            if failed:
                raise _Rollback
    except _Rollback:
        return None, conflicts
    return action, conflicts


def _parts_changed(kpi_formset, participant_formset, remove_form) -> bool:
    """Whether the post changes a KPI or a participant. Each record changed records its own
    Event (the one the API records for it too), so a post that only adds a KPI records the
    KPI's, not also an empty change of the action; a post changing nothing records the
    action's save."""
    return (
        any(form.has_changed() for form in kpi_formset.forms)
        or any(form.has_changed() for form in participant_formset.forms)
        or bool(remove_form is not None and remove_form.cleaned_data["participations"])
    )


def _save_kpis(user, action: Action, formset, conflicts: list) -> bool:
    """Create, change and delete the KPIs of the formset; True when one of them failed."""
    failed = False
    deleted = set(formset.deleted_forms)
    for kpi_form in formset.forms:
        existing = kpi_form.instance if kpi_form.instance.pk else None
        try:
            if existing is not None and kpi_form in deleted:
                services.kpi_delete(actor=user, kpi=existing)
            elif existing is not None and kpi_form.has_changed():
                services.kpi_save(
                    actor=user,
                    action=action,
                    kpi=existing,
                    data=kpi_form.service_data(),
                    version=kpi_form.submitted_version,
                )
            elif existing is None and kpi_form.has_changed() and kpi_form not in deleted:
                services.kpi_save(actor=user, action=action, kpi=None, data=kpi_form.service_data())
        except ConflictError as exc:
            conflicts.append(
                selectors.conflict_for(
                    user,
                    exc.current,
                    kpi_form.submitted_version,
                    kpi_form.service_data(),
                    _("the KPI %(name)s") % {"name": exc.current.name},
                )
            )
            set_bound_value(kpi_form, "version", version_of(exc.current))
            failed = True
        except ValidationError as exc:
            apply_validation_error(kpi_form, exc)
            failed = True
    return failed
