"""A learner completes a session and gives feedback from the email's page; the administrator
sees the scorecard change. Both pages, charts included, pass axe."""

import re

import pytest

from bookings.models import Attendance, Booking
from bookings.services import complete_session
from impact.models import FeedbackResponse
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.factories import TEST_PASSWORD, UserFactory
from tests.impact.factories import answer, days_ago

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_learner_gives_feedback_and_the_scorecard_changes(
    page, live_server, sign_in, assert_accessible
):
    administrator = UserFactory(staff=True, training_admin=True, full_name="Ada Administrator")
    trainer = UserFactory(staff=True, trainer=True)
    learner = UserFactory(staff=True, full_name="Sam Learner")
    others = UserFactory.create_batch(4, staff=True)
    session = make_session(
        make_course(title="Two-day training"), days=[days_ago(3)], trainers=[trainer]
    )
    for person in [learner, *others]:
        booking = BookingFactory(session=session, user=person)
        Attendance.objects.create(
            booking=booking,
            day=session.ordered_days[0],
            status=Attendance.Status.PRESENT,
            source=Attendance.Source.REGISTER,
        )
    complete_session(session=session, by=trainer)
    for person in others:
        answer(person, session, ratings=4, anonymous=True)

    sign_in(page, administrator.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/admin/impact/scorecard/")
    page.get_by_role("heading", name="Feedback per course").wait_for()
    before = page.locator("#quality").locator("xpath=..").inner_text()
    assert "fewer than 5" in before
    page.context.clear_cookies()

    sign_in(page, learner.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/my-learning/feedback/")
    assert_accessible(page)
    page.get_by_role("link", name="Give feedback on Two-day training").click()
    page.get_by_role("heading", name="Feedback on your training").wait_for()
    page.get_by_role("button", name="Send feedback").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert_accessible(page)
    for question in ("content", "trainer", "pace"):
        page.get_by_role("group", name=f"How would you rate the {question}?").get_by_label(
            "5 – Very good"
        ).check()
    page.get_by_label("What worked well?").fill("Mapping a real family <together>.")
    page.get_by_role("group", name=re.compile("how confident are you")).get_by_label(
        "9", exact=True
    ).check()
    page.get_by_role("button", name="Send feedback").click()
    page.get_by_text("Thank you for your feedback.").wait_for()
    assert_accessible(page)
    assert FeedbackResponse.objects.filter(person=learner).exists()
    assert Booking.objects.get(session=session, user=learner).participation.confidence_after == 9
    page.context.clear_cookies()

    sign_in(page, administrator.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/admin/impact/scorecard/")
    page.get_by_role("heading", name="Feedback per course").wait_for()
    table = page.get_by_role("table", name="Feedback per course")
    row = table.get_by_role("row", name=re.compile("Two-day training"))
    assert row.get_by_role("cell").all_inner_texts()[:2] == ["5", "4.2"]
    assert page.get_by_role("img", name=re.compile("Feedback per course: bar chart")).count() == 1
    assert (
        "Mapping a real family <together>."
        in page.locator("#quality").locator("xpath=..").inner_text()
    )
    assert_accessible(page)
