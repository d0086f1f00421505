from django.contrib import admin

from reminders.models import CalendarFeed, Notification, Preference, ReminderKind


@admin.register(ReminderKind)
class ReminderKindAdmin(admin.ModelAdmin):
    """The offsets of each kind, changed without a deploy (the next scan uses them)."""

    list_display = ("code", "__str__", "enabled", "offsets", "repeat_days")
    list_editable = ("enabled",)
    readonly_fields = ("code",)

    def has_add_permission(self, request) -> bool:
        return False  # the kinds are declared in code and seeded by load_reference

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: what went out to whom, and how its e-mail fared."""

    list_display = ("title", "recipient", "kind", "due_date", "offset", "email", "created_at")
    list_filter = ("kind", "email")
    search_fields = ("title", "recipient__email")
    list_select_related = ("recipient",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "mode", "other_email")
    list_select_related = ("user",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("user", "country", "created_at")
    exclude = ("token",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
