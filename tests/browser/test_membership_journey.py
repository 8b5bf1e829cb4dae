"""A partner asks to belong to a school, the schools' organisation contact approves it in the
admin, and the partner books a place held for the schools."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts import services as accounts_services
from accounts.models import Organisation
from bookings.models import Booking, SessionReservation
from tests.bookings.factories import make_session
from tests.courses.factories import make_course
from tests.factories import TEST_PASSWORD, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_partner_is_approved_by_the_contact_then_books_a_held_place(
    page, live_server, assert_accessible, sign_in
):
    schools = OrganisationFactory(name="Example Schools", kind=Organisation.Kind.SCHOOL)
    school = OrganisationFactory(
        name="Hillside School", kind=Organisation.Kind.SCHOOL, parent=schools
    )
    session = make_session(make_course(title="Half-day briefing"), capacity=2)
    SessionReservation.objects.create(
        session=session,
        organisation=schools,
        places=1,
        release_at=timezone.now() + dt.timedelta(days=7),
    )
    make_session(make_course(title="Other course"), capacity=2)
    Booking.objects.create(
        session=session,
        user=UserFactory(),
        status=Booking.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    contact = UserFactory(full_name="Casey Contact", organisation=school)
    accounts_services.make_organisation_contact(
        user=contact, organisation=schools, by=UserFactory(staff=True, training_admin=True)
    )
    partner = UserFactory(full_name="Jo Volunteer", email="jo@mail.example", organisation=None)

    # The partner asks to belong to the school.
    sign_in(page, partner.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/my-account/")
    page.get_by_label("Organisation").select_option(label="Hillside School")
    page.get_by_role("button", name="Save your details").click()
    assert page.get_by_text("Unconfirmed").is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/training/sessions/{session.pk}/")
    assert page.get_by_role("button", name="Join the waiting list").is_visible()
    page.context.clear_cookies()

    # The contact approves it.
    sign_in(page, contact.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/admin/organisation-members/requests/")
    page.get_by_role("button", name="Approve Jo Volunteer").click()
    page.get_by_text("is now a verified member of Hillside School").wait_for()
    page.context.clear_cookies()

    # The partner books the held place.
    sign_in(page, partner.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/training/sessions/{session.pk}/")
    assert page.get_by_text("1 more reserved for Example Schools").is_visible()
    page.get_by_role("button", name="Book a place").click()
    page.get_by_role("button", name="Confirm booking").click()
    page.get_by_role("heading", name="My bookings").wait_for()

    booking = Booking.objects.get(session=session, user=partner)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.reservation is not None
