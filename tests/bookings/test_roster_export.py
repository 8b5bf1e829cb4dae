"""The roster XLSX has typed cells (issue 16, item 10): each day's date is a date cell beside
a column with that day's mark, counts are numbers, and text is text, never a live formula.
Read back with openpyxl, as a spreadsheet program would open it."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from bookings import services
from bookings.models import Attendance, Booking
from tests.bookings.cohorts import mark_everyone, past_session
from tests.bookings.factories import BookingFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOSTILE_NAME = '=HYPERLINK("http://evil.example","Click")'


@pytest.fixture
def completed_roster(client, trainer):
    session, _ = past_session(trainers=[trainer], people=0, days=2)
    ann = BookingFactory(session=session, user=UserFactory(full_name="Ann Attender"))
    eve = BookingFactory(
        session=session, user=UserFactory(full_name=HOSTILE_NAME, team="+1+cmd|' /C calc'!A0")
    )
    mark_everyone(session)
    Attendance.objects.filter(booking=eve, day=session.ordered_days[1]).update(
        status=Attendance.Status.ABSENT
    )
    services.complete_session(session=session, by=trainer)
    client.force_login(trainer)
    return session, ann, eve


def as_date(value) -> dt.date:
    """openpyxl reads a date cell back as a date or a datetime, by its number format."""
    return value.date() if isinstance(value, dt.datetime) else value


def xlsx_rows(client, session) -> tuple[list[str], dict[str, dict[str, openpyxl.cell.Cell]]]:
    response = client.get(reverse("bookings_cohorts:roster", args=[session.pk]), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows())
    headings = [cell.value for cell in rows[0]]
    by_name = {row[0].value: dict(zip(headings, row, strict=True)) for row in rows[1:]}
    return headings, by_name


def test_dates_are_date_cells_beside_a_mark_per_day(client, completed_roster):
    session, ann, eve = completed_roster
    first, second = session.ordered_days

    headings, rows = xlsx_rows(client, session)

    assert headings[headings.index("Date of day 1") + 1].startswith("Day 1: ")
    assert headings[headings.index("Date of day 2") + 1].startswith("Day 2: ")
    for row in rows.values():
        for heading, day in (("Date of day 1", first), ("Date of day 2", second)):
            assert row[heading].is_date and as_date(row[heading].value) == day.date
        assert row["Booked on"].is_date
        assert row["Completed on"].value is None or row["Completed on"].is_date
    day_two = next(h for h in headings if h.startswith("Day 2: "))
    assert rows["Ann Attender"][day_two].value == "Present"
    assert rows[HOSTILE_NAME][day_two].value == "Absent"
    ann.refresh_from_db()
    assert as_date(rows["Ann Attender"]["Completed on"].value) == timezone.localdate(
        ann.completed_at
    )
    assert as_date(rows["Ann Attender"]["Booked on"].value) == timezone.localdate(ann.confirmed_at)


def test_counts_are_numbers(client, completed_roster):
    session, _, _ = completed_roster

    _, rows = xlsx_rows(client, session)

    ann, eve = rows["Ann Attender"], rows[HOSTILE_NAME]
    assert (ann["Days present"].value, ann["Days missed"].value) == (2, 0)
    assert (eve["Days present"].value, eve["Days missed"].value) == (1, 1)
    assert {ann["Days present"].data_type, eve["Days missed"].data_type} == {"n"}
    assert eve["Outcome"].value == Booking.Outcome.NOT_COMPLETED.label


def test_text_is_never_a_live_formula(client, completed_roster):
    session, _, _ = completed_roster

    _, rows = xlsx_rows(client, session)

    eve = rows[HOSTILE_NAME]
    assert eve["Name"].data_type == "s" and eve["Name"].value == HOSTILE_NAME
    assert eve["Team or service"].data_type == "s"
    every_cell = [cell for row in rows.values() for cell in row.values()]
    assert not [cell for cell in every_cell if cell.data_type == "f"]

    response = client.get(reverse("bookings_cohorts:roster", args=[session.pk]), {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert dt.date.fromisoformat(next(csv.DictReader(io.StringIO(text)))["Date of day 1"])


def test_a_walk_in_on_paper_has_an_empty_email_cell(client, trainer):
    session, _ = past_session(trainers=[trainer], people=1)
    pat = UserFactory(full_name="Pat Paper")
    EmailAddress.objects.filter(user=pat).delete()
    User.objects.filter(pk=pat.pk).update(email=None, is_active=False)  # as recorded on paper
    BookingFactory(session=session, user=pat)
    client.force_login(trainer)

    _, rows = xlsx_rows(client, session)

    assert rows["Pat Paper"]["Email"].value is None  # an empty cell, not "None"
