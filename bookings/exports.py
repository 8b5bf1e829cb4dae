"""A session's roster as a spreadsheet and its sign-in sheet as a PDF."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from home.pdf import html_to_pdf, in_arabic_script

from . import selectors
from .models import Attendance, Booking, Session, SessionDay

ROSTER_FIELDS = {
    "name": "Name",
    "email": "Email",
    "organisation": "Organisation",
    "team": "Team or service",
    "job_title": "Job title",
    "access_needs": "Access or dietary needs",
    "walk_in": "Walk-in",
}
SIGN_IN_SHEET_TEMPLATE = "bookings/pdf/sign_in_sheet.html"


def file_stem(prefix: str, session: Session) -> str:
    """e.g. roster-two-day-training-2026-11-16: the course and first date name the file."""
    first = session.first_day
    date = f"-{first.date:%Y-%m-%d}" if first else ""
    return f"{prefix}-{slugify(session.course.title)}{date}"


def roster_headings(days: list[SessionDay]) -> dict[str, str]:
    return {
        **ROSTER_FIELDS,
        **{
            f"day_{day.pk}": f"Day {n}: {date_format(day.date, 'j F Y')}"
            for n, day in enumerate(days, start=1)
        },
        "outcome": "Outcome",
    }


def roster_row(
    booking: Booking, *, days: list[SessionDay], marks: dict[int, Attendance]
) -> dict[str, str]:
    """One attendee's row: who they are, their mark on each day and their outcome."""
    person = booking.user
    row = {
        "name": person.full_name,
        "email": person.email,
        "organisation": person.organisation.name if person.organisation else "",
        "team": person.team,
        "job_title": person.job_title,
        "access_needs": booking.access_needs,
        "walk_in": "Yes" if booking.is_walk_in else "",
    }
    for day in days:
        mark = marks.get(day.pk)
        row[f"day_{day.pk}"] = mark.get_status_display() if mark else ""
    row["outcome"] = booking.get_outcome_display()
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
