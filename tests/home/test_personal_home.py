"""The signed-in home page is personal: each person sees their next step, whatever their role
(learner, partner, trainer, training administrator, Practice Lead), and the page costs each
role the same number of queries however much data the site and the person have."""

import datetime as dt

import pytest
from django.utils import timezone

from bookings.models import Booking, Session
from courses.choices import CourseType
from elearning.models import Enrolment
from home import site_cache
from tests.bookings.factories import BookingFactory, VenueFactory, make_session
from tests.elearning.factories import make_module
from tests.factories import UserFactory, make_home_page
from tests.programmes.factories import Kind, attend, course_of, days_ago, enrol, make_programme
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db

# The user, their roles, live programme enrolments, the module to continue, their bookings
# and those bookings' days (one query each for any number of bookings; the next session's
# venue is read with its locale, so its translation costs a query only when the venue is not
# written in the page's language); and the feedback to give (impact: upcoming
# places and unfinished modules without a "before" answer, and completed ones awaiting
# feedback).
LEARNER_QUERIES = 9
# A learner's nine, the sessions they deliver (and their venues in the page's language),
# and Wagtail's user bar, shown to people who may open the admin (their permissions, profile,
# the page's permissions and workflow state).
TRAINER_QUERIES = 18
# A learner's nine, one aggregate over every session, and Wagtail's user bar.
TRAINING_ADMIN_QUERIES = 16
# A learner's nine, the programme's venue in the page's language, the seven reads of
# working out an active programme's progress (programmes.views.programme_cards), and its words
# in the page's language: the programmes' translations, the requirements' and the courses'
# they name (one query each for any number; one more when a requirement names a module).
PRACTICE_LEAD_QUERIES = 20


@pytest.fixture(autouse=True)
def home():
    return make_home_page()


def home_html(client, person) -> str:
    client.force_login(person)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def warm_then_count(client) -> int:
    """What drawing the page costs once the site's chrome is remembered: the person's next
    steps are drawn afresh, as after any change to anyone's records (a repeated visit with
    nothing changed costs less: tests/home/test_personal_cache.py)."""
    client.get("/")
    site_cache.records_changed()
    return count_queries(lambda: client.get("/"))


def start_module(person, *, lessons=2, visited=0):
    module = make_module(lessons=lessons)
    Enrolment.objects.create(
        learner=person,
        module=module,
        module_key=module.translation_key,
        last_lesson=module.lessons[visited],
    )
    return module


def give_bookings(person, count: int) -> None:
    """`count` of each: a confirmed two-day place, a place on a waiting list, a booking
    awaiting approval, and a booking on a session that is over."""
    for n in range(count):
        BookingFactory(user=person, session=make_session(days=2, starts_in_days=10 + n))
        BookingFactory(user=person, session=make_session(starts_in_days=20 + n), waitlisted=True)
        BookingFactory(
            user=person,
            session=make_session(starts_in_days=30 + n),
            status=Booking.Status.AWAITING_APPROVAL,
            confirmed_at=None,
        )
        BookingFactory(user=person, session=make_session(starts_in_days=-10 - n))


def deliver(trainer, count: int) -> None:
    """`count` each of: ended and not completed, running today, coming up."""
    for n in range(count):
        make_session(starts_in_days=-5 - n, trainers=[trainer])
        make_session(starts_in_days=0, trainers=[trainer])
        BookingFactory(session=make_session(starts_in_days=7 + n, trainers=[trainer]))


# What each person sees.


