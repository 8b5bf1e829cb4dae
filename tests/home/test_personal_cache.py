"""The signed-in home page's next steps are kept per person (home/templatetags/personal_cache.py):
a repeated visit draws nothing again, nor does someone else's progress, yet nobody sees another
person's steps, every change to what they show appears at once, and nothing is kept past the
day or five minutes."""

import datetime as dt
import time

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from bookings.models import Attendance
from bookings.services.register import mark_attendance
from elearning.models import Enrolment
from home import site_cache
from home.templatetags.personal_cache import PERSONAL_TIMEOUT
from impact.models import Participation
from tests.bookings.factories import BookingFactory, make_session
from tests.elearning.factories import make_module
from tests.factories import make_home_page
from tests.home.test_i18n import translate
from tests.home.test_personal_home import LEARNER_QUERIES, start_module
from tests.programmes.factories import Kind, course_of, days_ago, enrol, make_programme
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db

# The person (their session comes from the cache): the next steps cost nothing.
REPEATED_VISIT_QUERIES = 1
NOTHING_BOOKED = "You have no training sessions booked."


@pytest.fixture(autouse=True)
def home():
    return make_home_page()


def home_html(client, path="/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def next_steps(page: str) -> str:
    """The part of the page the cache keeps (the rest holds a fresh CSRF token each time)."""
    return page[page.index("Welcome, ") : page.index("Go to My learning")]


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_a_repeated_visit_draws_the_next_steps_once(learner):
    start_module(learner)
    BookingFactory(user=learner, session=make_session(course_of(title="Two-day training")))
    client = signed_in(learner)
    first = home_html(client)

    queries = count_queries(lambda: client.get("/"))

    assert next_steps(home_html(client)) == next_steps(first)
    assert "Two-day training" in first
    assert queries == REPEATED_VISIT_QUERIES < LEARNER_QUERIES


def test_next_steps_are_never_shared_between_people(learner, partner):
    module = start_module(learner)
    BookingFactory(user=learner, session=make_session(course_of(title="Learner's course")))
    learners_page = home_html(signed_in(learner))

    partners_page = home_html(signed_in(partner))

    assert module.title in learners_page and "Learner&#x27;s course" in learners_page
    assert module.title not in partners_page and "Learner&#x27;s course" not in partners_page
    assert NOTHING_BOOKED in partners_page


def test_a_new_booking_shows_at_once(learner):
    client = signed_in(learner)
    assert NOTHING_BOOKED in home_html(client)

    BookingFactory(user=learner, session=make_session(course_of(title="Two-day training")))

    page = home_html(client)
    assert "Your next session" in page and "Two-day training" in page


def test_moving_on_in_a_module_shows_at_once(learner):
    module = start_module(learner, lessons=3)
    client = signed_in(learner)
    assert f"You were last on “{module.lessons[0].title}”" in home_html(client)

    client.get(module.lessons[1].url)

    assert f"You were last on “{module.lessons[1].title}”" in home_html(client)


def test_feedback_given_leaves_the_list_at_once(learner):
    booking = BookingFactory(user=learner, session=make_session(starts_in_days=-5))
    participation = Participation.objects.create(
        person=learner,
        booking=booking,
        course=booking.session.course,
        session=booking.session,
        completed_at=timezone.now(),
    )
    client = signed_in(learner)
    assert "Feedback to give" in home_html(client)

    participation.feedback_answered_at = timezone.now()
    participation.save(update_fields=["feedback_answered_at"])

    assert "Feedback to give" not in home_html(client)


def test_joining_a_programme_shows_its_next_step_at_once(learner):
    sessions = course_of(title="Practice Lead session")
    programme = make_programme(
        [{"kind": Kind.ATTEND_SESSIONS, "course": sessions, "count_required": 8}]
    )
    client = signed_in(learner)
    assert programme.name not in home_html(client)

    enrol(learner, programme, start=days_ago(10))

    assert programme.name in home_html(client)


def test_becoming_a_trainer_shows_the_sessions_to_deliver_at_once(learner, trainer):
    make_session(course_of(title="Delivered course"), starts_in_days=3, trainers=[learner])
    client = signed_in(learner)
    assert "Delivered course" not in home_html(client)

    learner.groups.add(*trainer.groups.all())

    assert "Delivered course" in home_html(client)


def test_marking_a_register_moves_the_records_version(trainer):
    """The register writes attendance in bulk, which sends no model signal."""
    session = make_session(days=[timezone.localdate()], trainers=[trainer])
    booking = BookingFactory(session=session)
    before = site_cache.read_versions()[site_cache.RECORDS]

    mark_attendance(
        booking=booking, day=session.ordered_days[0], status=Attendance.Status.PRESENT, by=trainer
    )

    assert site_cache.read_versions()[site_cache.RECORDS] != before


def test_each_language_has_its_own_next_steps(learner, home):
    translate(home, "cy", Home="Hafan")
    with translation.override("cy"):
        nothing_booked_in_welsh = gettext(NOTHING_BOOKED)
    client = signed_in(learner)
    assert NOTHING_BOOKED in home_html(client)

    welsh = home_html(client, "/cy/")

    assert nothing_booked_in_welsh != NOTHING_BOOKED
    assert nothing_booked_in_welsh in welsh and NOTHING_BOOKED not in welsh


def test_a_new_day_draws_the_next_steps_again(learner, monkeypatch):
    BookingFactory(
        user=learner, session=make_session(course_of(title="Today's course"), starts_in_days=0)
    )
    client = signed_in(learner)
    assert "Today&#x27;s course" in home_html(client)

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    assert "Today&#x27;s course" not in home_html(client)


def test_next_steps_are_kept_at_most_five_minutes(learner, monkeypatch):
    start_module(learner)
    client = signed_in(learner)
    home_html(client)
    now = time.time()

    monkeypatch.setattr(time, "time", lambda: now + PERSONAL_TIMEOUT - 5)
    kept = count_queries(lambda: client.get("/"))
    monkeypatch.setattr(time, "time", lambda: now + PERSONAL_TIMEOUT + 1)
    drawn_again = count_queries(lambda: client.get("/"))

    assert PERSONAL_TIMEOUT == 300
    assert kept == REPEATED_VISIT_QUERIES < drawn_again



def test_someone_elses_progress_leaves_my_steps_as_they_were(learner, partner):
    start_module(learner)
    module = make_module(lessons=2)
    client = signed_in(learner)
    home_html(client)

    Enrolment.objects.create(learner=partner, module=module, module_key=module.translation_key)

    assert count_queries(lambda: client.get("/")) == REPEATED_VISIT_QUERIES


def test_renaming_a_programme_shows_in_everyones_steps_at_once(learner):
    sessions = course_of(title="Practice Lead session")
    programme = make_programme(
        [{"kind": Kind.ATTEND_SESSIONS, "course": sessions, "count_required": 8}]
    )
    enrol(learner, programme, start=days_ago(10))
    client = signed_in(learner)
    assert programme.name in home_html(client)

    programme.name = "Practice Lead programme, second cohort"
    programme.save(update_fields=["name"])

    assert "Practice Lead programme, second cohort" in home_html(client)
