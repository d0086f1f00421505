"""URLs of the coordinators' work pages: progress reports and the country page."""

from django.urls import path

from oaps.views import country, lock_exceptions, reporting

urlpatterns = [
    path("actions/<int:pk>/report/", reporting.action_report, name="action-report"),
    path("reports/<int:pk>/", reporting.report_edit, name="report-edit"),
    path("reports/<int:pk>/review/", reporting.report_review, name="report-review"),
    path(
        "actions/<int:pk>/lock-exceptions/",
        lock_exceptions.lock_exception_create,
        name="lock-exception-create",
    ),
    path(
        "lock-exceptions/<int:pk>/delete/",
        lock_exceptions.lock_exception_delete,
        name="lock-exception-delete",
    ),
    path("countries/<int:pk>/", country.country_detail, name="country-detail"),
    path(
        "participations/<int:pk>/confirm/",
        country.participation_confirm,
        name="participation-confirm",
    ),
    path(
        "participations/<int:pk>/decline/",
        country.participation_decline,
        name="participation-decline",
    ),
]
