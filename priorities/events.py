"""The event codes of the priorities app (the audit log's registry, see ``empact.events``)."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

declare("priorities.priority.created", "priorities.priority", _("A priority created."))
declare("priorities.priority.changed", "priorities.priority", _("A priority changed."))
declare("priorities.priority.deleted", "priorities.priority", _("A priority deleted."))
declare("priorities.masp.created", "priorities.masp", _("A general MASP created."))
declare("priorities.masp.changed", "priorities.masp", _("A general MASP changed."))
declare("priorities.masp.deleted", "priorities.masp", _("A general MASP deleted."))
declare(
    "priorities.horizontal_goal.created",
    "priorities.horizontalgoal",
    _("A common horizontal strategic goal created."),
)
declare(
    "priorities.horizontal_goal.changed",
    "priorities.horizontalgoal",
    _("A common horizontal strategic goal changed."),
)
declare(
    "priorities.horizontal_goal.deleted",
    "priorities.horizontalgoal",
    _("A common horizontal strategic goal deleted."),
)
declare(
    "priorities.masp.goals_copied",
    "priorities.masp",
    _("CHSGs of another MASP (the previous cycle's) copied into the MASP."),
)
declare(
    "priorities.priority.revised",
    "priorities.priority",
    _("A priority reworded by a revision COSI adopted."),
)
