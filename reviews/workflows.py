"""The workflow of review rounds (see ``empact.workflow``): open until closed."""

from django.utils.translation import gettext_lazy

from empact.workflow import Transition, declare
from reviews.models import ReviewRound

declare(
    ReviewRound,
    [
        Transition(
            "close",
            (ReviewRound.Status.OPEN,),
            ReviewRound.Status.CLOSED,
            "close",
            "reviews.round.closed",
            gettext_lazy("This review round is already closed."),
        ),
    ],
)
