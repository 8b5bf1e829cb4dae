"""The scorecard figures that rest on organisations (issue 11): trained people as a share of
each agency's workforce, the organisation filter taking in its children, the charges ledger,
and late cancellations counted against the real notice period in working days. Each against
a small fixture worked out by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Organisation
from bookings.models import Booking, Charge, ChargeSettings, Session
from bookings.working_days import working_days_between
from impact import scorecard
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.factories import OrganisationFactory, UserFactory
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db

NOW = timezone.now()
TODAY = timezone.localdate()
S = scorecard.SUPPRESSED


def filters(**kwargs):
    return scorecard.Filters(date_from=TODAY - dt.timedelta(days=60), date_to=TODAY, **kwargs)


def organisation(name, *, parent=None, headcount=None, kind=Organisation.Kind.COUNCIL_SERVICE):
    return OrganisationFactory(
        name=name,
        kind=kind,
        parent=parent,
        headcount=headcount,
        headcount_date=TODAY if headcount else None,
    )


def train(organisation, count, *, course, days_ago=9):
    """`count` people of `organisation` who completed `course` `days_ago` days ago."""
    session = make_session(course, starts_in_days=-days_ago - 1, capacity=50)
    Session.objects.filter(pk=session.pk).update(
        status=Session.Status.COMPLETED, completed_at=NOW - dt.timedelta(days=days_ago)
    )
    return [
        BookingFactory(
            session=session,
            user=UserFactory(organisation=organisation),
            completed_at=NOW - dt.timedelta(days=days_ago),
            outcome=Booking.Outcome.COMPLETED,
        )
        for _ in range(count)
    ]


@pytest.fixture
def tree():
    """Council (workforce 40) > Children's services (no headcount) > Team A (10) > Site A1
    (no headcount); and a partner (100) with nobody trained."""
    council = organisation("Council", headcount=40)
    services = organisation("Children's services", parent=council)
    team = organisation("Team A", parent=services, headcount=10)
    site = organisation("Site A1", parent=team)
    partner = organisation("Partner", headcount=100, kind=Organisation.Kind.VOLUNTARY)
    course = make_course(title="Two-day training")
    team_people = train(team, 6, course=course)
    train(site, 2, course=course)
    train(council, 3, course=course)
    # Trained twice: still one person.
    again = make_course(title="Half-day briefing")
    for booking in team_people[:1]:
        BookingFactory(
            session=make_session(again, starts_in_days=-3),
            user=booking.user,
            completed_at=NOW - dt.timedelta(days=2),
            outcome=Booking.Outcome.COMPLETED,
        )
    return {
        "council": council,
        "services": services,
        "team": team,
        "site": site,
        "partner": partner,
        "course": course,
    }


def test_workforce_trained_rolls_people_up_the_tree(tree):
    table = scorecard.workforce_trained(filters())
    # Council: 6 + 2 + 3 = 11 of 40 = 27.5%. Team A: 6 + 2 (its site) = 8 of 10 = 80%.
    # Partner: nobody of 100. No row for an organisation without a headcount.
    assert table.rows == [
        ["Council", 40, 11, 27.5],
        ["Partner", 100, 0, 0.0],
        ["Team A", 10, 8, 80.0],
    ]


def test_workforce_trained_counts_the_roll_out_so_far_not_after_the_period(tree):
    train(tree["team"], 2, course=tree["course"], days_ago=1)
    before = scorecard.Filters(
        date_from=TODAY - dt.timedelta(days=60), date_to=TODAY - dt.timedelta(days=5)
    )
    assert ["Team A", 10, 8, 80.0] in scorecard.workforce_trained(before).rows
    assert ["Team A", 10, 10, 100.0] in scorecard.workforce_trained(filters()).rows


def test_workforce_trained_suppresses_fewer_than_five(tree):
    organisation("Small team", parent=tree["council"], headcount=20)
    train(Organisation.objects.get(name="Small team"), 2, course=tree["course"])
    assert ["Small team", 20, S, S] in scorecard.workforce_trained(filters()).rows


def test_workforce_trained_filtered_to_an_organisation_shows_it_and_below(tree):
    table = scorecard.workforce_trained(filters(organisation=tree["services"]))
    assert table.rows == [["Team A", 10, 8, 80.0]]


def test_the_organisation_filter_takes_in_its_children(tree):
    # Team A's own 6 and its site's 2; not the council's 3 above it.
    assert scorecard.trained_per_course(filters(organisation=tree["team"])).rows == [
        ["Two-day training", 8],
        ["Half-day briefing", S],
    ]
    assert scorecard.trained_per_course(filters(organisation=tree["council"])).rows == [
        ["Two-day training", 11],
        ["Half-day briefing", S],
    ]
    assert scorecard.trained_per_course(filters(organisation=tree["site"])).rows == [
        ["Two-day training", S]
    ]


def test_the_progress_bars_are_labelled_and_the_table_follows(client, tree, training_admin):
    client.force_login(training_admin)
    html = client.get("/admin/impact/scorecard/").content.decode()
    assert '<label for="progress-workforce_trained-2">Team A: 8 of 10 trained (80%)</label>' in html
    assert 'id="progress-workforce_trained-2" max="100" value="80"' in html
    assert '<th scope="row">Team A</th><td>10</td><td>8</td><td>80.0</td>' in html


def charge(booking, kind, amount, *, status=Charge.Status.RAISED, days_ago=5):
    return Charge.objects.create(
        booking=booking,
        organisation=booking.user.organisation,
        kind=kind,
        amount=Decimal(amount),
        status=status,
        reason="Test",
        raised_at=NOW - dt.timedelta(days=days_ago),
    )


def test_charges_raised_and_waived(tree):
    people = train(tree["team"], 7, course=tree["course"]) + train(
        tree["partner"], 1, course=tree["course"]
    )
    no_show, late = Charge.Kind.NO_SHOW, Charge.Kind.LATE_CANCELLATION
    for booking in people[:5]:
        charge(booking, no_show, "90.00")
    charge(people[5], no_show, "90.00", status=Charge.Status.WAIVED)
    charge(people[6], late, "50.00", status=Charge.Status.INVOICED)
    charge(people[7], no_show, "90.00", status=Charge.Status.WAIVED)  # the partner's
    first = Charge.objects.filter(kind=no_show).first()
    Charge.objects.create(
        booking=first.booking,
        organisation=first.organisation,
        kind=Charge.Kind.CREDIT,
        amount=Decimal("-90.00"),
        reason="Credit",
        credits=first,
        status=Charge.Status.INVOICED,
    )
    old = train(tree["team"], 1, course=tree["course"], days_ago=200)[0]
    charge(old, no_show, "90.00", days_ago=200)  # raised before the period

    # Late cancellation: 1 charge, suppressed. Did not attend: 7 raised (630), 2 waived
    # (suppressed). The credit is not a charge raised.
    assert scorecard.charges(filters()).rows == [
        ["Late cancellation", S, S, 0, 0.0],
        ["Did not attend", 7, 630.0, S, S],
    ]
    # Team A only: 6 no-shows, 1 waived; the partner's is left out.
    assert scorecard.charges(filters(organisation=tree["council"])).rows == [
        ["Late cancellation", S, S, 0, 0.0],
        ["Did not attend", 6, 540.0, S, S],
    ]


def test_late_cancellation_uses_the_courses_notice_in_working_days():
    """A session on a Monday; places cancelled on the Monday before (four working days'
    notice, Tuesday to Friday, unless a bank holiday falls in them). With the course's five
    working days that is late; with the site-wide three it is not."""
    monday = TODAY - dt.timedelta(days=TODAY.weekday() + 14)
    cancelled_on = monday - dt.timedelta(days=7)
    assert working_days_between(cancelled_on, monday) in (3, 4)
    strict = make_course(title="Strict course")
    strict.charge_notice_working_days = 5
    strict.save_revision().publish()
    lenient = make_course(title="Lenient course")  # the site default: 3 working days
    for course in (strict, lenient):
        session = make_session(course, days=[monday], capacity=20)
        Session.objects.filter(pk=session.pk).update(
            status=Session.Status.COMPLETED, completed_at=NOW - dt.timedelta(days=10)
        )
        for _ in range(5):
            BookingFactory(session=session, outcome=Booking.Outcome.COMPLETED)
        cancelled_at = timezone.make_aware(dt.datetime.combine(cancelled_on, dt.time(10)))
        for _ in range(5):
            BookingFactory(session=session, cancelled=True, cancelled_at=cancelled_at)
        # A waiting-list place given up late was never a place: not a late cancellation.
        BookingFactory(
            session=session, cancelled=True, cancelled_at=cancelled_at, confirmed_at=None
        )

    rows = scorecard.attendance_rates(filters()).rows
    # Lenient: 5 places, none late (4 working days is notice enough; 3 would not be late
    # either, as "late" is fewer than 3). Strict: 5 places + 5 late cancellations = 10, 50%.
    assert rows == [
        ["Lenient course", 5, 0, 0.0, 0, 0.0],
        ["Strict course", 10, 0, 0.0, 5, 50.0],
    ]


def test_the_new_figures_cost_the_same_with_more_data(tree):
    def count():
        return count_queries(
            lambda: (
                scorecard.workforce_trained(filters()),
                scorecard.charges(filters(organisation=tree["council"])),
                scorecard.attendance_rates(filters()),
            )
        )

    ChargeSettings.load()  # the site-wide settings row exists on any running site
    few = count()
    for n in range(6):
        extra = organisation(f"Team {n}", parent=tree["services"], headcount=5 + n)
        for booking in train(extra, 2, course=make_course(title=f"Course {n}")):
            charge(booking, Charge.Kind.NO_SHOW, "10.00")
        BookingFactory(
            session=Booking.objects.filter(user__organisation=extra).first().session,
            cancelled=True,
            cancelled_at=NOW - dt.timedelta(days=12),
        )
    assert count() == few
