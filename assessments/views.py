"""The assessment pages: a cycle's assessments, opening one, an assessment with its items and
the progress of the delegations' comments, an item with its evidence and the forms of those who
may write on it, the adoption and the PDF. Each view checks the matrix action its URL names and
calls one service."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import selectors, services
from assessments.documents import assessment_pdf_response
from assessments.forms import (
    AdoptionForm,
    AssessmentOpenForm,
    DelegationCommentForm,
    DriversFindingsForm,
    EuropolFindingsForm,
    OverallRatingForm,
)
from assessments.models import Assessment
from empact import clock
from empact.access import can, may
from empact.services import ConflictError, WorkflowError, version_of
from empact.views import require_can
from oaps.views import apply_validation_error, set_bound_value
from reviews.selectors import expected_countries
from reviews.services import delegation_country

ITEM_FORMS = {
    # the form's name (its prefix and URL): the form class and the matrix action it needs
    "europol": (EuropolFindingsForm, "give_europol_findings"),
    "drivers": (DriversFindingsForm, "give_drivers_findings"),
    "overall": (OverallRatingForm, "change"),
}


@require_safe
def assessment_list(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_page(request.user, pk)
    assessments = list(selectors.assessments_of_cycle(request.user, cycle))
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "cycle": cycle,
            "assessments": assessments,
            "can_open": may(request.user, "assessment", "add")
            and can(request.user, "change", cycle),
            "today": clock.today(),
        },
    )


@require_http_methods(["GET", "POST"])
def assessment_open(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_page(request.user, pk)
    require_can(request.user, "change", cycle)
    if not may(request.user, "assessment", "add"):
        raise PermissionDenied
    form = AssessmentOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_open(
                actor=request.user, data={"cycle": cycle, **form.cleaned_data}
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The assessment was opened with its items."))
            return redirect("assessment-detail", pk=assessment.pk)
    return render(request, "assessments/assessment_form.html", {"cycle": cycle, "form": form})


@require_safe
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    assessment = selectors.assessment_for_page(user, pk)
    items = selectors.items_of(user, assessment)
    countries = expected_countries().count()
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "items": items,
            "countries": countries,
            "window_open": assessment.window_is_open(),
            "can_adopt": assessment.is_open and can(user, "adopt", assessment),
        },
    )


def _item_context(request: HttpRequest, item, bound: dict | None = None) -> dict:
    """The item page: the evidence, the comments, and each form its user may fill in."""
    user = request.user
    bound = bound or {}
    open_ = item.assessment.is_open
    forms = {}
    for name, (form_class, action) in ITEM_FORMS.items():
        if name in bound:
            forms[name] = bound[name]
        elif open_ and can(user, action, item):
            forms[name] = form_class(instance=item, prefix=name, actor=user)
    may_comment = selectors.may_comment(user, item)
    own = selectors.own_comment(user, item)
    comment_form = bound.get("comment")
    if comment_form is None and may_comment:
        comment_form = DelegationCommentForm(initial={"text": own.text} if own else None)
    return {
        "item": item,
        "assessment": item.assessment,
        "evidence": item.shown_evidence,
        "forms": forms,
        "comment_form": comment_form,
        "own_comment": own,
        "country": delegation_country(user) if may_comment else None,
        "window_open": item.assessment.window_is_open(),
    }


@require_safe
def assessment_item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for_page(request.user, pk)
    return render(request, "assessments/item_detail.html", _item_context(request, item))


def _item_form_post(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    item = selectors.item_for_page(request.user, pk)
    form_class, action = ITEM_FORMS[name]
    require_can(request.user, action, item)
    form = form_class(request.POST, instance=copy.copy(item), prefix=name, actor=request.user)
    if form.is_valid():
        data = {field: form.cleaned_data[field] for field in form._meta.fields}
        version = form.submitted_version
        try:
            if name == "europol":
                services.europol_findings_give(
                    actor=request.user,
                    item=item,
                    rating=data["europol_rating"],
                    findings=data["europol_findings"],
                    version=version,
                )
            elif name == "drivers":
                services.drivers_findings_give(
                    actor=request.user,
                    item=item,
                    rating=data["drivers_rating"],
                    findings=data["drivers_findings"],
                    version=version,
                )
            else:
                services.assessment_item_update(
                    actor=request.user, assessment_item=item, data=data, version=version
                )
        except ConflictError as exc:
            form.add_error(
                None,
                _(
                    "Somebody else changed this item while you were editing it: check the "
                    "values shown on this page and save again to keep yours."
                ),
            )
            set_bound_value(form, "version", version_of(exc.current))
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("assessment-item-detail", pk=item.pk)
    context = _item_context(request, item, bound={name: form})
    return render(request, "assessments/item_detail.html", context, status=400)


@require_POST
def europol_findings(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_form_post(request, pk, "europol")


@require_POST
def drivers_findings(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_form_post(request, pk, "drivers")


@require_POST
def overall_rating(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_form_post(request, pk, "overall")


@require_POST
def delegation_comment(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for_page(request.user, pk)
    require_can(request.user, "give_comment", item)
    form = DelegationCommentForm(request.POST)
    if form.is_valid():
        try:
            services.delegation_comment_give(
                actor=request.user, item=item, text=form.cleaned_data["text"]
            )
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Your delegation's comment was recorded."))
            return redirect("assessment-item-detail", pk=item.pk)
    context = _item_context(request, item, bound={"comment": form})
    return render(request, "assessments/item_detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
def assessment_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.assessment_for_page(request.user, pk)
    require_can(request.user, "adopt", assessment)
    form = AdoptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_adopt(
                actor=request.user, assessment=assessment, **form.cleaned_data
            )
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("COSI's adoption was recorded: the evidence is kept as now.")
            )
            return redirect("assessment-detail", pk=assessment.pk)
    return render(request, "assessments/adopt_form.html", {"assessment": assessment, "form": form})


@require_safe
def assessment_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    assessment: Assessment = selectors.assessment_for_page(request.user, pk)
    return assessment_pdf_response(request.user, assessment, request)
