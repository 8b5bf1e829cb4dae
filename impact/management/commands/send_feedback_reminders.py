"""Feedback emails that depend on time passing. Safe to run as often as you like: each
reminder and each three-month follow-up is claimed by one conditional update and sent once.

Run it every day, e.g. with cron:
    0 8 * * * cd /srv/app && .venv/bin/python manage.py send_feedback_reminders
"""

from django.core.management.base import BaseCommand

from impact.services import send_feedback_reminders, send_follow_ups


class Command(BaseCommand):
    help = (
        "Remind people who have not given feedback a week after the request (once), and ask "
        "everyone three months after completing how confident they feel now (once). Idempotent."
    )

    def handle(self, *args, **options):
        reminders = send_feedback_reminders()
        follow_ups = send_follow_ups()
        self.stdout.write(
            f"Sent {reminders} feedback reminder(s) and {follow_ups} three-month follow-up(s)."
        )
