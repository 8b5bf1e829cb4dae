"""A trainer takes last week's register, completes the session and downloads its papers; an
attendee checks in with the day's code on their phone."""

import csv
import datetime as dt
import re

import pypdf
import pytest
from django.utils import timezone

from bookings.models import Attendance, Booking, Session
from certificates.models import Certificate
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_trainer_takes_the_register_completes_the_session_and_downloads_the_papers(
    page, live_server, sign_in, assert_accessible
):
    trainer = UserFactory(staff=True, trainer=True, full_name="Terry Trainer")
    course = make_course(title="Signs of Safety two-day training")
    today = timezone.localdate()
    last_week = make_session(
        course,
        days=[today - dt.timedelta(days=8), today - dt.timedelta(days=6)],
        trainers=[trainer],
        capacity=4,
    )
    make_session(course, starts_in_days=20, trainers=[trainer])
    names = ["Ayesha Khan", "Bea Jones", "Cai O'Neil", "Dara <Smith> & Co"]
    people = [UserFactory(staff=True, full_name=name) for name in names]
    for person in people:
        BookingFactory(session=last_week, user=person)

    sign_in(page, trainer.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="My sessions").click()
    page.get_by_role("heading", name="My sessions").wait_for()
    assert_accessible(page)
    page.get_by_role("row", name=re.compile("to complete")).get_by_role(
        "link", name="Signs of Safety two-day training"
    ).click()

    page.get_by_role("heading", name="Attendees (4)").wait_for()
    assert_accessible(page)
    for day_number in (1, 2):
        page.get_by_role("link", name=re.compile(f"Register for day {day_number}")).click()
        page.get_by_role("button", name="Mark all present").wait_for()
        if day_number == 1:
            assert_accessible(page)  # before any flash message, which fades in
        page.get_by_role("button", name="Mark all present").click()
        page.get_by_text("Everyone is marked present").wait_for()
        if day_number == 2:
            page.get_by_label("Absent for Bea Jones").check()
            page.get_by_role("button", name="Save register").click()
            page.get_by_text("Register saved (1 changed)").wait_for()
        page.get_by_role("link", name="Back to the cohort").click()

    page.get_by_role("link", name="Complete the session").click()
    page.get_by_role("heading", name="Complete the session").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Complete the session").click()
    page.get_by_text("Session completed: 3 completed, 1 did not complete").wait_for()

    last_week.refresh_from_db()
    assert last_week.status == Session.Status.COMPLETED
    bea = Booking.objects.get(user__full_name="Bea Jones")
    assert (bea.outcome, bea.days_missed) == (Booking.Outcome.NOT_COMPLETED, 1)
    assert Certificate.objects.count() == 3
    assert page.get_by_role("link", name="Download all certificates").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Roster (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert sorted(row["Name"] for row in rows) == sorted(names)
    assert {row["Outcome"] for row in rows} == {"Completed", "Not completed"}

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Sign-in sheet (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("sign-in-sheet-")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(download.path()).pages)
    for name in names:
        assert name in text


def test_an_attendee_checks_in_with_the_code_on_the_register(
    page, live_server, sign_in, assert_accessible
):
    trainer = UserFactory(staff=True, trainer=True)
    attendee = UserFactory(staff=True, full_name="Casey Attendee")
    session = make_session(
        days=[timezone.localdate()], trainers=[trainer], start_time=dt.time(0, 1)
    )
    booking = BookingFactory(session=session, user=attendee)
    day = session.first_day

    sign_in(page, attendee.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/training/check-in/{day.pk}/")
    page.get_by_role("heading", name="Check in").wait_for()
    page.get_by_role("button", name="Check me in").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page)
    page.get_by_label("Check-in code").fill(day.check_in_code_display.lower())
    page.get_by_role("button", name="Check me in").click()

    page.get_by_role("heading", name="You are checked in").wait_for()
    assert_accessible(page)
    attendance = Attendance.objects.get(booking=booking, day=day)
    assert attendance.status == Attendance.Status.PRESENT
    assert attendance.source == Attendance.Source.CHECK_IN
