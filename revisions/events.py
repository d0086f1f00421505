"""The event codes of the revisions app (the audit log's registry, see ``empact.events``)."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

declare("revisions.revision.proposed", "revisions.revision", _("A revision proposed."))
declare("revisions.revision.changed", "revisions.revision", _("A proposed revision changed."))
declare("revisions.revision.deleted", "revisions.revision", _("A proposed revision withdrawn."))
declare("revisions.revision.adopted", "revisions.revision", _("COSI adopted the revision."))
declare("revisions.revision.rejected", "revisions.revision", _("COSI rejected the revision."))
