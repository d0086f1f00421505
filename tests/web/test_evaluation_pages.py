"""The evaluation pages: the report and its recommendations with their follow-up, linked from
the cycle page; create and edit for the Commission; the follow-up form for the secretariat and
the Commission, which says clearly when a reason is missing and keeps what was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cycles.models import Evaluation, Recommendation
from empact.services import version_of

pytestmark = pytest.mark.django_db


def test_the_cycle_page_links_to_its_evaluation(world, client_for):
    response = client_for(world.users["participant"]).get(
        reverse("cycle-detail", args=[world.cycle_a.pk])
    )

    assert reverse("evaluation-detail", args=[world.evaluation_a.pk]) in response.content.decode()


def test_the_evaluation_page_shows_the_report_and_the_recommendations_to_every_reader(
    world, client_for
):
    response = client_for(world.users["nec"]).get(
        reverse("evaluation-detail", args=[world.evaluation_a.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Evaluation a" in html and "Recommendation 1" in html
    assert reverse("recommendation-follow-up", args=[world.recommendation_a.pk]) not in html


def test_the_secretariat_sees_the_follow_up_link_but_not_the_edit_link(world, client_for):
    response = client_for(world.users["secretariat"]).get(
        reverse("evaluation-detail", args=[world.evaluation_a.pk])
    )

    html = response.content.decode()
    assert reverse("recommendation-follow-up", args=[world.recommendation_a.pk]) in html
    assert reverse("evaluation-edit", args=[world.evaluation_a.pk]) not in html


def test_the_commission_edits_the_evaluation_and_links_its_report_document(world, client_for):
    evaluation = world.evaluation_a
    response = client_for(world.users["commission"]).post(
        reverse("evaluation-edit", args=[evaluation.pk]),
        {
            "title": "Final evaluation",
            "status": "ongoing",
            "report": world.document_a.pk,
            "version": version_of(evaluation),
        },
    )

    assert response.status_code == 302, response.content.decode()
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.title, stored.report) == ("Final evaluation", world.document_a)


def test_the_secretariat_cannot_edit_the_evaluation(world, client_for):
    response = client_for(world.users["secretariat"]).get(
        reverse("evaluation-edit", args=[world.evaluation_a.pk])
    )

    assert response.status_code == 403


def test_the_commission_adds_a_recommendation_numbered_next(world, client_for):
    client = client_for(world.users["commission"])
    url = reverse("recommendation-create", args=[world.evaluation_a.pk])

    assert client.get(url).context["form"].initial["number"] == 2
    response = client.post(url, {"number": 2, "text": "Fund actions earlier."})

    assert response.status_code == 302
    assert world.evaluation_a.recommendations.filter(number=2).exists()


def test_the_follow_up_form_records_the_follow_up(world, client_for):
    recommendation = world.recommendation_a
    response = client_for(world.users["secretariat"]).post(
        reverse("recommendation-follow-up", args=[recommendation.pk]),
        {"status": "done", "note": "In the 2026 MASP"},
    )

    assert response.status_code == 302
    stored = Recommendation.objects.get(pk=recommendation.pk)
    assert (stored.follow_up_status, stored.follow_up_note) == ("done", "In the 2026 MASP")


def test_not_taking_up_without_a_reason_says_so_and_keeps_the_note(world, client_for):
    recommendation = world.recommendation_a
    response = client_for(world.users["commission"]).post(
        reverse("recommendation-follow-up", args=[recommendation.pk]),
        {"status": "not_taken_up", "reason": "", "note": "Discussed at COSI"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Say why the recommendation is not taken up." in html
    assert "Discussed at COSI" in html
    assert Recommendation.objects.get(pk=recommendation.pk).follow_up_status == "planned"


@pytest.mark.parametrize("role", ["cosi_delegate", "driver", "europol"])
def test_other_roles_cannot_open_the_follow_up_form(world, client_for, role):
    response = client_for(world.users[role]).get(
        reverse("recommendation-follow-up", args=[world.recommendation_a.pk])
    )

    assert response.status_code == 403
