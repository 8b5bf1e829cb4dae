"""The signed-in home page, as a learner and as a trainer would see it: their next steps,
accessible (axe) on a laptop and on a 375px phone."""

import pytest

from courses.choices import CourseType
from elearning.models import Enrolment
from tests.bookings.factories import BookingFactory, VenueFactory, make_session
from tests.courses.factories import make_course
from tests.elearning.factories import make_module
from tests.factories import TEST_PASSWORD, UserFactory, make_home_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_learner_and_a_trainer_see_their_next_steps(
    page, live_server, sign_in, assert_accessible
):
    make_home_page()
    learner = UserFactory(staff=True, full_name="Robin Learner")
    trainer = UserFactory(staff=True, trainer=True, full_name="Terry Trainer")
    module = make_module(title="Introduction to Signs of Safety", lessons=2)
    Enrolment.objects.create(
        learner=learner,
        module=module,
        module_key=module.translation_key,
        last_lesson=module.lessons[1],
    )
    session = make_session(
        make_course(course_type=CourseType.TWO_DAY, title="Two-day training"),
        days=2,
        starts_in_days=8,
        venue=VenueFactory(name="Civic Centre"),
        joining_instructions="Ask at reception for the training room.",
        trainers=[trainer],
    )
    BookingFactory(user=learner, session=session)

    sign_in(page, learner.email, TEST_PASSWORD)
    page.goto(live_server.url)
    page.get_by_role("heading", name="Welcome, Robin").wait_for()
    assert page.get_by_text("Ask at reception for the training room.").is_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 812})
    assert_accessible(page)
    page.get_by_role("button", name="Continue learning").click()
    page.get_by_text("Lesson 2 of 2").wait_for()

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, trainer.email, TEST_PASSWORD)
    page.goto(live_server.url)
    page.get_by_role("heading", name="Sessions you deliver").wait_for()
    assert page.get_by_text("1 of 10 places taken").is_visible()
    assert_accessible(page)