def test_a_learner_is_told_where_to_continue_and_about_their_next_session(client, learner):
    module = start_module(learner, visited=1)
    venue = VenueFactory(name="Civic Centre, Room 4")
    session = make_session(
        course_of(CourseType.TWO_DAY, title="Two-day training"),
        days=2,
        starts_in_days=9,
        venue=venue,
        joining_instructions="Ask at reception for the training room.",
    )
    BookingFactory(user=learner, session=session)

    html = home_html(client, learner)

    assert "Welcome, Sam" in html
    assert f"You are part way through {module.title}" in html
    assert f"You were last on “{module.lessons[1].title}”" in html
    assert f'href="{module.lessons[1].url}"' in html
    assert "Your next session" in html
    assert "Two-day training" in html
    assert session.ordered_days[0].date.strftime("%A %-d %B %Y").replace(" 0", " ") in html
    assert "9:30am to 4:30pm" in html
    assert "Civic Centre, Room 4" in html
    assert "Ask at reception for the training room." in html


def test_joining_instructions_are_only_for_a_confirmed_place(client, learner):
    session = make_session(joining_instructions="Meet at the main door.")
    BookingFactory(user=learner, session=session, waitlisted=True)

    html = home_html(client, learner)

    assert "Meet at the main door." not in html
    assert "Your next session" not in html
    assert "Waiting list: number 1" in html


def test_a_booking_waiting_for_approval_is_shown_as_waiting(client, partner):
    BookingFactory(
        user=partner,
        session=make_session(course_of(CourseType.HALF_DAY_BRIEFING, title="Briefing")),
        status=Booking.Status.AWAITING_APPROVAL,
        confirmed_at=None,
    )

    html = home_html(client, partner)

    assert "Awaiting approval" in html
    assert "Briefing" in html


def test_someone_with_nothing_booked_is_offered_a_training_date(client, partner):
    BookingFactory(user=partner, session=make_session(starts_in_days=-3))
    BookingFactory(user=partner, cancelled=True)

    html = home_html(client, partner)

    assert "You have no training sessions booked." in html
    assert "Find a training date" in html
    assert "You have no e-learning in progress." in html


def test_a_completed_module_is_not_offered_to_continue(client, learner):
    module = start_module(learner)
    Enrolment.objects.filter(learner=learner).update(completed_at=timezone.now())

    assert module.title not in home_html(client, learner)


def test_nobody_sees_someone_elses_next_steps(client, learner, partner):
    module = start_module(partner)
    BookingFactory(user=partner, session=make_session(course_of(title="Partner course")))

    html = home_html(client, learner)

    assert module.title not in html
    assert "Partner course" not in html


def test_a_trainer_sees_sessions_to_complete_today_and_coming_up(client, trainer):
    ended = make_session(course_of(title="Ended course"), starts_in_days=-3, trainers=[trainer])
    today = make_session(course_of(title="Today course"), starts_in_days=0, trainers=[trainer])
    later = make_session(course_of(title="Later course"), starts_in_days=5, trainers=[trainer])
    BookingFactory(session=later)
    make_session(course_of(title="Someone else's"), starts_in_days=5)
    make_session(
        course_of(title="Completed course"),
        starts_in_days=-9,
        trainers=[trainer],
        status=Session.Status.COMPLETED,
    )

    html = home_html(client, trainer)

    assert "Sessions you deliver" in html
    assert "Complete these sessions" in html
    assert f"/admin/cohorts/{ended.pk}/" in html
    assert "Today: take the register" in html
    assert f"/admin/cohorts/{today.pk}/" in html
    assert "Later course" in html
    assert "1 of 10 places taken" in html
    assert "Someone else&#x27;s" not in html
    assert "Completed course" not in html


def test_a_learner_is_not_shown_trainer_or_administrator_sections(client, learner):
    html = home_html(client, learner)

    assert "Sessions you deliver" not in html
    assert "Training that needs your attention" not in html
    assert "/admin/programme-progress/" not in html


def test_a_training_administrator_sees_what_needs_attention(client, training_admin):
    make_session(starts_in_days=-2)
    waiting = make_session(starts_in_days=20, capacity=1)
    BookingFactory(session=waiting)
    BookingFactory(session=waiting, waitlisted=True)
    soon = make_session(starts_in_days=3, capacity=10)
    BookingFactory(session=soon)
    make_session(starts_in_days=-4, status=Session.Status.COMPLETED)

    html = home_html(client, training_admin)

    assert "Training that needs your attention" in html
    assert "1 session has ended and is not completed" in html
    assert "1 upcoming session has people on its waiting list" in html
    assert "9 places are still free on sessions in the next two weeks" in html
    assert "/admin/programme-progress/" in html


