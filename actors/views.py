"""Account pages: profile, users, role assignments. Thin: parse, call a service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_http_methods, require_POST

from actors import profile_parts, selectors, services
from actors.forms import (
    EmailChangeForm,
    HandoverForm,
    LanguageForm,
    RoleAssignmentForm,
    RoleEndForm,
    UserCreateForm,
)
from actors.models import RoleAssignment, User
from empact import clock
from empact.access import can, may
from empact.signin import CountedPasswordChangeForm
from empact.views import require_can, sorted_page

USER_SORTS = {
    "name": ("last_name", "first_name"),
    "email": ("email",),
    "organisation": ("organisation__name", "last_name"),
    "country": ("country__name", "last_name"),
}


def _apply_form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = LanguageForm(request.POST or None, initial={"language": user.language})
    if request.method == "POST" and form.is_valid():
        services.user_set_language(user=user, language=form.cleaned_data["language"])
        translation.activate(user.language)
        messages.success(request, _("Your preferred language was saved."))
        response = redirect("profile")
        response.set_cookie("django_language", user.language, samesite="Lax")
        return response
    current, past = selectors.role_assignments_for_profile(user)
    return render(
        request,
        "actors/profile.html",
        {
            "form": form,
            "current": current,
            "past": past,
            "today": clock.today(),
            "parts": profile_parts.profile_parts(user, request),
        },
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, with the current password checked like a sign-in (it counts towards the
    lockout)."""

    form_class = CountedPasswordChangeForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form) -> HttpResponse:
        """Saved by the service (one Event), not by the form; the session stays signed in."""
        user = services.user_set_password(
            user=form.user, password=form.cleaned_data["new_password1"], by_reset_link=False
        )
        update_session_auth_hash(self.request, user)
        return redirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page that sets a new password from a reset link, saving through the service
    (one Event)."""

    def form_valid(self, form) -> HttpResponse:
        services.user_set_password(
            user=form.user, password=form.cleaned_data["new_password1"], by_reset_link=True
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.get_success_url())


@require_http_methods(["GET", "POST"])
def profile_email(request: HttpRequest) -> HttpResponse:
    """The signed-in user changes their own e-mail address; nobody else's can be named here."""
    form = EmailChangeForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_change_email(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your e-mail address is now %(email)s: use it to log in.")
                % {"email": form.cleaned_data["new_email"].strip().lower()},
            )
            return redirect("profile")
    return render(request, "actors/profile_email.html", {"form": form})


def user_list(request: HttpRequest) -> HttpResponse:
    users = selectors.users_visible_to(request.user)
    page, sort = sorted_page(request, users, USER_SORTS, default="name")
    return render(
        request,
        "actors/user_list.html",
        {"page": page, "sort": sort, "can_add": _can_add_users(request.user)},
    )


def _can_add_users(user: User) -> bool:
    return may(user, "user", "add")


@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    if not _can_add_users(request.user):
        raise PermissionDenied
    form = UserCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            form.add_error("country", _("You can only create accounts for your own country."))
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("The account of %(name)s was created; they received a link to set a password.")
                % {"name": user},
            )
            return redirect("user-detail", pk=user.pk)
    return render(request, "actors/user_form.html", {"form": form})


def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shown = get_object_or_404(
        User.objects.visible_to(request.user, "view").select_related("organisation", "country"),
        pk=pk,
    )
    assignments = (
        RoleAssignment.objects.visible_to(request.user, "view")
        .filter(user=shown)
        .select_related("plan", "action", "action__plan", "country")
    )
    return render(
        request,
        "actors/user_detail.html",
        {
            "shown": shown,
            "assignments": assignments,
            "today": clock.today(),
            "can_deactivate": shown.is_active
            and can(request.user, "deactivate", shown)
            and not services.roles_beyond(request.user, shown),
        },
    )


@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    shown = get_object_or_404(User.objects.visible_to(request.user, "view"), pk=pk)
    require_can(request.user, "deactivate", shown)
    try:
        services.user_deactivate(actor=request.user, user=shown)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(name)s was deactivated and their roles ended.") % {"name": shown}
        )
    return redirect("user-detail", pk=shown.pk)


@require_http_methods(["GET", "POST"])
def role_create(request: HttpRequest) -> HttpResponse:
    form = RoleAssignmentForm(
        request.POST or None, actor=request.user, initial={"user": request.GET.get("user")}
    )
    if not form.fields["role"].choices:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.role_assignment_create(actor=request.user, **form.cleaned_data)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You cannot assign this role in this scope."))
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            messages.success(request, _("Role assigned: %(a)s.") % {"a": assignment})
            return redirect("user-detail", pk=assignment.user_id)
    return render(request, "actors/role_form.html", {"form": form})


def _assignment_for(request: HttpRequest, pk: int, action: str) -> RoleAssignment:
    assignment = get_object_or_404(
        RoleAssignment.objects.visible_to(request.user, "view").select_related("user"), pk=pk
    )
    require_can(request.user, action, assignment)
    return assignment


@require_http_methods(["GET", "POST"])
def role_end(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment_for(request, pk, "end")
    form = RoleEndForm(request.POST or None, initial={"ends_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.role_assignment_end(
                actor=request.user, assignment=assignment, **form.cleaned_data
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            messages.success(
                request, _("The role ends on %(d)s.") % {"d": form.cleaned_data["ends_on"]}
            )
            return redirect("user-detail", pk=assignment.user_id)
    return render(request, "actors/role_end.html", {"form": form, "assignment": assignment})


@require_http_methods(["GET", "POST"])
def role_handover(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment_for(request, pk, "handover")
    form = HandoverForm(request.POST or None, actor=request.user, initial={"on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            new = services.role_assignment_handover(
                actor=request.user, assignment=assignment, **form.cleaned_data
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(role)s handed over to %(name)s on %(day)s.")
                % {"role": new.get_role_display(), "name": new.user, "day": new.starts_on},
            )
            return redirect("user-detail", pk=new.user_id)
    return render(request, "actors/role_handover.html", {"form": form, "assignment": assignment})


def roles_ending_soon(request: HttpRequest) -> HttpResponse:
    assignments = selectors.role_assignments_ending_soon(request.user)
    paginator = Paginator(assignments, 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "actors/roles_ending_soon.html",
        {"page": page, "days": selectors.ENDING_SOON_DAYS},
    )


@login_not_required
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; for a signed-in user the choice is also their preference."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and translation.check_for_language(language)
        and language in dict(settings.LANGUAGES)
    ):
        services.user_set_language(user=request.user, language=language)
    return response
