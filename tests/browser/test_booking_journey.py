from pathlib import Path

import pytest
from django.core import mail

from accounts.audiences import Audience
from bookings import services
from bookings.models import Booking
from courses.choices import CourseType
from tests.bookings.factories import make_session
from tests.courses.factories import make_course
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_partner_books_a_briefing_then_cancels_and_the_next_partner_is_promoted(
    page, live_server, assert_accessible, sign_in
):
    briefing = make_course(
        title="Half-day briefing for schools",
        course_type=CourseType.HALF_DAY_BRIEFING,
        audience=Audience.PARTNERS,
    )
    make_session(make_course(title="Two-day training"), capacity=5)
    session = make_session(briefing, capacity=1, starts_in_days=10)
    first = UserFactory(full_name="Robin Partner")
    second = UserFactory(full_name="Kit Partner")

    sign_in(page, first.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/training/sessions/")
    assert_accessible(page)
    page.get_by_label("Type of course").select_option(label="Half-day briefing")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Half-day briefing for schools").click()

    page.get_by_role("heading", name="Half-day briefing for schools").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Book a place").click()
    assert page.locator("main .govuk-back-link").is_visible()
    assert_accessible(page)
    page.get_by_label("Access or dietary needs (optional)").fill("Vegetarian lunch, please")
    page.get_by_role("button", name="Confirm booking").click()

    page.get_by_role("heading", name="My bookings").wait_for()
    assert page.get_by_text("Your place on Half-day briefing for schools is confirmed").is_visible()
    assert page.get_by_role("link", name="Half-day briefing for schools", exact=True).is_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar").click()
    ics = Path(download_info.value.path()).read_text()
    assert "BEGIN:VCALENDAR" in ics and "Half-day briefing for schools" in ics

    waiting = services.book(user=second, session=session)
    assert waiting.status == Booking.Status.WAITLISTED
    mail.outbox.clear()

    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("heading", name="Are you sure you want to cancel?").wait_for()
    assert page.locator("main .govuk-back-link").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, cancel my booking").click()
    page.get_by_text("Your booking on Half-day briefing for schools is cancelled.").wait_for()
    assert page.get_by_text("You have no bookings coming up.").is_visible()

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    promoted = [m for m in mail.outbox if m.to == [second.email]]
    assert len(promoted) == 1
    assert promoted[0].subject == "A place is now yours: Half-day briefing for schools"
    assert any(name.endswith(".ics") for name, *_ in promoted[0].attachments)
