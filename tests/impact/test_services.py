import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from bookings.models import Attendance
from bookings.services import complete_session, reopen_session
from impact import services
from impact.models import FeedbackResponse, Participation
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.factories import UserFactory
from tests.programmes.factories import administrator

from .factories import answer, completed_session, default_form, participation_of

pytestmark = pytest.mark.django_db


def test_completing_a_session_asks_each_attendee_for_feedback_once():
    people = UserFactory.create_batch(2)
    session = completed_session(make_course(title="Two-day training"), people)
    assert Participation.objects.filter(session=session).count() == 2
    subjects = [m.subject for m in mail.outbox if "feedback" in m.subject]
    assert len(subjects) == 2
    assert "Two-day training" in subjects[0]

    reopen_session(session=session, by=administrator(), reason="A mark was wrong")
    complete_session(session=session, by=administrator())
    assert len([m for m in mail.outbox if "feedback" in m.subject]) == 2
    assert Participation.objects.filter(session=session).count() == 2


def test_before_after_and_follow_up_are_paired_on_one_row():
    person = UserFactory()
    session = make_session(starts_in_days=-2)
    booking = BookingFactory(session=session, user=person)
    services.record_confidence_before(person=person, booking=booking, score=3)
    day = booking.session.ordered_days[0]
    Attendance.objects.create(
        booking=booking, day=day, status=Attendance.Status.PRESENT, source="register"
    )
    complete_session(session=booking.session, by=administrator())
    participation = Participation.objects.get(booking=booking)
    assert participation.confidence_before == 3
    assert participation.completed_at is not None
    answer(person, booking.session, after=8)
    participation.refresh_from_db()
    assert (participation.confidence_before, participation.confidence_after) == (3, 8)


def test_before_is_refused_once_completed_and_for_someone_elses_booking():
    person, other = UserFactory.create_batch(2)
    session = completed_session(make_course(), [person])
    booking = participation_of(person, session).booking
    with pytest.raises(services.FeedbackRefused):
        services.record_confidence_before(person=person, booking=booking, score=5)
    with pytest.raises(services.FeedbackRefused):
        services.record_confidence_before(person=other, booking=booking, score=5)


def test_an_anonymous_answer_is_unlinkable_yet_counted_once_per_booking():
    person = UserFactory()
    session = completed_session(make_course(), [person])
    given = answer(person, session, text="Loved the <b>three houses</b>", anonymous=True)
    response = given.response
    assert response.is_anonymous
    assert response.person is None and response.participation is None
    assert not FeedbackResponse.objects.filter(person=person).exists()
    assert given.participation.feedback_answered_at is not None
    with pytest.raises(services.FeedbackRefused, match="already"):
        answer(person, session, anonymous=True)
    assert FeedbackResponse.objects.filter(session=session).count() == 1


def test_anonymous_is_refused_when_the_form_does_not_allow_it():
    form = default_form()
    form.allow_anonymous = False
    form.save()
    person = UserFactory()
    session = completed_session(make_course(), [person])
    with pytest.raises(services.FeedbackRefused):
        answer(person, session, anonymous=True)
    assert not FeedbackResponse.objects.exists()


def test_a_required_question_left_blank_refuses_and_saves_nothing():
    person = UserFactory()
    session = completed_session(make_course(), [person])
    participation = participation_of(person, session)
    with pytest.raises(services.FeedbackRefused):
        services.submit_feedback(
            person=person, participation_id=participation.pk, confidence_after=5, answers={}
        )
    participation.refresh_from_db()
    assert participation.feedback_answered_at is None
    assert not FeedbackResponse.objects.exists()


def test_the_reminder_goes_once_after_a_week_to_those_who_have_not_answered():
    answered, silent = UserFactory.create_batch(2)
    session = completed_session(make_course(), [answered, silent])
    answer(answered, session)
    mail.outbox.clear()
    assert services.send_feedback_reminders() == 0
    in_a_week = timezone.now() + dt.timedelta(days=7, minutes=1)
    assert services.send_feedback_reminders(now=in_a_week) == 1
    assert services.send_feedback_reminders(now=in_a_week) == 0
    assert [m.to for m in mail.outbox] == [[silent.email]]
    assert "Reminder" in mail.outbox[0].subject


def test_months_before_keeps_the_day_or_the_last_day_of_a_short_month():
    may_31 = dt.datetime(2026, 5, 31, 9, 0)
    assert services.months_before(may_31, 3) == dt.datetime(2026, 2, 28, 9, 0)
    assert services.months_before(dt.datetime(2026, 1, 15), 3) == dt.datetime(2025, 10, 15)


def follow_up_link(person) -> str:
    message = next(m for m in mail.outbox if m.to == [person.email] and "Three months" in m.subject)
    return next(word for word in message.body.split() if "/feedback/three-months/" in word)


def test_the_follow_up_goes_three_months_on_once_and_its_link_works_once(client):
    person = UserFactory()
    session = completed_session(make_course(), [person])
    assert services.send_follow_ups() == 0
    later = timezone.now() + dt.timedelta(days=93)
    assert services.send_follow_ups(now=later) == 1
    assert services.send_follow_ups(now=later) == 0
    url = follow_up_link(person)
    path = url[url.index("/feedback/") :]

    assert client.get(path).status_code == 200
    response = client.post(path, {"confidence": "9"})
    assert b"Your answer is saved" in response.content
    assert participation_of(person, session).confidence_follow_up == 9
    again = client.post(path, {"confidence": "2"})
    assert again.status_code == 410
    assert participation_of(person, session).confidence_follow_up == 9


def test_a_tampered_or_expired_follow_up_link_is_refused(client, monkeypatch):
    person = UserFactory()
    session = completed_session(make_course(), [person])
    services.send_follow_ups(now=timezone.now() + dt.timedelta(days=93))
    token = services.follow_up_token(participation_of(person, session))
    assert client.get(f"/feedback/three-months/{token}x/").status_code == 410
    assert client.post(f"/feedback/three-months/{token}x/", {"confidence": "1"}).status_code == 410
    monkeypatch.setattr(services, "FOLLOW_UP_LINK_MAX_AGE", dt.timedelta(seconds=-1))
    with pytest.raises(services.FollowUpLinkInvalid, match="expired"):
        services.participation_for_follow_up(token)
    assert participation_of(person, session).confidence_follow_up is None


def test_finishing_a_module_asks_for_feedback_on_that_module_and_pairs_the_answers():
    from elearning import services as elearning_services
    from elearning.models import Enrolment, LessonPage
    from tests.elearning.factories import make_module

    person = UserFactory()
    module = make_module(title="Introduction to Signs of Safety", lessons=1, assessment=False)
    enrolment = elearning_services.enrol(learner=person, module=module)
    services.record_confidence_before(person=person, enrolment=enrolment, score=2)
    mail.outbox.clear()
    lesson = LessonPage.objects.child_of(module).get()
    elearning_services.mark_lesson_complete(learner=person, lesson=lesson)

    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None
    participation = Participation.objects.get(enrolment=enrolment)
    assert participation.module == module and participation.completed_at is not None
    [message] = [m for m in mail.outbox if "feedback" in m.subject]
    assert "Introduction to Signs of Safety" in message.subject
    given = services.submit_feedback(
        person=person,
        participation_id=participation.pk,
        confidence_after=6,
        answers={q.pk: 4 for q in default_form().questions.all() if q.kind == "rating"},
    )
    assert given.response.module == module
    assert (given.participation.confidence_before, given.participation.confidence_after) == (2, 6)
