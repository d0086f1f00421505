from django.urls import path

from discussion import views

urlpatterns = [
    path("comments/new/", views.comment_add, name="comment-add"),
]
