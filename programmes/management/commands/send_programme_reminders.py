"""Programme emails that depend on time passing. Safe to run as often as you like: each
at-risk or overdue alert, and each coordinator's monthly summary, is sent once.

Run it every day (or hour), e.g. with cron:
    30 7 * * * cd /srv/app && .venv/bin/python manage.py send_programme_reminders
"""

from django.core.management.base import BaseCommand

from programmes.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email each person on a programme once when a requirement becomes at risk or overdue, "
        "each coordinator a monthly summary, and complete enrolments whose requirements are "
        "all met. Idempotent."
    )

    def handle(self, *args, **options):
        summary = send_reminders()
        self.stdout.write(
            f"Sent {summary.alerts} alert(s) and {summary.summaries} coordinator summary(ies); "
            f"completed {summary.completed} enrolment(s)."
        )
