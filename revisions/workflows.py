"""The workflow of revisions (see ``empact.workflow``): COSI adopts or rejects a proposal."""

from django.utils.translation import gettext_lazy

from empact.workflow import Transition, declare
from revisions.models import Revision

_DECIDED = gettext_lazy("COSI already decided on this revision.")

declare(
    Revision,
    [
        Transition(
            "adopt",
            (Revision.Status.PROPOSED,),
            Revision.Status.ADOPTED,
            "adopt",
            "revisions.revision.adopted",
            _DECIDED,
        ),
        Transition(
            "reject",
            (Revision.Status.PROPOSED,),
            Revision.Status.REJECTED,
            "reject",
            "revisions.revision.rejected",
            _DECIDED,
        ),
    ],
)
