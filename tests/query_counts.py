"""Query-count checks: a list page must not make more queries as its data grows."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(action: Callable[[], object]) -> int:
    """How many SQL queries `action` makes."""
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)
