from django.urls import path

from workspace import documents, search, setup, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search.search, name="search"),
    path("cycles/", views.cycle_list, name="cycle-list"),
    path("cycles/new/", views.cycle_create, name="cycle-create"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle-detail"),
    path("cycles/<int:pk>/documents/", documents.cycle_document_list, name="cycle-document-list"),
    path("documents/", documents.document_list, name="document-list"),
    path("documents/new/", documents.document_create, name="document-create"),
    path("documents/<int:pk>/", documents.document_detail, name="document-detail"),
    path(
        "documents/<int:pk>/versions/new/",
        documents.document_version_upload,
        name="document-version-upload",
    ),
    path(
        "document-versions/<int:pk>/download/",
        documents.document_version_download,
        name="document-version-download",
    ),
    path("cycles/<int:pk>/setup/", setup.cycle_setup, name="cycle-setup"),
    path(
        "cycles/<int:pk>/setup/milestones/",
        setup.cycle_setup_milestones,
        name="cycle-setup-milestones",
    ),
    path("cycles/<int:pk>/setup/threats/", setup.cycle_setup_threats, name="cycle-setup-threats"),
    path(
        "cycles/<int:pk>/setup/priorities/",
        setup.cycle_setup_priorities,
        name="cycle-setup-priorities",
    ),
    path("cycles/<int:pk>/setup/masp/", setup.cycle_setup_masp, name="cycle-setup-masp"),
    path("cycles/<int:pk>/setup/plans/", setup.cycle_setup_plans, name="cycle-setup-plans"),
    path(
        "cycles/<int:pk>/setup/reporting/",
        setup.cycle_setup_reporting,
        name="cycle-setup-reporting",
    ),
    path(
        "cycles/<int:pk>/milestones/generate/",
        setup.cycle_milestones_generate,
        name="cycle-milestones-generate",
    ),
    path("milestones/<int:pk>/edit/", setup.milestone_edit, name="milestone-edit"),
    path(
        "cycles/<int:pk>/threat-assessments/new/",
        setup.threat_assessment_create,
        name="threat-assessment-create",
    ),
    path(
        "threat-assessments/<int:pk>/edit/",
        setup.threat_assessment_edit,
        name="threat-assessment-edit",
    ),
    path("threat-assessments/<int:pk>/threats/new/", setup.threat_create, name="threat-create"),
    path("threats/<int:pk>/edit/", setup.threat_edit, name="threat-edit"),
    path("cycles/<int:pk>/priorities/new/", setup.priority_create, name="priority-create"),
    path("priorities/<int:pk>/edit/", setup.priority_edit, name="priority-edit"),
    path("cycles/<int:pk>/masp/new/", setup.masp_create, name="masp-create"),
    path("masps/<int:pk>/edit/", setup.masp_edit, name="masp-edit"),
    path("masps/<int:pk>/chsgs/new/", setup.chsg_create, name="chsg-create"),
    path("masps/<int:pk>/chsgs/copy/", setup.chsgs_copy, name="chsgs-copy"),
    path("chsgs/<int:pk>/edit/", setup.chsg_edit, name="chsg-edit"),
    path("cycles/<int:pk>/plans/new/", setup.plan_create, name="plan-create"),
    path("plans/<int:pk>/setup/", setup.plan_setup, name="plan-setup"),
    path(
        "cycles/<int:pk>/reporting-periods/generate/",
        setup.reporting_periods_generate,
        name="reporting-periods-generate",
    ),
    path(
        "reporting-periods/<int:pk>/edit/",
        setup.reporting_period_edit,
        name="reporting-period-edit",
    ),
    path("priorities/<int:pk>/", views.priority_detail, name="priority-detail"),
]
