"""The reference bench/pages.py measures pages against, served only with BENCHMARK_BARE_VIEW."""

from django.http import HttpRequest, HttpResponse


def bare_view(request: HttpRequest) -> HttpResponse:
    """Django's request handling and middleware with no work of ours: the ceiling for a page."""
    return HttpResponse("A bare Django view.", content_type="text/plain")
