from django.urls import path

from reviews import views

urlpatterns = [
    path("review-rounds/", views.round_list, name="review-round-list"),
    path("review-rounds/new/", views.round_create, name="review-round-create"),
    path("review-rounds/<int:pk>/", views.round_detail, name="review-round-detail"),
    path("review-rounds/<int:pk>/close/", views.round_close, name="review-round-close"),
    path("plans/<int:pk>/position/", views.position_give, name="position-give"),
]
