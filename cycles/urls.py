from django.urls import path

from cycles import views

urlpatterns = [
    path("cycles/", views.cycle_list, name="cycle-list"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle-detail"),
]
