"""Page-number pagination: ``?page=2&page_size=100`` (default 50, at most 500)."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    page_size_query_description = "Results per page: 50 unless given, at most 500."

    def get_page_size(self, request):
        """A ``page_size`` that is not a whole number of at least 1 is a 400, not ignored."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError(
                {self.page_size_query_param: [_("Give a whole number, 1 or more.")]}
            )
        return min(size, self.max_page_size)
