from django.contrib.auth import views as auth_views
from django.urls import include, path

from actors import views
from empact.signin import ThrottledPasswordResetForm

urlpatterns = [
    # Before Django's own: the same pages with every password check and reset mail throttled.
    path("accounts/password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=ThrottledPasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/profile/", views.profile, name="profile"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/profile/email/", views.profile_email, name="profile-email"),
    path("users/", views.user_list, name="user-list"),
    path("users/new/", views.user_create, name="user-create"),
    path("users/<int:pk>/", views.user_detail, name="user-detail"),
    path("users/<int:pk>/deactivate/", views.user_deactivate, name="user-deactivate"),
    path("roles/new/", views.role_create, name="role-create"),
    path("roles/ending-soon/", views.roles_ending_soon, name="roles-ending-soon"),
    path("roles/<int:pk>/end/", views.role_end, name="role-end"),
    path("roles/<int:pk>/handover/", views.role_handover, name="role-handover"),
]
