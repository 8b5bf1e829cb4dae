"""Reminders before a session starts, sent once whoever runs the command and however often."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .. import notifications, selectors
from ..models import Booking, Session

REMINDER_NOTICE = dt.timedelta(days=2)


def send_due_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind confirmed attendees of sessions starting within two days. Each booking is
    claimed (reminder_sent_at) before its email is queued, so running again, or twice at
    once, sends nothing more."""
    now = now or timezone.now()
    horizon = timezone.localtime(now + REMINDER_NOTICE).date()
    due = (
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            session__status=Session.Status.SCHEDULED,
        )
        .annotate(first_date=selectors.first_day_date_of_session())
        .filter(first_date__gte=timezone.localtime(now).date(), first_date__lte=horizon)
        .select_related("user", "session__course", "session__venue")
        .prefetch_related("session__days")
    )
    sent = 0
    for booking in due:
        starts_at = booking.session.starts_at
        if not (now < starts_at <= now + REMINDER_NOTICE):
            continue
        with transaction.atomic():
            claimed = Booking.objects.filter(
                pk=booking.pk, reminder_sent_at__isnull=True, status=Booking.Status.CONFIRMED
            ).update(reminder_sent_at=now)
            if claimed:
                notifications.session_reminder(booking)
                sent += 1
    return sent