def test_a_practice_lead_sees_their_programme_step_and_their_learning(client):
    lead = UserFactory(staff=True, practice_lead=True)
    sessions = course_of(title="Practice Lead training session")
    programme = make_programme(
        [
            {
                "kind": Kind.ATTEND_SESSIONS,
                "course": sessions,
                "count_required": 8,
                "title": "Eight Practice Lead sessions",
            }
        ],
        name="Practice Lead programme",
    )
    enrol(lead, programme, start=days_ago(30))
    attend(sessions, lead, on=days_ago(20))
    BookingFactory(user=lead, session=make_session(sessions, starts_in_days=6))

    html = home_html(client, lead)

    assert "Your next step on the Practice Lead programme" in html
    assert "Eight Practice Lead sessions" in html
    assert "Your next session" in html


# What it costs: the same for each role, with little or much data.


def test_a_learners_home_page_costs_the_same_with_more_learning_and_bookings(client, learner):
    client.force_login(learner)
    start_module(learner)
    give_bookings(learner, 1)
    few = warm_then_count(client)
    for _ in range(3):
        start_module(learner)
    give_bookings(learner, 4)
    many = warm_then_count(client)

    assert few == many == LEARNER_QUERIES


def test_a_partners_home_page_costs_the_same_with_more_bookings(client, partner):
    client.force_login(partner)
    give_bookings(partner, 1)
    few = warm_then_count(client)
    give_bookings(partner, 5)
    BookingFactory.create_batch(5)
    many = warm_then_count(client)

    assert few == many == LEARNER_QUERIES


def test_a_trainers_home_page_costs_the_same_with_more_sessions(client, trainer):
    client.force_login(trainer)
    give_bookings(trainer, 1)
    deliver(trainer, 1)
    few = warm_then_count(client)
    deliver(trainer, 6)
    many = warm_then_count(client)

    assert few == many == TRAINER_QUERIES


def test_a_training_administrators_home_page_costs_the_same_with_more_sessions(
    client, training_admin
):
    client.force_login(training_admin)
    give_bookings(training_admin, 1)
    few = warm_then_count(client)
    for n in range(6):
        session = make_session(starts_in_days=n - 3)
        BookingFactory(session=session)
        BookingFactory(session=session, waitlisted=True)
    many = warm_then_count(client)

    assert few == many == TRAINING_ADMIN_QUERIES


def test_a_practice_leads_home_page_costs_the_same_with_more_records(client):
    lead = UserFactory(staff=True, practice_lead=True)
    sessions = course_of()
    programme = make_programme(
        [{"kind": Kind.ATTEND_SESSIONS, "course": sessions, "count_required": 8}]
    )
    enrol(lead, programme, start=days_ago(200))
    client.force_login(lead)
    attend(sessions, lead, on=days_ago(150))
    make_session(sessions, starts_in_days=4)
    give_bookings(lead, 1)
    few = warm_then_count(client)
    for n in range(5):
        attend(sessions, lead, on=days_ago(140 - 20 * n))
        make_session(sessions, starts_in_days=5 + n)
    give_bookings(lead, 3)
    many = warm_then_count(client)

    assert few == many == PRACTICE_LEAD_QUERIES


def test_a_session_already_under_way_is_still_the_next_one(client, learner):
    BookingFactory(
        user=learner,
        session=make_session(
            days=[
                timezone.localdate() - dt.timedelta(days=1),
                timezone.localdate() + dt.timedelta(days=1),
            ]
        ),
    )

    html = home_html(client, learner)

    assert "Your next session" in html
