"""The country page for NECs and COSI delegates, and the NEC's decision on a participation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actors.models import Country
from cycles.models import Cycle
from empact import clock
from empact.access import may
from empact.views import require_can
from oaps import services
from oaps.forms import CountryCycleForm
from oaps.models import Participation
from oaps.selectors import country_actions_page, country_compliance
from oaps.views import next_url


def country_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every action the country leads or joins, by plan, with its pending confirmations; 50
    actions a page (a large cycle has hundreds per country)."""
    country = get_object_or_404(Country.objects.visible_to(request.user, "view"), pk=pk)
    cycles = Cycle.objects.visible_to(request.user, "view").order_by("-first_year")
    cycle_form = CountryCycleForm.for_request(request.GET, cycles, clock.today())
    listed = country_actions_page(
        request.user, country, cycle_form.chosen(), request.GET.get("page")
    )
    pending, count = listed.pending, listed.page.paginator.count
    return render(
        request,
        "oaps/country_detail.html",
        {
            "country": country,
            "plans": listed.plans,
            "page": listed.page,
            "cycle_form": cycle_form,
            "compliance": country_compliance(
                request.user, country, clock.today(), cycle_form.chosen()
            ),
            "can_nudge": may(request.user, "action", "nudge"),
            "meta": [
                ngettext("%(n)s action", "%(n)s actions", count) % {"n": count},
                ngettext(
                    "%(n)s participation awaiting confirmation",
                    "%(n)s participations awaiting confirmation",
                    pending,
                )
                % {"n": pending},
            ],
        },
    )


@require_POST
def participation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, confirm=True)


@require_POST
def participation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, confirm=False)


def _decide(request: HttpRequest, pk: int, *, confirm: bool) -> HttpResponse:
    participation = get_object_or_404(
        Participation.objects.visible_to(request.user, "view").select_related(
            "action__plan", "country", "organisation__country"
        ),
        pk=pk,
    )
    require_can(request.user, "confirm", participation)
    services.participation_decide(actor=request.user, participation=participation, confirm=confirm)
    names = {
        "who": participation.country or participation.organisation,
        "action": participation.action.code,
        "plan": participation.action.plan.code,
    }
    if confirm:
        message = _("Participation of %(who)s in %(plan)s %(action)s confirmed.")
    else:
        message = _("Participation of %(who)s in %(plan)s %(action)s declined.")
    messages.success(request, message % names)
    country_id = participation.participant_country_id
    default = reverse("country-detail", args=[country_id]) if country_id else reverse("home")
    return redirect(next_url(request, default))
