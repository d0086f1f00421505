"""URLs of the coordinators' work pages: progress reports and the country page."""

from django.urls import path

from oaps.views import country, reports

urlpatterns = [
    path("actions/<int:pk>/report/", reports.action_report, name="action-report"),
    path("reports/<int:pk>/", reports.report_edit, name="report-edit"),
    path("reports/<int:pk>/review/", reports.report_review, name="report-review"),
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
