"""The event codes of the review rounds (the audit log's registry, see ``empact.events``)."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

declare("reviews.round.opened", "reviews.reviewround", _("The secretariat opened a review round."))
declare("reviews.round.changed", "reviews.reviewround", _("A review round changed."))
declare("reviews.round.closed", "reviews.reviewround", _("The secretariat closed a review round."))
declare("reviews.round.deleted", "reviews.reviewround", _("A review round deleted."))
declare("reviews.position.given", "reviews.position", _("A delegation gave its position."))
declare("reviews.position.changed", "reviews.position", _("A delegation changed its position."))
