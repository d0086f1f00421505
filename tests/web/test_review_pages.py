"""The review pages: the secretariat opens a round and sees the table of countries by plans, a
delegate gives and changes their delegation's position, a closed round refuses it with a
message, and My work lists what waits for each."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import formats

from oaps.models import OperationalActionPlan
from reviews.models import Position, ReviewRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(world, client_for):
    return client_for(world.users["secretariat"])


@pytest.fixture
def delegate(world, client_for):
    return client_for(world.users["cosi_delegate"])


@pytest.fixture
def submitted(world):
    OperationalActionPlan.objects.filter(pk=world.p1.pk).update(status="submitted")
    return world.p1


def _open(secretariat, plan) -> ReviewRound:
    response = secretariat.post(
        reverse("review-round-create"),
        {"title": "", "plans": [plan.pk], "closes_on": "2026-12-15"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ReviewRound.objects.latest("pk")


def _position_url(plan, review_round) -> str:
    return f"{reverse('position-give', args=[plan.pk])}?round={review_round.pk}"


def test_the_secretariat_opens_a_round_over_a_submitted_plan(world, secretariat, submitted):
    form = secretariat.get(reverse("review-round-create")).content.decode()
    assert f'value="{submitted.pk}"' in form
    assert f'value="{world.p3.pk}"' not in form  # a draft is not offered
    review_round = _open(secretariat, submitted)
    assert list(review_round.plans.all()) == [submitted]
    page = secretariat.get(reverse("review-round-detail", args=[review_round.pk])).content
    assert "Netherlands" in page.decode() and "0 given, 3 missing" in page.decode()


def test_a_delegate_gives_and_changes_their_position_from_the_form(
    world, secretariat, delegate, submitted
):
    review_round = _open(secretariat, submitted)
    url = _position_url(submitted, review_round)
    assert delegate.post(url, {"position": "agree"}).status_code == 302
    delegate.post(url, {"position": "cannot_agree_yet", "comment": "Add KPIs for OA 2."})
    position = Position.objects.get(round=review_round)
    assert (position.country, position.position) == (world.nl, "cannot_agree_yet")
    page = secretariat.get(reverse("review-round-detail", args=[review_round.pk])).content
    assert "Cannot agree yet" in page.decode() and "Add KPIs for OA 2." in page.decode()


def test_a_position_without_its_comment_is_shown_as_an_error(secretariat, delegate, submitted):
    review_round = _open(secretariat, submitted)
    response = delegate.post(
        _position_url(submitted, review_round), {"position": "agree_with_comments"}
    )
    assert response.status_code == 200
    assert "a comment is required" in response.content.decode()
    assert not Position.objects.filter(round=review_round).exists()


def test_a_closed_round_refuses_the_position_with_a_message(
    secretariat, delegate, submitted, freeze_clock
):
    review_round = _open(secretariat, submitted)
    freeze_clock(datetime.date(2026, 12, 16))
    response = delegate.post(_position_url(submitted, review_round), {"position": "agree"})
    assert "positions can no longer be given or changed" in response.content.decode()
    assert not Position.objects.filter(round=review_round).exists()


def test_the_secretariat_closes_the_round(secretariat, submitted):
    review_round = _open(secretariat, submitted)
    secretariat.post(reverse("review-round-close", args=[review_round.pk]))
    review_round.refresh_from_db()
    assert review_round.status == "closed"


def test_a_delegate_cannot_open_or_close_a_round(world, delegate, secretariat, submitted):
    assert delegate.get(reverse("review-round-create")).status_code == 403
    review_round = _open(secretariat, submitted)
    assert delegate.post(reverse("review-round-close", args=[review_round.pk])).status_code == 403


def test_the_secretariat_cannot_give_a_position(secretariat, submitted):
    review_round = _open(secretariat, submitted)
    response = secretariat.get(_position_url(submitted, review_round))
    assert response.status_code == 403


def test_my_work_shows_the_delegate_the_plans_to_answer_with_the_closing_date(
    secretariat, delegate, submitted
):
    review_round = _open(secretariat, submitted)
    home = delegate.get(reverse("home")).content.decode()
    assert "positions to give" in home  # p3 in the world's round B, and p1 in the new round
    assert _position_url(submitted, review_round).replace("&", "&amp;") in home or (
        _position_url(submitted, review_round) in home
    )
    day = formats.date_format(review_round.closes_on, "DATE_FORMAT")
    assert f"{submitted.code} in {review_round.title}, closes on {day}" in home
    delegate.post(_position_url(submitted, review_round), {"position": "agree"})
    home = delegate.get(reverse("home")).content.decode()
    assert f"{submitted.code} in {review_round.title}" not in home


def test_my_work_shows_the_secretariat_rounds_missing_positions_and_plans_ready(
    world, secretariat, submitted, freeze_clock
):
    review_round = _open(secretariat, submitted)
    home = secretariat.get(reverse("home")).content.decode()
    assert "open rounds with missing positions" in home
    assert f"{review_round.title}: 3 positions missing" in home
    freeze_clock(datetime.date(2026, 12, 16))
    home = secretariat.get(reverse("home")).content.decode()
    assert f"{submitted.code} (reviewed in {review_round.title})" in home


def test_the_round_list_runs_a_fixed_number_of_queries(
    world, secretariat, submitted, django_assert_max_num_queries
):
    for _ in range(3):
        _open(secretariat, submitted)
    with django_assert_max_num_queries(12):
        assert secretariat.get(reverse("review-round-list")).status_code == 200


def test_the_round_page_runs_a_fixed_number_of_queries(
    world, secretariat, submitted, django_assert_max_num_queries
):
    review_round = _open(secretariat, submitted)
    # 14 before the comment address picker asked once per distinct set of roles (issue 14):
    # the world's people hold four such sets; the count grows with them, not with the people
    with django_assert_max_num_queries(17):
        secretariat.get(reverse("review-round-detail", args=[review_round.pk]))
