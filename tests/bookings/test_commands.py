import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from tests.bookings.factories import BookingFactory, make_session

pytestmark = pytest.mark.django_db


def test_send_session_reminders_sends_each_reminder_once(capsys):
    session = make_session(starts_in_days=1, start_time=dt.time(23, 0), end_time=dt.time(23, 30))
    booking = BookingFactory(session=session)

    call_command("send_session_reminders")
    call_command("send_session_reminders")

    assert [m.to for m in mail.outbox] == [[booking.user.email]]
    assert "Sent 0 reminder(s)" in capsys.readouterr().out
