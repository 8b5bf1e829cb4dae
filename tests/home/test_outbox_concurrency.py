"""Two outbox workers at once, on PostgreSQL: every email sent exactly once."""

import threading
import time

import pytest
from django.utils import timezone

from home import outbox
from home.models import OutboxEmail
from tests.concurrency import POSTGRES_ONLY, run_at_once

pytestmark = [*POSTGRES_ONLY, pytest.mark.outbox_after_commit]
Status = OutboxEmail.Status


class SlowLocmem:
    """Delivery that takes a moment, so two workers overlap; records every send."""

    sent: list[str] = []
    lock = threading.Lock()

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        time.sleep(0.01)
        with self.lock:
            SlowLocmem.sent.extend(message.to[0] for message in messages)
        return len(messages)


def two_workers_send(count: int) -> list[str]:
    from django.db import transaction

    with transaction.atomic():
        for number in range(count):
            OutboxEmail.objects.create(
                to=[f"person{number}@example.org"],
                subject="Hello",
                text_body="Hello",
                rendered=True,
                next_attempt_at=timezone.now(),
            )
    SlowLocmem.sent = []
    run_at_once([outbox.deliver_due, outbox.deliver_due])
    return SlowLocmem.sent


def test_two_workers_send_every_email_exactly_once(settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.home.test_outbox_concurrency.SlowLocmem"

    sent = two_workers_send(40)

    assert len(sent) == len(set(sent)) == 40
    assert OutboxEmail.objects.filter(status=Status.SENT).count() == 40


def test_without_the_row_lock_two_workers_send_some_twice(settings, monkeypatch):
    """The test above can fail: with SKIP LOCKED gone, both workers read the same due rows."""
    from django.db.models import QuerySet

    settings.OUTBOX_DELIVERY_BACKEND = "tests.home.test_outbox_concurrency.SlowLocmem"
    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kwargs: self)

    sent = two_workers_send(40)

    assert len(sent) > len(set(sent))
