"""Query-count checks: a list page must not make more queries as its data grows."""

from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

PAGE_CACHE_MIDDLEWARE = "home.page_cache.AnonymousPageCacheMiddleware"


def count_queries(action: Callable[[], object]) -> int:
    """How many SQL queries `action` makes."""
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def without_page_cache():
    """Render signed-out visitors' pages every time, to measure what rendering one costs
    (with the cache, a repeated page costs no query at all: tests/home/test_page_cache.py)."""
    return override_settings(
        MIDDLEWARE=[name for name in settings.MIDDLEWARE if name != PAGE_CACHE_MIDDLEWARE]
    )
