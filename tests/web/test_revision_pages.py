"""The revision pages: the secretariat proposes a revision from the cycle's list, sees the
wording side by side and records COSI's adoption, after which the priority's page shows what it
was before and after, and why; a rejection needs its note; a delegate sees but cannot decide."""

from __future__ import annotations

import pytest
from django.urls import reverse

from priorities.models import Priority
from revisions.models import Revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(world, client_for):
    return client_for(world.users["secretariat"])


def test_the_cycle_page_links_to_its_revisions_and_the_list_shows_them(world, secretariat):
    page = secretariat.get(reverse("cycle-detail", args=[world.cycle_a.pk])).content.decode()
    assert reverse("cycle-revision-list", args=[world.cycle_a.pk]) in page
    listing = secretariat.get(reverse("cycle-revision-list", args=[world.cycle_a.pk]))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert reverse("revision-detail", args=[world.revision_priority_a.pk]) in text
    assert reverse("revision-detail", args=[world.revision_p3_goal.pk]) not in text  # cycle B


def test_the_secretariat_proposes_a_revision_of_a_priority_and_nothing_changes_yet(
    world, secretariat
):
    url = reverse("revision-propose") + f"?priority={world.priority_b.pk}"
    form_page = secretariat.get(url)
    assert form_page.status_code == 200
    assert 'value="Priority b"' in form_page.content.decode()  # the current wording, to edit
    response = secretariat.post(
        url,
        {
            "priority": world.priority_b.pk,
            "reason": "Online fraud grew.",
            "title": "Priority b and online fraud",
            "description": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    revision = Revision.objects.get(reason="Online fraud grew.")
    assert revision.cycle == world.cycle_b
    assert Priority.objects.get(pk=world.priority_b.pk).title == "Priority b"


def test_a_proposal_without_a_reason_keeps_what_was_typed_and_says_what_is_missing(
    world, secretariat
):
    url = reverse("revision-propose") + f"?cycle={world.cycle_a.pk}"
    response = secretariat.post(
        url, {"priority": world.priority_a.pk, "reason": "", "title": "Kept title"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Kept title" in text
    assert "This field is required." in text
    assert not Revision.objects.filter(proposed__title="Kept title").exists()


def test_adopting_a_revision_shows_before_and_after_on_the_priority_page(world, secretariat):
    revision = world.revision_priority_a
    detail = secretariat.get(reverse("revision-detail", args=[revision.pk])).content.decode()
    assert "Priority a revised" in detail
    assert reverse("revision-adopt", args=[revision.pk]) in detail
    response = secretariat.post(
        reverse("revision-adopt", args=[revision.pk]),
        {"decided_on": "2026-06-01", "note": "Agreed."},
    )
    assert response.status_code == 302
    page = secretariat.get(reverse("priority-detail", args=[world.priority_a.pk])).content.decode()
    assert "Revisions adopted by COSI" in page
    assert "<del>Priority a</del>" in page
    assert "<ins>Priority a revised</ins>" in page
    assert revision.reason in page


def test_the_plan_page_shows_its_goals_adopted_revisions(world, secretariat):
    page = secretariat.get(reverse("plan-detail", args=[world.p2.pk])).content.decode()
    assert "<ins>Goal widened</ins>" in page


def test_a_rejection_without_a_note_is_refused_with_a_message(world, secretariat):
    revision = world.revision_p1_goal
    response = secretariat.post(
        reverse("revision-reject", args=[revision.pk]), {"decided_on": "2026-06-01", "note": ""}
    )
    assert response.status_code == 200
    assert Revision.objects.get(pk=revision.pk).status == "proposed"
    response = secretariat.post(
        reverse("revision-reject", args=[revision.pk]),
        {"decided_on": "2026-06-01", "note": "Not now."},
    )
    assert response.status_code == 302
    assert Revision.objects.get(pk=revision.pk).decision_note == "Not now."


def test_a_delegate_sees_a_revision_but_may_not_decide_on_it(world, client_for):
    delegate = client_for(world.users["cosi_delegate"])
    revision = world.revision_priority_a
    detail = delegate.get(reverse("revision-detail", args=[revision.pk]))
    assert detail.status_code == 200
    assert reverse("revision-adopt", args=[revision.pk]) not in detail.content.decode()
    assert delegate.get(reverse("revision-adopt", args=[revision.pk])).status_code == 403
    assert delegate.get(reverse("revision-propose")).status_code == 403
