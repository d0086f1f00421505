from django.urls import path

from reminders import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification-list"),
    path("notifications/bell/", views.notification_bell, name="notification-bell"),
    path("notifications/read/", views.notification_read, name="notification-read"),
    path("notifications/read-all/", views.notification_read_all, name="notification-read-all"),
    path(
        "notifications/preferences/",
        views.notification_preferences,
        name="notification-preferences",
    ),
    path("calendar/renew/", views.calendar_renew, name="calendar-renew"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("reports/missing/", views.reports_missing, name="reports-missing"),
    path("reports/missing/<int:pk>/nudge/", views.report_nudge, name="report-nudge"),
]
