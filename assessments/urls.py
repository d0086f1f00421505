from django.urls import path

from assessments import views

urlpatterns = [
    path("cycles/<int:pk>/assessments/", views.assessment_list, name="assessment-list"),
    path("cycles/<int:pk>/assessments/new/", views.assessment_open, name="assessment-create"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("assessments/<int:pk>/adopt/", views.assessment_adopt, name="assessment-adopt"),
    path("assessments/<int:pk>/pdf/", views.assessment_pdf_download, name="assessment-pdf"),
    path("assessment-items/<int:pk>/", views.assessment_item_detail, name="assessment-item-detail"),
    path(
        "assessment-items/<int:pk>/europol/",
        views.europol_findings,
        name="assessment-item-europol",
    ),
    path(
        "assessment-items/<int:pk>/drivers/",
        views.drivers_findings,
        name="assessment-item-drivers",
    ),
    path("assessment-items/<int:pk>/rating/", views.overall_rating, name="assessment-item-rating"),
    path(
        "assessment-items/<int:pk>/comment/",
        views.delegation_comment,
        name="assessment-item-comment",
    ),
]
