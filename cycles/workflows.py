"""What docs/workflows.md says of the cycle's steps that change no declared state: the
recommendations' follow-up, the next cycle and the documents' versions (see
``empact.workflow.describe``)."""

from cycles.models import Cycle, EmpactDocument, Recommendation
from empact.workflow import describe

describe(
    Recommendation,
    """
**Follow-up in the next cycle** (`cycles.services.recommendation_follow_up`, the page
`recommendation-follow-up`, `POST /recommendations/{id}/follow-up/`): the secretariat or the
Commission (matrix action `follow_up`) sets a recommendation of the independent evaluation to
planned, in progress, done or not taken up; not taken up needs its reason. Who and when are
recorded with it, as one event (`cycles.recommendation.followed_up`); the follow-up fields are
not writable through a plain change.
""",
)
describe(
    Cycle,
    """
**The next cycle** (`priorities.services.next_cycle_create`, the page `cycle-next`,
`POST /cycles/{id}/next/`): the secretariat (matrix action `next_cycle`) starts the cycle that
follows, in one transaction and one event (`cycles.cycle.next_started`): the years after the
cycle's last, the default timetable's milestones, a general MASP with the CHSGs it chooses (all by
default), and the open recommendations (planned or in progress) of the cycle's evaluation marked
as addressed in the new cycle. Refused (409) when that cycle exists already.
""",
)
describe(
    EmpactDocument,
    """
**A new version of a document** (`cycles.services.document_version_upload`, the document's page,
`document-version-upload`): the secretariat uploads a PDF, DOCX, XLSX or ODT file (recognised by
its content, not its name) of at most `DOCUMENT_MAX_BYTES` (20 MB by default); it is numbered
after the last version, stored in the private storage under a random name
(`cycles.document_version.uploaded`), and downloads only through the gate
(`document-version-download`, `GET /document-versions/{id}/download/`): LIMITE kinds (SOCTA,
interim report, PAD, other) to the users of their cycle, the others to everyone.
""",
)
