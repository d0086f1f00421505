"""The event codes of the funding app (the audit log's registry, see ``empact.events``)."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

declare("funding.source.created", "funding.fundingsource", _("A funding source created."))
declare("funding.source.changed", "funding.fundingsource", _("A funding source changed."))
declare("funding.source.deleted", "funding.fundingsource", _("A funding source deleted."))
declare("funding.call.created", "funding.fundingcall", _("A funding call created."))
declare("funding.call.changed", "funding.fundingcall", _("A funding call changed."))
declare("funding.call.deleted", "funding.fundingcall", _("A funding call deleted."))
declare("funding.request.created", "funding.fundingrequest", _("A funding request drafted."))
declare("funding.request.changed", "funding.fundingrequest", _("A funding request changed."))
declare("funding.request.deleted", "funding.fundingrequest", _("A funding request deleted."))
declare("funding.request.submitted", "funding.fundingrequest", _("A funding request submitted."))
declare("funding.request.granted", "funding.fundingrequest", _("A funding request granted."))
declare("funding.request.rejected", "funding.fundingrequest", _("A funding request rejected."))
