"""Places held for an organisation: members take them first, others only open places, and at
the release time the unused ones return to everyone."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts import services as accounts_services
from accounts.models import Organisation
from bookings import selectors, services
from bookings.models import Booking, SessionReservation
from tests.bookings.factories import BookingFactory, make_session
from tests.factories import OrganisationFactory, UserFactory
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools():
    return OrganisationFactory(name="Schools", kind=Organisation.Kind.SCHOOL)


@pytest.fixture
def northfield(schools):
    return OrganisationFactory(
        name="Northfield Primary School",
        kind=Organisation.Kind.SCHOOL,
        parent=schools,
        email_domains="northfield-school.example",
    )


def hold(session, organisation, places, *, release_in=dt.timedelta(days=7)):
    return SessionReservation.objects.create(
        session=session,
        organisation=organisation,
        places=places,
        release_at=timezone.now() + release_in,
    )


def test_members_of_a_child_organisation_take_held_places_first(schools, northfield):
    session = make_session(capacity=5)
    fence = hold(session, schools, 2)

    booking = services.book(user=UserFactory(organisation=northfield), session=session)

    assert booking.status == Booking.Status.CONFIRMED
    assert booking.reservation == fence


def test_others_take_only_open_places(schools):
    session = make_session(capacity=3)
    hold(session, schools, 2)

    first = services.book(user=UserFactory(), session=session)
    second = services.book(user=UserFactory(), session=session)

    assert first.status == Booking.Status.CONFIRMED and first.reservation is None
    assert second.status == Booking.Status.WAITLISTED


def test_a_member_takes_an_open_place_when_the_held_places_are_full(schools, northfield):
    session = make_session(capacity=3)
    hold(session, schools, 1)
    services.book(user=UserFactory(organisation=northfield), session=session)

    second = services.book(user=UserFactory(organisation=northfield), session=session)

    assert second.status == Booking.Status.CONFIRMED
    assert second.reservation is None
    third = services.book(user=UserFactory(organisation=northfield), session=session)
    assert third.status == Booking.Status.CONFIRMED
    assert services.book(user=UserFactory(), session=session).status == "waitlisted"


def test_the_outsider_who_claimed_the_organisation_is_refused_a_held_place(schools, northfield):
    """The reproduction: a claim is only a request, and a request holds no place."""
    session = make_session(capacity=2)
    hold(session, schools, 2)
    outsider = UserFactory(email="outsider@gmail.example", organisation=None)
    accounts_services.request_membership(user=outsider, organisation=northfield)
    outsider.refresh_from_db()

    booking = services.book(user=outsider, session=session)

    assert booking.status == Booking.Status.WAITLISTED


def test_the_outsider_cannot_book_a_session_reserved_for_a_team(schools, northfield):
    session = make_session(capacity=5)
    session.reserved_for_organisations.set([schools])
    outsider = UserFactory(email="outsider@gmail.example", organisation=None)
    accounts_services.request_membership(user=outsider, organisation=northfield)
    outsider.refresh_from_db()

    with pytest.raises(services.NotEligible, match="not included"):
        services.book(user=outsider, session=session)
    # A verified member of a child organisation is included.
    member = UserFactory(organisation=northfield)
    assert services.book(user=member, session=session).status == Booking.Status.CONFIRMED


def test_held_places_are_open_to_everyone_from_the_release_moment(schools):
    session = make_session(capacity=2)
    fence = hold(session, schools, 1)
    BookingFactory(session=session)
    now = fence.release_at

    before = selectors.place_counts(session, now=now - dt.timedelta(seconds=1))
    at_release = selectors.place_counts(session, now=now)

    assert before.held_free == 1
    assert at_release.held_free == 0


def test_the_release_gives_the_waiting_list_the_places_once(schools, northfield):
    session = make_session(capacity=2)
    fence = hold(session, schools, 1, release_in=dt.timedelta(hours=1))
    services.book(user=UserFactory(), session=session)
    waiting = services.book(user=UserFactory(), session=session)
    assert waiting.status == Booking.Status.WAITLISTED
    later = timezone.now() + dt.timedelta(hours=2)

    assert services.release_held_places(now=later) == 1
    assert services.release_held_places(now=later) == 0

    waiting.refresh_from_db()
    fence.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    assert fence.released_at == later


def test_the_hourly_command_releases_places(schools):
    session = make_session(capacity=1)
    fence = hold(session, schools, 1)
    waiting = services.book(user=UserFactory(), session=session)
    SessionReservation.objects.filter(pk=fence.pk).update(
        release_at=timezone.now() - dt.timedelta(minutes=1)
    )

    call_command("send_session_reminders")

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED


def test_a_freed_held_place_waits_for_a_member_and_passes_over_others(schools, northfield):
    session = make_session(capacity=2)
    hold(session, schools, 1)
    open_place = services.book(user=UserFactory(), session=session)
    other = services.book(user=UserFactory(), session=session)
    member = services.book(user=UserFactory(organisation=northfield), session=session)
    assert member.reservation is not None

    services.cancel(booking=member, by=member.user)

    other.refresh_from_db()
    assert other.status == Booking.Status.WAITLISTED
    second_member = services.book(user=UserFactory(organisation=northfield), session=session)
    assert second_member.status == Booking.Status.CONFIRMED
    services.cancel(booking=open_place, by=open_place.user)
    other.refresh_from_db()
    assert other.status == Booking.Status.CONFIRMED


def test_the_session_page_says_how_many_are_held_and_until_when(client, schools):
    session = make_session(capacity=5)
    hold(session, schools, 2)

    page = client.get(f"/training/sessions/{session.pk}/").content.decode()

    assert "3 places left" in page
    assert "2 more reserved for Schools until" in page


def test_only_sessions_with_places_leaves_out_places_held_for_others(schools, northfield):
    full_but_held = make_session(capacity=2)
    hold(full_but_held, schools, 2)
    upcoming = selectors.upcoming_sessions()

    outsiders = selectors.filter_sessions(upcoming, has_places=True, organisation_id=None)
    members = selectors.filter_sessions(upcoming, has_places=True, organisation_id=northfield.pk)

    assert full_but_held not in list(outsiders)
    assert full_but_held in list(members)


@pytest.mark.outbox_after_commit  # measured as BOOKING_QUERIES is: email sent after commit
def test_booking_a_held_place_takes_one_query_more_than_an_open_one(schools, northfield):
    """The ring-fences are read only on a session that holds places (selectors.place_counts)."""
    from django.contrib.contenttypes.models import ContentType

    from tests.bookings.test_query_counts import BOOKING_QUERIES

    session = make_session(capacity=20)
    hold(session, schools, 4)
    ContentType.objects.get_for_model(Booking)
    member = UserFactory(organisation=northfield)
    loaded = selectors.session_for_page(session.pk)

    queries = count_queries(lambda: services.book(user=member, session=loaded))

    assert queries <= BOOKING_QUERIES + 1
    assert Booking.objects.get(user=member).reservation.organisation == schools


def test_the_admin_refuses_more_held_places_than_the_session_has(client, training_admin, schools):
    from wagtail.test.utils.form_data import inline_formset

    from tests.bookings.factories import VenueFactory
    from tests.bookings.test_admin import session_form
    from tests.courses.factories import make_course

    client.force_login(training_admin)
    release = (timezone.now() + dt.timedelta(days=5)).strftime("%Y-%m-%d %H:%M")
    data = session_form(
        make_course(),
        VenueFactory(),
        days=[timezone.localdate() + dt.timedelta(days=20)],
        capacity=3,
        reservations=inline_formset(
            [{"organisation": schools.pk, "places": 4, "release_at": release}]
        ),
    )

    response = client.post("/admin/training/sessions/new/", data)

    assert response.status_code == 200
    assert "4 places are held for organisations" in response.content.decode()


def test_a_trainer_cannot_promote_a_non_member_into_a_held_place(schools, northfield):
    trainer = UserFactory(trainer=True)
    session = make_session(capacity=2, trainers=[trainer])
    fence = hold(session, schools, 1)
    services.book(user=UserFactory(), session=session)  # takes the only open place
    outsider = BookingFactory(session=session, waitlisted=True)
    member = BookingFactory(
        session=session, waitlisted=True, user=UserFactory(organisation=northfield)
    )

    with pytest.raises(services.BookingError, match="held for an organisation"):
        services.promote_from_waiting_list(booking=outsider, by=trainer)
    outsider.refresh_from_db()
    assert outsider.status == Booking.Status.WAITLISTED

    services.promote_from_waiting_list(booking=member, by=trainer)
    member.refresh_from_db()
    assert member.status == Booking.Status.CONFIRMED
    assert member.reservation == fence
