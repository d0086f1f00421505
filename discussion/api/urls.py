"""The API collection of comments, assembled under ``/api/v1/`` by ``empact/api/urls.py``."""

from discussion.api import views
from empact.api.routers import CollectionRouter

router = CollectionRouter()
router.register("comments", views.CommentViewSet, basename="comment")
urlpatterns = router.urls
