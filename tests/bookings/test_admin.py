import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from bookings import services
from bookings.models import Booking, Session
from home.formats import format_date_list
from tests.bookings.factories import BookingFactory, VenueFactory, fill, make_session
from tests.courses.factories import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def session_form(course, venue, *, days, capacity=12, **extra):
    return nested_form_data(
        {
            "course": course.pk,
            "venue": venue.pk,
            "capacity": capacity,
            "days": inline_formset(
                [{"date": d.isoformat(), "start_time": "09:30", "end_time": "16:30"} for d in days]
            ),
            "audience": "",
            "reservations": inline_formset([]),
            "reserved_for_description": "",
            "booking_opens_at": "",
            "booking_closes_at": "",
            "internal_notes": "",
            **extra,
        }
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/training/sessions/",
        "/admin/training/sessions/new/",
        "/admin/training/bookings/",
        "/admin/training/interest/",
        "/admin/training/interest/demand/",
        "/admin/snippets/bookings/venue/",
    ],
)
def test_training_administrators_reach_the_training_pages(client, training_admin, url):
    make_session()
    client.force_login(training_admin)

    assert client.get(url).status_code == 200


def test_trainers_do_not_see_the_training_menu_or_its_pages(client, trainer):
    session = make_session(trainers=[trainer])
    booking = BookingFactory(session=session)
    client.force_login(trainer)

    assert "/admin/training/sessions/" not in client.get("/admin/").content.decode()
    for url in [
        "/admin/training/sessions/",
        f"/admin/training/sessions/edit/{session.pk}/",
        f"/admin/training/sessions/{session.pk}/cancel/",
        f"/admin/training/bookings/history/{booking.pk}/",
        "/admin/training/interest/demand/",
    ]:
        assert client.get(url).status_code in (302, 403), url


def test_learners_have_no_admin_access(client, learner):
    client.force_login(learner)

    response = client.get("/admin/training/sessions/")

    assert response.status_code in (302, 403)


def test_bookings_cannot_be_added_or_deleted_through_generic_forms(client, training_admin):
    booking = BookingFactory()
    client.force_login(training_admin)

    assert client.get("/admin/training/bookings/new/").status_code == 404
    assert client.get(f"/admin/training/bookings/delete/{booking.pk}/").status_code == 404
    assert client.get(f"/admin/training/sessions/delete/{booking.session_id}/").status_code == 404


def test_an_administrator_creates_a_two_day_session(client, training_admin):
    course = make_course()
    venue = VenueFactory()
    today = timezone.localdate()
    days = [today + dt.timedelta(days=20), today + dt.timedelta(days=27)]
    client.force_login(training_admin)

    response = client.post("/admin/training/sessions/new/", session_form(course, venue, days=days))

    assert response.status_code == 302, response.context["form"].errors
    session = Session.objects.get()
    assert [d.date for d in session.ordered_days] == days
    assert session.capacity == 12


def test_a_new_session_starts_with_its_courses_places_and_its_venues_instructions(
    client, training_admin
):
    course = make_course(default_capacity=24)
    venue = VenueFactory(joining_instructions="Sign in at reception; collected at 9:15am.")
    day = timezone.localdate() + dt.timedelta(days=20)
    client.force_login(training_admin)

    page = client.get(f"/admin/training/sessions/new/?course={course.pk}")
    assert page.context["form"].initial["capacity"] == 24
    assert (
        client.get("/admin/training/sessions/new/?course=99999999999999999999").status_code == 200
    )

    response = client.post(
        "/admin/training/sessions/new/",
        session_form(course, venue, days=[day], capacity="", joining_instructions=""),
    )

    assert response.status_code == 302, response.context["form"].errors
    session = Session.objects.get()
    assert session.capacity == 24
    assert session.joining_instructions == "Sign in at reception; collected at 9:15am."


def test_a_sessions_own_joining_instructions_are_what_attendees_are_sent(training_admin):
    venue = VenueFactory(joining_instructions="Collected from reception at 9:15am.")
    session = services.create_session(
        course=make_course(),
        venue=venue,
        days=[
            services.DayTimes(
                timezone.localdate() + dt.timedelta(days=9), dt.time(13, 30), dt.time(16, 30)
            )
        ],
        by=training_admin,
        joining_instructions="Go straight to room 4 for 1:30pm.",
    )
    learner = UserFactory()

    services.book(user=learner, session=session)

    assert "Go straight to room 4 for 1:30pm." in mail.outbox[-1].body
    assert "9:15am" not in mail.outbox[-1].body


