"""The workflow of COSI's assessments (see ``empact.workflow``): opened by the secretariat with
its review window, adopted by COSI once. Nothing in an adopted assessment changes again."""

from pathlib import Path

from django.utils.translation import gettext_lazy

from assessments.models import Assessment
from empact.workflow import Transition, declare

declare(
    Assessment,
    [
        Transition(
            "adopt",
            (Assessment.Status.OPEN,),
            Assessment.Status.ADOPTED,
            "adopt",
            "assessments.assessment.adopted",
            gettext_lazy("This assessment was already adopted: it can no longer change."),
        ),
    ],
    # what docs/workflows.md says of the steps that change no state
    notes=Path(__file__).with_name("workflow_notes.md").read_text(),
)
