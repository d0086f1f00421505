"""The event codes of the reminders: a reminder sent appears on the history of its object."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

declare(
    "reminders.action.reminded",
    "oaps.operationalaction",
    _("A reminder about the action's progress report sent (to whom, which, for which date)."),
)
declare(
    "reminders.plan.reminded",
    "oaps.operationalactionplan",
    _("A reminder to submit the plan sent (to whom, which, for which date)."),
)
declare(
    "reminders.milestone.reminded",
    "cycles.milestone",
    _("A reminder of the milestone sent (to whom, which, for which date)."),
)
declare(
    "reminders.role.reminded",
    "actors.roleassignment",
    _("A reminder that the role ends without a successor sent (to whom, for which date)."),
)
declare(
    "reminders.action.nudged",
    "oaps.operationalaction",
    _("A coordinator nudged the people who owe the action's missing progress report."),
)
declare(
    "reminders.preference.changed",
    "reminders.preference",
    _("A person changed how they receive notifications by e-mail."),
)
declare(
    "reminders.calendar_feed.renewed",
    "reminders.calendarfeed",
    _("A calendar feed got a new address (the old one stopped working)."),
)
