import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.audiences import Audience
from bookings import services
from bookings.models import Booking, CourseInterest
from courses.choices import CourseType
from tests.bookings.factories import BookingFactory, VenueFactory, fill, make_session
from tests.courses.factories import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SESSION_LIST = "/training/sessions/"


def detail_url(session):
    return reverse("bookings:session_detail", args=[session.pk])


# The list of training dates


def test_the_session_list_shows_upcoming_sessions_of_live_courses(client):
    make_session(make_course(title="Two-day training"))
    make_session(make_course(title="Old course"), starts_in_days=-5)
    make_session(make_course(title="Draft course", live=False))

    page = client.get(SESSION_LIST).content.decode()

    assert "Two-day training" in page
    assert "Old course" not in page
    assert "Draft course" not in page


def test_the_session_list_filters_by_type_month_and_places(client):
    briefing = make_session(
        make_course(
            title="Briefing for schools",
            course_type=CourseType.HALF_DAY_BRIEFING,
            audience=Audience.PARTNERS,
        ),
        starts_in_days=3,
    )
    full = make_session(make_course(title="Full two-day"), capacity=1)
    fill(full)

    by_type = client.get(SESSION_LIST, {"course_type": CourseType.HALF_DAY_BRIEFING})
    with_places = client.get(SESSION_LIST, {"has_places": "on"})
    month = briefing.ordered_days[0].date.strftime("%Y-%m")
    by_month = client.get(SESSION_LIST, {"month": month})

    assert list(by_type.context["sessions"]) == [briefing]
    assert list(with_places.context["sessions"]) == [briefing]
    assert briefing in list(by_month.context["sessions"])


def test_signed_in_the_list_starts_with_the_sessions_i_can_book(client):
    for_everyone = make_session(make_course(audience=Audience.EVERYONE), starts_in_days=3)
    for_partners = make_session(make_course(audience=Audience.PARTNERS), starts_in_days=4)
    for_staff = make_session(make_course(audience=Audience.STAFF), starts_in_days=5)
    by_invitation = make_session(make_course(audience=Audience.INVITED), starts_in_days=6)
    client.force_login(UserFactory())  # a partner

    mine = client.get(SESSION_LIST)
    everything = client.get(SESSION_LIST, {"show": "all"})

    assert list(mine.context["sessions"]) == [for_everyone, for_partners]
    assert 'value="mine" checked' in mine.content.decode()
    assert list(everything.context["sessions"]) == [
        for_everyone,
        for_partners,
        for_staff,
        by_invitation,
    ]


def test_signed_out_every_session_is_listed_with_no_choice_of_whose(client):
    make_session(make_course(audience=Audience.STAFF))

    response = client.get(SESSION_LIST)

    assert len(response.context["sessions"]) == 1
    assert "Sessions I can book" not in response.content.decode()


def test_nonsense_filters_do_not_break_the_list(client):
    make_session()

    response = client.get(SESSION_LIST, {"month": "2099-99", "course_type": "x", "page": "z"})

    assert response.status_code == 200
    assert len(response.context["sessions"]) == 1


def test_course_titles_are_escaped(client):
    make_session(make_course(title="<script>alert(1)</script>"))

    page = client.get(SESSION_LIST).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


# A session's page


def test_a_visitor_is_asked_to_sign_in(client):
    session = make_session()

    page = client.get(detail_url(session)).content.decode()

    assert "Sign in to book a place" in page


def test_an_eligible_person_can_book(client, partner):
    session = make_session(capacity=3)
    client.force_login(partner)

    page = client.get(detail_url(session)).content.decode()

    assert "Book a place" in page
    assert "3 places left" in page


def test_a_full_session_offers_the_waiting_list(client, partner):
    session = make_session(capacity=1)
    fill(session)
    client.force_login(partner)

    page = client.get(detail_url(session)).content.decode()

    assert "Full — join the waiting list" in page
    assert "Join the waiting list" in page


def test_an_ineligible_person_is_told_why(client, learner):
    session = make_session(make_course(audience=Audience.PARTNERS))
    client.force_login(learner)

    page = client.get(detail_url(session)).content.decode()

    assert "This session is for partner agencies only." in page
    assert "Book a place" not in page


