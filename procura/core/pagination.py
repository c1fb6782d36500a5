from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """20 a page by default, ?page_size= up to 200."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
