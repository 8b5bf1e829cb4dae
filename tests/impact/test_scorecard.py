"""Each scorecard figure against a small fixture worked out by hand."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Organisation
from bookings.models import Booking, Session
from impact import scorecard
from impact.models import (
    FeedbackAnswer,
    FeedbackResponse,
    IndicatorMonth,
    Milestone,
    Participation,
)
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.factories import OrganisationFactory, UserFactory

from .factories import default_form

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def completed(course, *, capacity, days_ago=10):
    session = make_session(course, starts_in_days=-days_ago, capacity=capacity)
    Session.objects.filter(pk=session.pk).update(
        status=Session.Status.COMPLETED, completed_at=NOW - dt.timedelta(days=days_ago - 1)
    )
    return session


def trained(session, organisation, count):
    return [
        BookingFactory(
            session=session,
            user=UserFactory(organisation=organisation),
            completed_at=NOW - dt.timedelta(days=9),
            outcome=Booking.Outcome.COMPLETED,
        )
        for _ in range(count)
    ]


@pytest.fixture
def fixture():
    council = OrganisationFactory(
        name="Children's Services A", kind=Organisation.Kind.COUNCIL_SERVICE
    )
    health = OrganisationFactory(name="Hospital B", kind=Organisation.Kind.HEALTH)
    two_day = make_course(title="Two-day training")
    briefing = make_course(title="Half-day briefing")
    first = completed(two_day, capacity=10)
    second = completed(briefing, capacity=20)
    a_people = trained(first, council, 6)
    trained(first, health, 1)
    no_show = BookingFactory(session=first, user=UserFactory(organisation=council))
    Booking.objects.filter(pk=no_show.pk).update(outcome=Booking.Outcome.NO_SHOW)
    first_day = first.ordered_days[0].starts_at
    BookingFactory(session=first, cancelled=True, cancelled_at=first_day - dt.timedelta(days=1))
    BookingFactory(session=first, cancelled=True, cancelled_at=first_day - dt.timedelta(days=10))
    trained(second, council, 10)
    for _ in range(5):
        booking = BookingFactory(session=second, user=UserFactory(organisation=council))
        Booking.objects.filter(pk=booking.pk).update(outcome=Booking.Outcome.NO_SHOW)

    befores = [2, 3, 4, 5, 6, None]
    afters = [6, 7, 8, 9, 10, 8]
    follow_ups = [7, None, None, None, None, None]
    for booking, before, after, follow_up in zip(
        a_people, befores, afters, follow_ups, strict=True
    ):
        Participation.objects.create(
            person=booking.user,
            organisation=council,
            booking=booking,
            course=two_day,
            session=first,
            completed_at=booking.completed_at,
            confidence_before=before,
            confidence_after=after,
            confidence_follow_up=follow_up,
        )
    form = default_form()
    content = form.questions.get(topic="content")
    for rating in [5, 4, 3, 4, 4]:
        response = FeedbackResponse.objects.create(
            form=form, course=two_day, session=first, organisation=council, is_anonymous=True
        )
        FeedbackAnswer.objects.create(
            response=response,
            question=content,
            topic="content",
            question_text=content.text,
            rating=rating,
        )
    for rating in [1, 2]:
        response = FeedbackResponse.objects.create(
            form=form, course=briefing, session=second, organisation=council, is_anonymous=True
        )
        FeedbackAnswer.objects.create(
            response=response,
            question=content,
            topic="content",
            question_text=content.text,
            rating=rating,
        )
    return {"council": council, "health": health}


def filters(**kwargs):
    return scorecard.Filters(
        date_from=timezone.localdate() - dt.timedelta(days=60),
        date_to=timezone.localdate(),
        **kwargs,
    )


S = scorecard.SUPPRESSED


def test_reach(fixture):
    f = filters()
    assert scorecard.trained_per_course(f).rows == [
        ["Half-day briefing", 10],
        ["Two-day training", 7],
    ]
    assert scorecard.trained_per_organisation_kind(f).rows == [
        ["Council service", 16],
        ["Health", S],
    ]
    assert scorecard.trained_per_organisation(f).rows == [
        ["Children's Services A", 16],
        ["Hospital B", S],
    ]
    month = timezone.localtime(NOW - dt.timedelta(days=9)).strftime("%Y-%m")
    assert scorecard.trained_per_month(f).rows == [[month, 17]]


def test_the_organisation_filter_keeps_only_its_people(fixture):
    f = filters(organisation=fixture["health"])
    assert scorecard.trained_per_course(f).rows == [["Two-day training", S]]
    f = filters(organisation=fixture["council"])
    assert scorecard.trained_per_course(f).rows == [
        ["Half-day briefing", 10],
        ["Two-day training", 6],
    ]


def test_delivery(fixture):
    f = filters()
    assert scorecard.fill_rate_per_course(f).rows == [
        ["Half-day briefing", 1, 20, 15, 75.0],
        ["Two-day training", 1, 10, 8, 80.0],
    ]
    # Two-day: 8 places + 1 late cancellation = 9; 1 no-show and 1 late are suppressed.
    # Briefing: 15 places, 5 no-shows = 33.3%, no cancellations.
    assert scorecard.attendance_rates(f).rows == [
        ["Half-day briefing", 15, 5, 33.3, 0, 0.0],
        ["Two-day training", 9, S, S, S, S],
    ]


def test_periods_outside_the_range_count_nothing(fixture):
    f = scorecard.Filters(date_from=dt.date(2000, 1, 1), date_to=dt.date(2000, 12, 31))
    assert scorecard.trained_per_course(f).rows == []
    assert scorecard.fill_rate_per_course(f).rows == []
    assert scorecard.confidence(f).rows[0][1:] == [0, None, 0, None, 0, None, 0, None, 0, None]


def test_confidence_pairs_each_persons_answers_and_shows_n(fixture):
    row = scorecard.confidence(filters()).rows[0]
    # before 2..6 (n 5, mean 4); after 6,7,8,9,10,8 (n 6, mean 8); one follow-up (suppressed);
    # five people answered before and after, each up by 4.
    assert row == ["Everyone", 5, 4.0, 6, 8.0, S, S, 5, 4.0, S, S]
    assert scorecard.confidence_per_course(filters()).rows[0][0] == "Two-day training"
    [cohort] = scorecard.confidence_per_cohort(filters()).rows
    assert cohort[0].startswith("Two-day training, ") and cohort[1:] == row[1:]
    assert scorecard.confidence_per_role(filters()).rows == [["Partners", *row[1:]]]


def test_feedback_averages_are_suppressed_under_5_responses(fixture):
    rows = scorecard.feedback_per_course(filters()).rows
    assert rows == [
        ["Half-day briefing", S, S, S, S, S],
        ["Two-day training", 5, 4.0, None, None, None],
    ]


def test_indicators_come_as_series_with_the_milestones_of_the_period():
    today = timezone.localdate()
    IndicatorMonth.objects.create(month=today.replace(day=15), re_referrals=21.5, looked_after=300)
    Milestone.objects.create(date=today, title="Go-live of the new forms")
    Milestone.objects.create(date=dt.date(2000, 1, 1), title="Long ago")
    series, milestones, table = scorecard.indicators(filters())
    assert [(s.field, s.points) for s in series] == [
        ("re_referrals", [(today.replace(day=1), 21.5)]),
        ("looked_after", [(today.replace(day=1), 300.0)]),
    ]
    assert [m.title for m in milestones] == ["Go-live of the new forms"]
    assert table.rows[0][:3] == [today.strftime("%Y-%m"), 21.5, None]


def test_chart_rows_give_no_value_for_suppressed_cells():
    table = scorecard.Table("t", "T", ["A", "B"], [["x", 7], ["y", S], ["z", None]], percent=True)
    assert table.chart_rows() == [
        ("x", 7, "7%"),
        ("y", None, "fewer than 5"),
        ("z", None, "no data"),
    ]


def test_feedback_per_trainer_shares_each_sessions_ratings_with_its_trainers(fixture):
    ann, bob = UserFactory(full_name="Ann Trainer"), UserFactory(full_name="Bob Trainer")
    first = Session.objects.get(course__title="Two-day training")
    second = Session.objects.get(course__title="Half-day briefing")
    first.trainers.set([ann, bob])
    second.trainers.set([bob])
    rows = scorecard.feedback_per_trainer(filters()).rows
    # Ann: the five two-day ratings (5, 4, 3, 4, 4 → 4.0). Bob: those and the briefing's
    # 1 and 2 (seven responses, 23 / 7 = 3.29).
    assert rows == [
        ["Ann Trainer", 5, 4.0, None, None, None],
        ["Bob Trainer", 7, 3.29, None, None, None],
    ]


def test_the_svg_escapes_labels_and_keeps_the_numbers():
    from impact import charts
    from impact.templatetags.impact_tables import bar_chart_svg, table_body_rows

    table = scorecard.Table("k", "Trained <b>", ["Course", "People"], [["<script>", 6], ["y", S]])
    svg = bar_chart_svg(table, charts.bar_chart(table.chart_rows()))
    assert "&lt;script&gt;" in svg and "<script>" not in svg
    assert 'role="img"' in svg and "Trained &lt;b&gt;: bar chart" in svg
    assert svg.count("<rect") == 1
    assert "fewer than 5" in svg
    assert table_body_rows([["<i>", None, 3]]) == (
        '<tr><th scope="row">&lt;i&gt;</th><td>–</td><td>3</td></tr>'
    )
