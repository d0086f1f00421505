"""The event codes of the actors app (the audit log's registry, see ``empact.events``)."""

from django.utils.translation import gettext_lazy as _

from empact.events import declare

declare("actors.country.created", "actors.country", _("A country created."))
declare("actors.country.changed", "actors.country", _("A country changed."))
declare("actors.country.deleted", "actors.country", _("A country deleted."))
declare("actors.organisation.created", "actors.organisation", _("An organisation created."))
declare("actors.organisation.changed", "actors.organisation", _("An organisation changed."))
declare("actors.organisation.deleted", "actors.organisation", _("An organisation deleted."))
declare(
    "actors.user.created",
    "actors.user",
    _("An account created (the user is invited to set a password)."),
)
declare("actors.user.changed", "actors.user", _("An account's details changed."))
declare(
    "actors.user.deactivated", "actors.user", _("An account deactivated, its current roles ended.")
)
declare(
    "actors.user.made_administrator",
    "actors.user",
    _("An administrator set up from the command line (the account, its role or its password)."),
)
declare("actors.user.deleted", "actors.user", _("An account deleted (in the admin)."))
declare("actors.user.email_changed", "actors.user", _("A user's e-mail address changed."))
declare(
    "actors.user.password_changed",
    "actors.user",
    _("A user set a new password (on the password page or by a reset link)."),
)
declare("actors.user.language_set", "actors.user", _("A user chose the language of the site."))
declare("actors.role.assigned", "actors.roleassignment", _("A role assigned to a user."))
declare(
    "actors.role.changed", "actors.roleassignment", _("A role assignment's dates or note changed.")
)
declare("actors.role.ended", "actors.roleassignment", _("A role assignment ended."))
declare("actors.role.handed_over", "actors.roleassignment", _("A role handed over to a successor."))
declare("actors.role.deleted", "actors.roleassignment", _("A role assignment deleted."))
declare("actors.api_token.created", "actors.apitoken", _("An API token created."))
declare("actors.api_token.revoked", "actors.apitoken", _("An API token revoked."))
