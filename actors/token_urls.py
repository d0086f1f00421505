from django.urls import path

from actors import token_views

urlpatterns = [
    path("accounts/tokens/", token_views.token_list, name="token-list"),
    path("accounts/tokens/<int:pk>/revoke/", token_views.token_revoke, name="token-revoke"),
]
