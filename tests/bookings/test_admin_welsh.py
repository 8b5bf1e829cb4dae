"""The admin pages of bookings, programmes, certificates and impact in Welsh (issue 13).

Wagtail's admin speaks the language each admin user chose in their account (their Wagtail
user profile), not the language of the public site. With Welsh chosen, the labels these apps
add to the admin (menus, columns, filters, form fields, choices, page titles) are Welsh too.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from bookings.models import Booking, Charge
from tests.bookings.cohorts import past_session
from tests.bookings.factories import BookingFactory, make_session
from tests.certificates.factories import complete_module, make_certificate_module
from tests.courses.factories import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Shown in the admin's menu on every page: the Training menu and its items.
MENU = {"Training": "Hyfforddiant", "My sessions": "Fy sesiynau"}


@pytest.fixture
def welsh_admin(client):
    administrator = UserFactory(staff=True, training_admin=True, full_name="Alys Gweinyddwr")
    UserProfile.get_for_user(administrator)
    UserProfile.objects.filter(user=administrator).update(preferred_language="cy")
    client.force_login(administrator)
    return administrator


@pytest.fixture
def session(welsh_admin):
    session, bookings = past_session(people=2)
    Charge.objects.create(
        booking=BookingFactory(
            session=make_session(make_course(title="Two-day training")),
            status=Booking.Status.CANCELLED,
        ),
        kind=Charge.Kind.LATE_CANCELLATION,
        amount=Decimal("40.00"),
        reason="Cancelled with a day's notice.",
    )
    complete_module(bookings[0].user, make_certificate_module(title="Introduction"))
    return session


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def in_the_page(english: dict[str, str], page: str) -> None:
    """Each label appears in Welsh, and its English no longer appears where it stood."""
    for label, welsh in english.items():
        assert welsh in page, f"{welsh!r} (for {label!r}) is not on the page"
        assert f">{label}<" not in page and f'"{label}"' not in page, f"{label!r} is in English"


def test_the_sessions_listing_and_form(client, session):
    listing = page_of(client, reverse("bookings_session:index"))
    form = page_of(client, reverse("bookings_session:edit", args=[session.pk]))

    in_the_page({**MENU, "Delivered in": "Iaith gyflwyno"}, listing)
    in_the_page(
        {
            "Capacity": "Nifer y lleoedd",
            "Internal notes": "Nodiadau mewnol",
            "Booking window": "Cyfnod archebu",
            "Leave blank to open booking straight away.": "Gadewch yn wag i agor archebu",
        },
        form,
    )


def test_the_bookings_listing(client, session):
    page = page_of(client, reverse("bookings_booking:index"))

    in_the_page({**MENU, "Bookings": "Archebion", "Cancelled": "Wedi’i ganslo"}, page)


def test_the_cohort_and_its_register(client, session):
    cohort = page_of(client, reverse("bookings_cohorts:cohort", args=[session.pk]))
    day = session.ordered_days[0]
    register = page_of(client, reverse("bookings_cohorts:register", args=[session.pk, day.pk]))

    in_the_page({**MENU, "Scheduled": "Wedi’i threfnu"}, cohort)
    in_the_page({"Present": "Yn bresennol", "Absent": "Yn absennol"}, register)


def test_the_charges_ledger(client, session):
    page = page_of(client, reverse("bookings_ledger:ledger"))

    in_the_page({**MENU, "Late cancellation": "Canslo hwyr"}, page)


def test_the_programme_dashboard(client, session):
    page = page_of(client, reverse("programmes_admin:dashboard"))

    in_the_page(MENU, page)


def test_the_impact_scorecard(client, session):
    page = page_of(client, reverse("impact_admin:scorecard"))

    in_the_page(MENU, page)


def test_the_certificates_listing(client, session):
    page = page_of(client, reverse("certificate_admin:index"))

    in_the_page(
        {
            **MENU,
            "Course or module": "Cwrs neu fodiwl",
            "Name on the certificate": "Enw ar y dystysgrif",
            "Verification code": "Cod dilysu",
            "Issued at": "Amser cyhoeddi",
        },
        page,
    )