def test_a_new_session_cannot_be_in_the_past(client, training_admin):
    client.force_login(training_admin)
    past = timezone.localdate() - dt.timedelta(days=1)

    response = client.post(
        "/admin/training/sessions/new/",
        session_form(make_course(), VenueFactory(), days=[past]),
    )

    assert response.status_code == 200
    assert "Day 1 is in the past" in response.content.decode()
    assert not Session.objects.exists()


def test_days_out_of_order_are_refused(client, training_admin):
    client.force_login(training_admin)
    today = timezone.localdate()

    response = client.post(
        "/admin/training/sessions/new/",
        session_form(
            make_course(),
            VenueFactory(),
            days=[today + dt.timedelta(days=9), today + dt.timedelta(days=9)],
        ),
    )

    assert "Day 2 must be after day 1" in response.content.decode()


def test_lowering_capacity_below_confirmed_places_is_refused_clearly(client, training_admin):
    session = make_session(capacity=5)
    fill(session, 4)
    client.force_login(training_admin)

    response = client.post(
        f"/admin/training/sessions/edit/{session.pk}/",
        session_form(
            session.course,
            session.venue,
            days=[d.date for d in session.ordered_days],
            capacity=3,
        ),
    )

    assert response.status_code == 200
    assert "4 people already have a confirmed place" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 5


def test_raising_capacity_in_the_admin_promotes_people_waiting(client, training_admin):
    session = make_session(capacity=1)
    fill(session)
    waiting = BookingFactory(session=session, waitlisted=True)
    client.force_login(training_admin)

    response = client.post(
        f"/admin/training/sessions/edit/{session.pk}/",
        nested_form_data(
            {
                **session_form(session.course, session.venue, days=[], capacity=2),
                "days": inline_formset(
                    [
                        {
                            "id": day.pk,
                            "date": day.date.isoformat(),
                            "start_time": "09:30",
                            "end_time": "16:30",
                        }
                        for day in session.ordered_days
                    ],
                    initial=len(session.ordered_days),
                ),
            }
        ),
    )

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED


def test_changing_the_days_sends_an_updated_invitation(client, training_admin):
    session = make_session(capacity=1)
    booking = BookingFactory(session=session)
    waiting = BookingFactory(session=session, waitlisted=True)
    client.force_login(training_admin)
    [day] = session.ordered_days
    new_date = day.date + dt.timedelta(days=7)

    response = client.post(
        f"/admin/training/sessions/edit/{session.pk}/",
        nested_form_data(
            {
                **session_form(session.course, session.venue, days=[], capacity=1),
                "days": inline_formset(
                    [
                        {
                            "id": day.pk,
                            "date": new_date.isoformat(),
                            "start_time": "09:30",
                            "end_time": "16:30",
                        }
                    ],
                    initial=1,
                ),
            }
        ),
    )

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.calendar_sequence == 1
    to_attendee, to_waiting = mail.outbox
    assert to_attendee.to == [booking.user.email] and "changed" in to_attendee.subject
    ics = to_attendee.attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "SEQUENCE:1" in ics and new_date.strftime("%Y%m%d") in ics
    # The person waiting hears of the new dates, with their place in the queue, and no
    # invitation: they hold no place yet.
    assert to_waiting.to == [waiting.user.email]
    assert "still number 1 on the waiting list" in to_waiting.body
    assert to_waiting.attachments == []


def test_a_sessions_people_are_managed_on_its_cohort_page(client, training_admin):
    session = make_session()
    booking = BookingFactory(session=session)
    cohort_url = reverse("bookings_cohorts:cohort", args=[session.pk])
    client.force_login(training_admin)

    assert cohort_url in client.get("/admin/training/sessions/").content.decode()
    edit_page = client.get(f"/admin/training/sessions/edit/{session.pk}/").content.decode()
    assert cohort_url in edit_page
    for gone in [
        f"/admin/training/sessions/{session.pk}/bookings/",
        f"/admin/training/bookings/{booking.pk}/cancel/",
        f"/admin/training/bookings/{booking.pk}/move/",
    ]:
        assert client.get(gone).status_code == 404, gone


