"""A session's roster as a spreadsheet and its sign-in sheet as a PDF.

The roster's cells are typed: dates are date cells (the day each person booked, each day of
the session, when they completed), counts are numbers, and text is text (the export view's
writer keeps text that looks like a formula from ever running). One column per day holds that
day's mark.
"""

import datetime as dt

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.pdf import html_to_pdf, in_arabic_script

from . import selectors
from .attendance import attended
from .models import Attendance, Booking, Session, SessionDay

ROSTER_FIELDS = {
    "name": gettext_lazy("Name"),
    "email": gettext_lazy("Email"),
    "organisation": gettext_lazy("Organisation"),
    "team": gettext_lazy("Team or service"),
    "job_title": gettext_lazy("Job title"),
    "access_needs": gettext_lazy("Access or dietary needs"),
    "walk_in": gettext_lazy("Walk-in"),
    "booked_on": gettext_lazy("Booked on"),
}
ROSTER_TOTALS = {
    "days_present": gettext_lazy("Days present"),
    "days_missed": gettext_lazy("Days missed"),
    "outcome": gettext_lazy("Outcome"),
    "completed_on": gettext_lazy("Completed on"),
}
SIGN_IN_SHEET_TEMPLATE = "bookings/pdf/sign_in_sheet.html"


def file_stem(prefix: str, session: Session) -> str:
    """e.g. roster-two-day-training-2026-11-16: the course and first date name the file."""
    first = session.first_day
    date = f"-{first.date:%Y-%m-%d}" if first else ""
    return f"{prefix}-{slugify(session.course.title)}{date}"


def roster_headings(days: list[SessionDay]) -> dict[str, str]:
    """Each day has a column holding its date (a date cell) and one holding the mark."""
    headings = {**ROSTER_FIELDS}
    for n, day in enumerate(days, start=1):
        headings[f"date_{day.pk}"] = _("Date of day %(n)s") % {"n": n}
        headings[f"day_{day.pk}"] = _("Day %(n)s: %(date)s") % {
            "n": n,
            "date": date_format(day.date, "j F Y"),
        }
    return {**headings, **ROSTER_TOTALS}


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def roster_row(
    booking: Booking, *, days: list[SessionDay], marks: dict[int, Attendance]
) -> dict[str, object]:
    """One attendee's row: who they are, the date and their mark on each day, the days they
    were present and missed, and their outcome."""
    person = booking.user
    row: dict[str, object] = {
        "name": person.full_name,
        "email": person.email or "",
        "organisation": person.organisation.name if person.organisation else "",
        "team": person.team,
        "job_title": person.job_title,
        "access_needs": booking.access_needs,
        "walk_in": _("Yes") if booking.is_walk_in else "",
        "booked_on": _local_date(booking.confirmed_at or booking.created_at),
    }
    statuses = []
    for day in days:
        mark = marks.get(day.pk)
        statuses.append(mark.status if mark else None)
        row[f"date_{day.pk}"] = day.date
        row[f"day_{day.pk}"] = mark.get_status_display() if mark else ""
    present = sum(1 for status in statuses if attended(status))
    row["days_present"] = present
    row["days_missed"] = len(days) - present
    row["outcome"] = booking.get_outcome_display() if booking.outcome else ""
    row["completed_on"] = _local_date(booking.completed_at)
    return row


def sign_in_sheet_html(session: Session) -> str:
    rows = [
        {"booking": booking, "arabic_script": in_arabic_script(booking.user.full_name)}
        for booking in selectors.roster(session)
    ]
    return render_to_string(
        SIGN_IN_SHEET_TEMPLATE,
        {
            "session": session,
            "days": session.ordered_days,
            "trainers": sorted(session.trainers.all(), key=lambda t: t.full_name),
            "rows": rows,
            "printed_on": timezone.localdate(),
        },
    )


def sign_in_sheet_pdf(session: Session) -> bytes:
    return html_to_pdf(sign_in_sheet_html(session))
