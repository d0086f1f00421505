from django.urls import path

from priorities import views

urlpatterns = [
    path("priorities/<int:pk>/", views.priority_detail, name="priority-detail"),
]