def test_a_booked_person_sees_their_place_and_the_joining_link(client, partner):
    session = make_session(venue=VenueFactory(online=True))
    BookingFactory(session=session, user=partner)

    anonymous = client.get(detail_url(session)).content.decode()
    client.force_login(partner)
    booked = client.get(detail_url(session)).content.decode()

    assert "https://meet.example/abc-defg" not in anonymous
    assert "https://meet.example/abc-defg" in booked
    assert "You have a place on this session." in booked


def test_someone_waiting_does_not_see_the_joining_link(client, partner):
    session = make_session(venue=VenueFactory(online=True), capacity=1)
    fill(session)
    BookingFactory(session=session, user=partner, waitlisted=True)
    client.force_login(partner)

    page = client.get(detail_url(session)).content.decode()

    assert "https://meet.example/abc-defg" not in page
    assert "You are number 1 on the waiting list" in page


def test_an_unknown_session_is_404(client):
    assert client.get("/training/sessions/999999/").status_code == 404


# Booking


def test_booking_needs_sign_in(client):
    session = make_session()

    response = client.get(reverse("bookings:book", args=[session.pk]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_booking_a_place_goes_to_my_bookings(client, partner):
    session = make_session()
    client.force_login(partner)

    response = client.post(
        reverse("bookings:book", args=[session.pk]), {"access_needs": "Vegetarian"}, follow=True
    )

    booking = Booking.objects.get(user=partner)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.access_needs == "Vegetarian"
    assert response.redirect_chain[-1][0] == reverse("bookings:my_bookings")
    assert "is confirmed" in response.content.decode()


def test_an_approval_course_asks_for_the_managers_email(client, partner):
    session = make_session(make_course(requires_manager_approval=True))
    client.force_login(partner)

    response = client.post(reverse("bookings:book", args=[session.pk]), {"access_needs": ""})

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_refused_booking_redirects_with_the_reason(client, learner):
    session = make_session(make_course(audience=Audience.PARTNERS))
    client.force_login(learner)

    response = client.post(reverse("bookings:book", args=[session.pk]), follow=True)

    assert "partner agencies only" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_refusal_at_the_last_moment_is_shown_on_the_form(client, partner, monkeypatch):
    session = make_session()
    client.force_login(partner)

    def closed(**kwargs):
        raise services.BookingClosed()

    monkeypatch.setattr(services, "book", closed)
    response = client.post(reverse("bookings:book", args=[session.pk]))

    assert "Booking for this session has closed." in response.content.decode()


# My bookings


def test_my_bookings_needs_sign_in(client):
    assert client.get("/my-learning/bookings/").status_code == 302


def test_my_bookings_shows_upcoming_and_past(client, partner):
    upcoming = BookingFactory(user=partner, session=make_session(make_course(title="Coming up")))
    full = make_session(make_course(title="Waiting for this"), capacity=1)
    fill(full)
    BookingFactory(user=partner, session=full, waitlisted=True)
    BookingFactory(
        user=partner,
        session=make_session(make_course(title="Done"), starts_in_days=-10),
        completed=True,
    )
    client.force_login(partner)

    response = client.get("/my-learning/bookings/")

    page = response.content.decode()
    assert [b.session.course.title for b in response.context["upcoming"]] == [
        "Coming up",
        "Waiting for this",
    ]
    assert "Waiting list: number 1" in page
    assert "Completed" in page
    assert reverse("bookings:calendar", args=[upcoming.pk]) in page
    assert 'aria-label="My learning"' in page


def test_cancelling_asks_for_confirmation_first(client, partner):
    booking = BookingFactory(user=partner)
    client.force_login(partner)

    page = client.get(reverse("bookings:cancel", args=[booking.pk])).content.decode()
    booking.refresh_from_db()

    assert "Are you sure you want to cancel" in page
    assert booking.status == Booking.Status.CONFIRMED


def test_cancelling_my_booking(client, partner):
    booking = BookingFactory(user=partner)
    client.force_login(partner)

    response = client.post(reverse("bookings:cancel", args=[booking.pk]))

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_cancelling_after_booking_closed_shows_the_reason(client, partner):
    booking = BookingFactory(user=partner, session=make_session(starts_in_days=1))
    client.force_login(partner)

    response = client.post(reverse("bookings:cancel", args=[booking.pk]))

    assert "you can no longer cancel online" in response.content.decode()


def test_nobody_can_cancel_someone_elses_booking(client, partner):
    booking = BookingFactory()
    client.force_login(partner)

    assert client.post(reverse("bookings:cancel", args=[booking.pk])).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_the_calendar_download_is_an_ics_file(client, partner):
    booking = BookingFactory(user=partner)
    client.force_login(partner)

    response = client.get(reverse("bookings:calendar", args=[booking.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert "METHOD:PUBLISH" in body
    assert f"UID:booking-{booking.pk}@" in body


def test_there_is_no_calendar_file_for_a_waiting_place(client, partner):
    booking = BookingFactory(user=partner, waitlisted=True)
    client.force_login(partner)

    assert client.get(reverse("bookings:calendar", args=[booking.pk])).status_code == 404


def test_handing_over_a_place_to_a_colleague(client, partner):
    booking = BookingFactory(user=partner)
    colleague = UserFactory(organisation=partner.organisation)
    client.force_login(partner)

    response = client.post(
        reverse("bookings:hand_over", args=[booking.pk]), {"email": colleague.email}
    )

    assert response.status_code == 302
    assert Booking.objects.get(user=colleague).status == Booking.Status.CONFIRMED


def test_handing_over_to_someone_outside_the_organisation_is_refused(client, partner):
    booking = BookingFactory(user=partner)
    outsider = UserFactory()
    client.force_login(partner)

    response = client.post(
        reverse("bookings:hand_over", args=[booking.pk]), {"email": outsider.email}
    )

    assert "could not find anyone in your organisation" in response.content.decode()
    assert not Booking.objects.filter(user=outsider).exists()


# The manager's approval page


def approval_link(partner) -> tuple[str, Booking]:
    session = make_session(make_course(requires_manager_approval=True))
    booking = services.book(user=partner, session=session, line_manager_email="m@example.org")
    line = next(
        line for line in mail.outbox[-1].body.splitlines() if line.startswith("To approve:")
    )
    return line.split("http://testserver", 1)[1], booking


def test_opening_the_approval_link_changes_nothing(client, partner):
    url, booking = approval_link(partner)

    page = client.get(url).content.decode()

    booking.refresh_from_db()
    assert booking.status == Booking.Status.AWAITING_APPROVAL
    assert "Approve booking" in page


def test_approving_through_the_link_without_signing_in(client, partner):
    url, booking = approval_link(partner)

    response = client.post(url)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert "Booking approved" in response.content.decode()
    assert client.get(url).status_code == 410


def test_a_bad_approval_link_is_refused_politely(client):
    response = client.get("/training/approvals/not-a-token/approve/")

    assert response.status_code == 410
    assert "not valid" in response.content.decode()


# Interest


def test_registering_interest_from_a_course_page(client, partner):
    course = make_course(title="Train-the-trainer")
    client.force_login(partner)

    page = client.get(course.url).content.decode()
    response = client.post(reverse("bookings:register_interest", args=[course.pk]), follow=True)

    assert "Register interest" in page
    assert CourseInterest.objects.filter(user=partner, course=course).exists()
    assert "We will email you when a new session" in response.content.decode()


def test_registering_interest_needs_post(client, partner):
    client.force_login(partner)

    response = client.get(reverse("bookings:register_interest", args=[make_course().pk]))

    assert response.status_code == 405


def test_the_course_page_lists_its_upcoming_sessions(client):
    course = make_course(title="Two-day training")
    session = make_session(course, capacity=4)
    make_session(course, starts_in_days=-4)

    page = client.get(course.url).content.decode()

    assert detail_url(session) in page
    assert "4 places left" in page
    assert "Register interest" not in page


def test_session_days_show_on_the_page_in_order(client):
    today = timezone.localdate()
    first, second = today + dt.timedelta(days=10), today + dt.timedelta(days=24)
    session = make_session(days=[first, second])

    page = client.get(detail_url(session)).content.decode()

    assert page.index(f"Day 1: {first:%A} {first.day}") < page.index(f"Day 2: {second:%A}")
