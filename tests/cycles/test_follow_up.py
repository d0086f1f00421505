"""A recommendation's follow-up in the next cycle: a step of the secretariat and the Commission,
with its own Event; not taken up needs a reason; the plain change cannot touch it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actors.models import Role
from cycles import services
from cycles.models import Recommendation
from empact.access import writable_fields
from tests.factories import RecommendationFactory
from tests.writes import holder_of, records, refused

pytestmark = pytest.mark.django_db
FollowUp = Recommendation.FollowUp


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.COMMISSION, Role.ADMINISTRATOR])
def test_the_secretariat_and_the_commission_record_a_follow_up_with_who_and_when(role):
    recommendation = RecommendationFactory()
    actor = holder_of(role)

    with records("cycles.recommendation.followed_up"):
        services.recommendation_follow_up(
            actor=actor, recommendation=recommendation, status=FollowUp.IN_PROGRESS, note="Begun"
        )

    recommendation.refresh_from_db()
    assert recommendation.follow_up_status == FollowUp.IN_PROGRESS
    assert recommendation.follow_up_note == "Begun"
    assert recommendation.follow_up_updated_by == actor
    assert recommendation.follow_up_updated_at is not None


@pytest.mark.parametrize("role", [Role.COSI_DELEGATE, Role.EUROPOL, Role.DRIVER, Role.NEC])
def test_other_roles_cannot_follow_a_recommendation_up(role):
    recommendation = RecommendationFactory()

    with refused(error=PermissionDenied):
        services.recommendation_follow_up(
            actor=holder_of(role), recommendation=recommendation, status=FollowUp.DONE
        )
    recommendation.refresh_from_db()
    assert recommendation.follow_up_status == FollowUp.PLANNED


def test_not_taking_a_recommendation_up_needs_a_reason_said_next_to_the_field():
    recommendation = RecommendationFactory()

    with refused(error=ValidationError):
        services.recommendation_follow_up(
            actor=holder_of(Role.SECRETARIAT),
            recommendation=recommendation,
            status=FollowUp.NOT_TAKEN_UP,
            reason="   ",
        )
    recommendation.refresh_from_db()
    assert recommendation.follow_up_status == FollowUp.PLANNED


def test_the_reason_refusal_names_the_reason_field():
    with pytest.raises(ValidationError) as error:
        services.recommendation_follow_up(
            actor=holder_of(Role.SECRETARIAT),
            recommendation=RecommendationFactory(),
            status=FollowUp.NOT_TAKEN_UP,
        )
    assert "reason" in error.value.message_dict


def test_a_recommendation_not_taken_up_keeps_its_reason_and_loses_it_when_taken_up_again():
    recommendation = RecommendationFactory()
    secretariat = holder_of(Role.SECRETARIAT)
    services.recommendation_follow_up(
        actor=secretariat,
        recommendation=recommendation,
        status=FollowUp.NOT_TAKEN_UP,
        reason="Outside EMPACT's mandate",
    )
    recommendation.refresh_from_db()
    assert recommendation.follow_up_reason == "Outside EMPACT's mandate"

    services.recommendation_follow_up(
        actor=secretariat, recommendation=recommendation, status=FollowUp.PLANNED
    )
    recommendation.refresh_from_db()
    assert (recommendation.follow_up_status, recommendation.follow_up_reason) == ("planned", "")


def test_an_unknown_follow_up_state_is_refused():
    with refused(error=ValidationError):
        services.recommendation_follow_up(
            actor=holder_of(Role.SECRETARIAT),
            recommendation=RecommendationFactory(),
            status="open",
        )


def test_the_follow_up_fields_are_not_writable_through_a_plain_change():
    recommendation = RecommendationFactory()
    writable = writable_fields(holder_of(Role.COMMISSION), Recommendation, recommendation)

    assert not {"follow_up_status", "follow_up_reason", "follow_up_note"} & set(writable)
