"""Races with real threads, each with its own database connection.

Only PostgreSQL lets two writers overlap (SQLite serialises them), so concurrency tests use
`POSTGRES_ONLY` as their marks and are skipped elsewhere with that reason.
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

POSTGRES_ONLY = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writers, so it cannot race",
    ),
]


def run_at_once(actions: list[Callable[[], object]]) -> tuple[list, list[Exception]]:
    """Start every action at the same moment, each in its own thread and connection; return
    what they returned and what they raised."""
    barrier = threading.Barrier(len(actions), timeout=60)
    results: list = []
    errors: list[Exception] = []

    def run(action):
        try:
            barrier.wait()
            results.append(action())
        except Exception as error:  # noqa: BLE001 - collected and asserted on
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
