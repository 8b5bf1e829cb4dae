"""The impact pages take the same number of queries for a little data or a lot: every figure
is one or two grouped queries, never one per row."""

import datetime as dt

import pytest
from django.utils import timezone

from bookings.models import Booking, Session
from impact.models import (
    FeedbackAnswer,
    FeedbackResponse,
    IndicatorMonth,
    Milestone,
    Participation,
)
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.elearning.factories import make_module
from tests.factories import OrganisationFactory, UserFactory
from tests.query_counts import count_queries

from .factories import default_form

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def world(trainer):
    return {
        "trainer": trainer,
        "courses": [make_course(title=f"Course {n}") for n in range(2)],
        "module": make_module(lessons=1, assessment=False),
        "form": default_form(),
        "months": 0,
    }


def add(world, count):
    """`count` more people, each from a new organisation, trained on a new completed session
    (given by the trainer) with confidence and feedback, and an e-learning completion; and a
    month of indicators and a milestone."""
    form, questions = world["form"], list(world["form"].questions.all())
    for n in range(count):
        course = world["courses"][n % 2]
        session = make_session(course, starts_in_days=-20, trainers=[world["trainer"]])
        Session.objects.filter(pk=session.pk).update(
            status=Session.Status.COMPLETED, completed_at=NOW - dt.timedelta(days=19)
        )
        person = UserFactory(organisation=OrganisationFactory())
        booking = BookingFactory(
            session=session,
            user=person,
            completed_at=NOW - dt.timedelta(days=19),
            outcome=Booking.Outcome.COMPLETED,
        )
        BookingFactory(session=session, waitlisted=True)
        Participation.objects.create(
            person=person,
            organisation=person.organisation,
            booking=booking,
            course=course,
            session=session,
            completed_at=booking.completed_at,
            confidence_before=4,
            confidence_after=7,
            feedback_sent_at=NOW,
            feedback_answered_at=NOW,
        )
        response = FeedbackResponse.objects.create(
            form=form,
            course=course,
            session=session,
            organisation=person.organisation,
            is_anonymous=True,
        )
        FeedbackAnswer.objects.bulk_create(
            FeedbackAnswer(
                response=response,
                question=q,
                question_text=q.text,
                topic=q.topic,
                rating=4 if q.kind == "rating" else None,
                text="" if q.kind == "rating" else "Useful",
            )
            for q in questions
        )
        from elearning.models import Enrolment

        Enrolment.objects.create(
            learner=person,
            module_key=world["module"].translation_key,
            module=world["module"],
            completed_at=NOW - dt.timedelta(days=3),
        )
    for _ in range(count):
        world["months"] += 1
        month = timezone.localdate().replace(day=1) - dt.timedelta(days=28 * world["months"])
        IndicatorMonth.objects.update_or_create(
            month=month.replace(day=1), defaults={"re_referrals": 20, "looked_after": 300}
        )
        Milestone.objects.create(date=month, title="A training wave")


def queries_for(client, url, world, sizes=(3, 12)):
    counts = []
    already = 0
    for size in sizes:
        add(world, size - already)
        already = size
        assert client.get(url).status_code == 200
        counts.append(count_queries(lambda: client.get(url)))
    return counts


def test_the_scorecard(client, world, training_admin):
    client.force_login(training_admin)
    small, large = queries_for(client, "/admin/impact/scorecard/", world)
    assert small == large
    assert large <= 40


def test_the_scorecard_export(client, world, training_admin):
    client.force_login(training_admin)
    small, large = queries_for(client, "/admin/impact/scorecard/?export=csv", world)
    assert small == large


def test_feedback_on_my_sessions(client, world):
    client.force_login(world["trainer"])
    small, large = queries_for(client, "/admin/impact/sessions/", world)
    assert small == large


def test_a_sessions_feedback_summary(client, world, training_admin):
    client.force_login(training_admin)
    add(world, 1)
    session = Session.objects.first()
    url = f"/admin/impact/sessions/{session.pk}/"
    small = count_queries(lambda: client.get(url))
    for _ in range(6):
        answerer = UserFactory()
        response = FeedbackResponse.objects.create(
            form=world["form"], session=session, is_anonymous=False, person=answerer
        )
        FeedbackAnswer.objects.create(response=response, question_text="Why?", text="Because")
    large = count_queries(lambda: client.get(url))
    # From 5 responses the summary adds its three grouped reads, whatever the number.
    assert large == small + 3


def test_the_practice_indicators_list(client, world, training_admin):
    client.force_login(training_admin)
    small, large = queries_for(client, "/admin/practice_indicators/", world)
    assert small == large


def test_my_feedback(client, world):
    person = UserFactory()
    client.force_login(person)
    counts = []
    for size in (2, 8):
        while Participation.objects.filter(person=person).count() < size:
            course = world["courses"][0]
            past = make_session(course, starts_in_days=-10)
            booking = BookingFactory(session=past, user=person, completed_at=NOW)
            Participation.objects.create(
                person=person, booking=booking, course=course, session=past, completed_at=NOW
            )
            BookingFactory(session=make_session(course, starts_in_days=10), user=person)
        client.get("/my-learning/feedback/")  # the site chrome is cached after a first visit
        counts.append(count_queries(lambda: client.get("/my-learning/feedback/")))
    assert counts[0] == counts[1]
