"""Page-number pagination: ``?page=2&page_size=100`` (default 50, at most 500)."""

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    page_size_query_description = "Results per page: 50 unless given, at most 500."
