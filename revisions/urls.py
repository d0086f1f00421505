from django.urls import path

from revisions import views

urlpatterns = [
    path("cycles/<int:pk>/revisions/", views.revision_list, name="cycle-revision-list"),
    path("revisions/new/", views.revision_propose, name="revision-propose"),
    path("revisions/<int:pk>/", views.revision_detail, name="revision-detail"),
    path("revisions/<int:pk>/adopt/", views.revision_adopt, name="revision-adopt"),
    path("revisions/<int:pk>/reject/", views.revision_reject, name="revision-reject"),
]
