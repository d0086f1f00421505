"""The event codes of the discussion app (the audit log's registry, see ``empact.events``)."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

# The payload names the object (``plan:12``) and the ids of the people the comment addresses:
# a subscriber notifies them after commit.
declare("discussion.comment.added", "discussion.comment", _("A comment added."))