def test_an_administrator_cancels_a_session(client, training_admin):
    session = make_session()
    BookingFactory(session=session)
    client.force_login(training_admin)
    url = f"/admin/training/sessions/{session.pk}/cancel/"

    assert reverse("bookings_cohorts:cohort", args=[session.pk]) in client.get(url).content.decode()
    response = client.post(url, {"reason": "Venue flooded"})

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert "Venue flooded" in mail.outbox[0].body


def test_demand_is_counted_per_course_and_organisation(client, training_admin):
    course = make_course(title="Five-day advanced training")
    first = UserFactory()
    services.register_interest(user=first, course=course)
    services.register_interest(user=UserFactory(organisation=first.organisation), course=course)
    client.force_login(training_admin)

    page = client.get(reverse("bookings_interest:demand")).content.decode()

    assert "Five-day advanced training" in page
    assert f"<td>{first.organisation.name}</td><td>2</td>" in page


def test_the_interest_list_counts_registrations_of_interest(client, training_admin):
    for _ in range(3):
        services.register_interest(user=UserFactory(), course=make_course())
    client.force_login(training_admin)

    page = client.get(reverse("bookings_interest:index")).content.decode()

    assert "3 registrations of interest" in " ".join(page.split())


def test_the_bookings_list_points_at_the_cohort_pages_actions(client, training_admin):
    active = BookingFactory()
    cancelled = BookingFactory(cancelled=True)
    client.force_login(training_admin)

    page = client.get("/admin/training/bookings/").content.decode()

    assert reverse("bookings_cohorts:remove", args=[active.pk]) in page
    assert reverse("bookings_cohorts:move", args=[active.pk]) in page
    assert reverse("bookings_cohorts:remove", args=[cancelled.pk]) not in page
    assert reverse("bookings_cohorts:move", args=[cancelled.pk]) not in page


def visible_heading(html: str) -> str:
    """What the admin's header shows: its breadcrumb trail (the page's <h1> is visually
    hidden in Wagtail's slim header), as plain text."""
    trail = re.search(r'<nav[^>]*aria-label="Breadcrumb"[^>]*>(.*?)</nav>', html, re.S)
    assert trail, "no breadcrumb trail"
    return " ".join(re.sub(r"<[^>]+>", " ", trail.group(1)).split())


def test_every_admin_page_of_a_session_names_it_in_its_heading(client, training_admin):
    session = make_session(make_course(title="Two-day training"))
    booking = BookingFactory(session=session)
    client.force_login(training_admin)
    name = str(session)

    for url in [
        f"/admin/training/sessions/{session.pk}/cancel/",
        f"/admin/training/sessions/edit/{session.pk}/",
        reverse("bookings_cohorts:cohort", args=[session.pk]),
        reverse("bookings_cohorts:capacity", args=[session.pk]),
        reverse("bookings_cohorts:message", args=[session.pk]),
        reverse("bookings_cohorts:remove", args=[booking.pk]),
    ]:
        heading = visible_heading(client.get(url).content.decode())
        assert name in heading, (url, heading)
        assert heading != "Home", url

    assert "Demand for new sessions" in visible_heading(
        client.get(reverse("bookings_interest:demand")).content.decode()
    )


def test_the_sessions_list_tells_runs_of_one_course_apart(client, training_admin):
    course = make_course(title="Two-day training")
    today = timezone.localdate()
    earlier = make_session(
        course, days=[today + dt.timedelta(days=10), today + dt.timedelta(days=11)], capacity=20
    )
    later = make_session(course, days=[today + dt.timedelta(days=40)], capacity=2)
    fill(later)
    BookingFactory(session=later, waitlisted=True)
    for _ in range(12):
        BookingFactory(session=earlier)
    client.force_login(training_admin)

    response = client.get("/admin/training/sessions/")

    page = " ".join(response.content.decode().split())
    assert "Just now" not in page
    assert str(earlier) in page and str(later) in page
    assert "12 of 20" in page and "2 of 2, 1 waiting" in page
    first, second = earlier.ordered_days
    assert format_date_list([first.date, second.date]) + ", 9:30am" in page
    # Sorted by first day, latest first.
    assert list(response.context["object_list"]) == [later, earlier]
