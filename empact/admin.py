"""The Django admin of EMPACT: a site for administrators only, and the base of every model admin.

The admin is a maintenance tool for the few active superusers who run the system; everybody
else works in the application, where the role assignments decide who sees and changes what.
``EmpactAdminConfig`` makes ``EmpactAdminSite`` the default site, so ``admin.site`` and
``@admin.register`` in every app use it.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.db import models, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin


class EmpactAdminSite(admin.AdminSite):
    site_header = _("EMPACT administration")
    site_title = _("EMPACT administration")
    index_title = _("Data of the EMPACT cycle manager")

    def has_permission(self, request: HttpRequest) -> bool:
        """Only active superusers: staff status alone opens nothing here."""
        return bool(request.user.is_active and request.user.is_superuser)


class EmpactAdminConfig(AdminConfig):
    default_site = "empact.admin.EmpactAdminSite"


def admin_event_code(model: type[Model], verb: str) -> str:
    """The code an admin write of ``model`` records (``events.code_for``, synonyms included); a
    model without one fails loudly."""
    from empact import events  # this module is loaded with the settings, before the models

    return events.code_for(model, verb)


class AuditedAdminMixin:
    """Admin writes are changes like any other: each records one Event (the model's created,
    changed or deleted code) with the administrator as actor, in the admin's transaction."""

    @staticmethod
    def _record(request: HttpRequest, obj: Model, code: str, changes: dict) -> None:
        from empact import events

        events.record(actor=request.user, code=code, obj=obj, changes=changes)

    def event_code(self, obj: Model, form, change: bool) -> str:
        return admin_event_code(type(obj), "changed" if change else "created")

    def save_model(self, request: HttpRequest, obj: Model, form, change: bool) -> None:
        code = self.event_code(obj, form, change)
        from empact import events

        changes = events.changes_of(obj)
        super().save_model(request, obj, form, change)
        self._record(request, obj, code, changes)
        events.mark_loaded(obj)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        """Inline rows are changes too: one Event per row added, changed or deleted."""
        from empact import events

        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            code = admin_event_code(type(obj), "deleted")
            self._record(request, obj, code, events.changes_of_deleted(obj))
            obj.delete()
        for obj in instances:
            code = admin_event_code(type(obj), "created" if obj._state.adding else "changed")
            changes = events.changes_of(obj)
            obj.save()
            self._record(request, obj, code, changes)
            events.mark_loaded(obj)
        formset.save_m2m()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        from empact.events import changes_of_deleted

        with transaction.atomic():
            code = admin_event_code(type(obj), "deleted")
            self._record(request, obj, code, changes_of_deleted(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        from empact.events import changes_of_deleted

        with transaction.atomic():
            for obj in queryset:
                code = admin_event_code(type(obj), "deleted")
                self._record(request, obj, code, changes_of_deleted(obj))
            super().delete_queryset(request, queryset)


class EmpactModelAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    """The base of every model admin: change history, one Event per write, and the timestamps
    shown read-only."""

    readonly_fields: tuple[str, ...] = ("created_at", "updated_at")
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ReadOnlyModelAdmin(EmpactModelAdmin):
    """Rows that only their app's services write (their rules would be bypassed by an admin
    form): listed and read here, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class EmpactTabularInline(admin.TabularInline):
    """A compact inline: no empty rows, a link to each row's own page.

    ``related`` names the relations each row's ``__str__`` and columns read, fetched with the
    rows so a long inline does not run one query per row.
    """

    related: tuple[str, ...] = ()
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        return queryset.select_related(*self.related) if self.related else queryset


class DerivedGrantAdmin(admin.ModelAdmin):
    """A read-only list of guardian object permissions derived from role assignments.

    The rows are rebuilt from the assignments (``actors.grants``), so an edit here would be
    undone; change the role assignment instead.
    """

    list_display = (
        "user",
        "content_object",
        "permission__name",
        "assignment__role",
        "assignment__starts_on",
        "assignment__ends_on",
    )
    list_select_related = ("user", "content_object", "permission", "assignment")
    search_fields = ("user__email", "user__first_name", "user__last_name")
    list_filter = ("permission__name",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
