"""The bookings pages in Welsh (issue 13): under /cy/ the page text, not only the layout,
is Welsh."""

import pytest
from django.urls import reverse
from django.utils import translation

from bookings.models import Booking
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def welsh_url(name: str, *args) -> str:
    with translation.override("cy"):
        return reverse(name, args=args)


def test_a_session_page_under_cy_is_in_welsh(client):
    session = make_session(make_course(title="Two-day training"))
    BookingFactory(
        session=session, user=(learner := UserFactory()), status=Booking.Status.CONFIRMED
    )
    client.force_login(learner)

    response = client.get(welsh_url("bookings:session_detail", session.pk))
    page = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="cy"' in page
    assert "Pwy all archebu" in page
    assert "Eich lle" in page
    assert "Mae gennych le ar y sesiwn hon." in page
    assert "Your place" not in page
    assert "You have a place on this session." not in page


def test_my_bookings_under_cy_is_in_welsh(client):
    session = make_session(make_course(title="Two-day training"))
    BookingFactory(
        session=session, user=(learner := UserFactory()), status=Booking.Status.CONFIRMED
    )
    client.force_login(learner)

    page = client.get(welsh_url("bookings:my_bookings")).content.decode()

    assert "Fy archebion" in page
    assert "Ychwanegu at y calendr" in page
    assert "Add to calendar" not in page
