"""The workflow of COSI's assessments (see ``empact.workflow``)."""

from django.utils.translation import gettext_lazy

from assessments.models import Assessment
from empact.workflow import Transition, declare

declare(
    Assessment,
    [
        Transition(
            "adopt",
            (Assessment.Status.DRAFT, Assessment.Status.UNDER_REVIEW),
            Assessment.Status.ADOPTED,
            "adopt",
            "assessments.assessment.adopted",
            gettext_lazy("This assessment was already adopted."),
        ),
    ],
)
