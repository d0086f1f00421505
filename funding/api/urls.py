"""The API collections of funding, assembled under ``/api/v1/`` by ``empact/api/urls.py``."""

from empact.api.routers import CollectionRouter
from funding.api import views

router = CollectionRouter()
router.register("funding-sources", views.FundingSourceViewSet, basename="funding-source")
router.register("funding-calls", views.FundingCallViewSet, basename="funding-call")
router.register("funding-requests", views.FundingRequestViewSet, basename="funding-request")

urlpatterns = [*router.urls]
