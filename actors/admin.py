"""Admin of countries, organisations, users and their role assignments."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from actors.api.authentication import api_token_revoke
from actors.grants import sync_user_grants
from actors.models import ApiToken, Country, CountryGrant, Organisation, RoleAssignment, User
from actors.services import email_changed_notify
from empact import clock, events
from empact.access.gate import active_assignment_q
from empact.admin import AuditedAdminMixin, DerivedGrantAdmin, EmpactModelAdmin


@admin.register(Country)
class CountryAdmin(EmpactModelAdmin):
    list_display = ("name", "code", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "code")


@admin.register(Organisation)
class OrganisationAdmin(EmpactModelAdmin):
    list_display = ("name", "acronym", "kind", "discipline", "country")
    list_filter = ("kind", "discipline", "country__kind")
    list_select_related = ("country",)
    search_fields = ("name", "acronym", "country__name", "country__code")
    autocomplete_fields = ("country",)


class EmailUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)


class EmailUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(AuditedAdminMixin, SimpleHistoryAdmin, DjangoUserAdmin):
    """Django's user admin, for users who log in with their e-mail address."""

    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "language")}),
        (_("EMPACT"), {"fields": ("organisation", "country")}),
        (
            _("Permissions"),
            {
                "description": _(
                    "Administrators are the users who hold the administrator role today: give "
                    "or end that role under role assignments."
                ),
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
        (
            _("EMPACT"),
            {"fields": ("first_name", "last_name", "organisation", "country", "language")},
        ),
    )
    list_display = (
        "email",
        "first_name",
        "last_name",
        "organisation",
        "country",
        "is_active",
        "is_superuser",
        "last_login",
    )
    list_filter = ("is_active", "is_staff", "is_superuser", "language", "groups")
    list_select_related = ("organisation__country", "country")
    search_fields = (
        "email",
        "first_name",
        "last_name",
        "organisation__name",
        "organisation__acronym",
    )
    ordering = ("email",)
    autocomplete_fields = ("organisation", "country")
    # Derived from the administrator role by ``sync_user_grants``, which would undo an edit.
    readonly_fields = ("is_staff", "is_superuser", "last_login", "date_joined")
    date_hierarchy = "date_joined"

    def event_code(self, obj: User, form: forms.ModelForm, change: bool) -> str:
        if change and "email" in form.changed_data:
            return "actors.user.email_changed"
        return super().event_code(obj, form, change)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = ""):
        """An administrator setting a user's password is a change like any other: one Event (the
        password itself is never in it)."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = User.objects.get(pk=id)
                events.record(
                    actor=request.user,
                    code="actors.user.password_changed",
                    obj=user,
                    details={"by_administrator": True},
                )
        return response

    def save_model(
        self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool
    ) -> None:
        email_changed = change and "email" in form.changed_data
        if email_changed:
            obj._change_reason = "actors.user.email_changed"
        super().save_model(request, obj, form, change)
        if email_changed:
            email_changed_notify(user=obj, old_email=form.initial["email"])
        if change and "is_active" in form.changed_data:
            sync_user_grants(obj)


class HeldTodayFilter(admin.SimpleListFilter):
    title = _("held today")
    parameter_name = "held_today"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        held = active_assignment_q(today=clock.today())
        if self.value() == "yes":
            return queryset.filter(held)
        if self.value() == "no":
            return queryset.exclude(held)
        return queryset


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(EmpactModelAdmin):
    list_display = ("user", "role", "plan", "action", "country", "starts_on", "ends_on")
    list_filter = (HeldTodayFilter, "role")
    list_select_related = ("user", "plan", "action", "country")
    search_fields = (
        "user__email",
        "user__first_name",
        "user__last_name",
        "plan__code",
        "action__code",
        "country__name",
        "reason",
    )
    autocomplete_fields = ("user", "plan", "action", "country", "assigned_by", "successor")
    date_hierarchy = "starts_on"

    # The guardian grants and the administrator flags are derived from the assignments: rebuild
    # them for every user whose assignments an administrator changed here.

    def save_model(
        self, request: HttpRequest, obj: RoleAssignment, form: forms.ModelForm, change: bool
    ) -> None:
        if not change and not obj.assigned_by_id:
            obj.assigned_by = request.user
        super().save_model(request, obj, form, change)
        previous_user_id = form.initial.get("user") if change else None
        for user in User.objects.filter(pk__in={obj.user_id, previous_user_id} - {None}):
            sync_user_grants(user)

    def delete_model(self, request: HttpRequest, obj: RoleAssignment) -> None:
        user = obj.user
        super().delete_model(request, obj)
        sync_user_grants(user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RoleAssignment]) -> None:
        users = list(User.objects.filter(role_assignments__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for user in users:
            sync_user_grants(user)


admin.site.register(CountryGrant, DerivedGrantAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Users create their tokens themselves (the key is shown only to them); an administrator sees
    every token and revokes one that leaked or is no longer needed."""

    list_display = ("name", "user", "key_prefix", "created_at", "expires_on", "last_used_at")
    list_filter = ("revoked_at", "expires_on")
    list_select_related = ("user",)
    search_fields = ("name", "key_prefix", "user__email", "user__first_name", "user__last_name")
    fields = (
        "user",
        "name",
        "key_prefix",
        "created_at",
        "expires_on",
        "last_used_at",
        "revoked_at",
    )
    readonly_fields = fields
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # revoked tokens are kept, with their history

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(actor=request.user, token=token)
        self.message_user(request, _("The selected tokens were revoked."))
