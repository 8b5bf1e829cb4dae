"""The signed-in home page lists the person's feedback to give (impact's template tag): the
before question for upcoming places and unfinished modules, and completed courses awaiting
feedback; its cost stays the same however many there are."""

import pytest
from django.utils import timezone

from elearning.models import Enrolment
from impact.models import Participation
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.elearning.factories import make_module
from tests.factories import make_home_page
from tests.home.test_personal_home import LEARNER_QUERIES, warm_then_count

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture(autouse=True)
def home():
    return make_home_page()


def completed_course(person, title):
    course = make_course(title=title)
    session = make_session(course, starts_in_days=-5)
    booking = BookingFactory(session=session, user=person, completed_at=NOW)
    return Participation.objects.create(
        person=person, booking=booking, course=course, session=session, completed_at=NOW
    )


def upcoming_place(person, title):
    return BookingFactory(user=person, session=make_session(make_course(title=title)))


def test_the_home_page_lists_feedback_to_give_and_before_questions(client, learner):
    waiting = completed_course(learner, "Two-day training")
    given = completed_course(learner, "Briefing already rated")
    Participation.objects.filter(pk=given.pk).update(feedback_answered_at=NOW)
    place = upcoming_place(learner, "Next month's course")
    answered = upcoming_place(learner, "Course already answered")
    Participation.objects.create(
        person=learner,
        booking=answered,
        course=answered.session.course,
        session=answered.session,
        confidence_before=5,
    )
    module = make_module(lessons=1)
    enrolment = Enrolment.objects.create(
        learner=learner, module=module, module_key=module.translation_key
    )
    client.force_login(learner)

    html = client.get("/").content.decode()

    assert "Feedback to give" in html
    assert f'href="/my-learning/feedback/{waiting.pk}/"' in html
    assert "Give feedback on Two-day training" in html
    assert "Briefing already rated" not in html
    assert f'href="/my-learning/feedback/before/session/{place.pk}/"' in html
    assert "How confident are you before Next month&#x27;s course?" in html
    assert "Course already answered?" not in html
    assert f'href="/my-learning/feedback/before/module/{enrolment.pk}/"' in html


def test_nothing_to_give_shows_no_section(client, partner):
    completed_course(partner, "Done")
    Participation.objects.filter(person=partner).update(feedback_answered_at=NOW)
    client.force_login(partner)
    assert "Feedback to give" not in client.get("/").content.decode()


def test_nobody_sees_someone_elses_feedback_to_give(client, learner, partner):
    completed_course(partner, "Partner's course")
    upcoming_place(partner, "Partner's next course")
    client.force_login(learner)
    html = client.get("/").content.decode()
    assert "Partner" not in html.split("Welcome")[1]


def test_feedback_to_give_costs_the_same_however_much_there_is(client, learner):
    client.force_login(learner)
    completed_course(learner, "First")
    upcoming_place(learner, "Soon")
    few = warm_then_count(client)
    for n in range(6):
        completed_course(learner, f"Course {n}")
        upcoming_place(learner, f"Upcoming {n}")
        module = make_module(lessons=1)
        Enrolment.objects.create(learner=learner, module=module, module_key=module.translation_key)
    many = warm_then_count(client)
    assert few == many == LEARNER_QUERIES
