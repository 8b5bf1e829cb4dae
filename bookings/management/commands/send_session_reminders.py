"""Emails and places that depend on time passing. Safe to run as often as you like: each
reminder and each "new dates" email is sent once, and places held for an organisation are
offered to the waiting list once, when their release time has passed.

Run it every hour, e.g. with cron:
    0 * * * * cd /srv/app && .venv/bin/python manage.py send_session_reminders
"""

from django.core.management.base import BaseCommand

from bookings import services


class Command(BaseCommand):
    help = (
        "Remind confirmed attendees two days before a session's first day, and tell people who "
        "registered interest when a session's booking opens, and give the waiting list the "
        "held places released. Idempotent."
    )

    def handle(self, *args, **options):
        released = services.release_held_places()
        reminders = services.send_due_reminders()
        interest = services.open_sessions_awaiting_interest_email()
        self.stdout.write(
            f"Sent {reminders} reminder(s) and {interest} new-dates email(s); "
            f"{released} place(s) released to the waiting list."
        )
