"""The bookings pages in Welsh (issue 13): under /cy/ the page text, not only the layout,
is Welsh."""

import pytest
from django.urls import reverse
from django.utils import translation

from bookings.models import Booking
from home.translations import translate_page
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def welsh_url(name: str, *args) -> str:
    with translation.override("cy"):
        return reverse(name, args=args)


def english_url(name: str, *args) -> str:
    """Explicitly: a request under /cy/ leaves Welsh active in the test's thread."""
    with translation.override("en-gb"):
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


@pytest.fixture
def translated_course():
    course = make_course(title="Two-day training", summary="Two days of practice.")
    translate_page(
        course,
        "cy",
        {
            "Two-day training": "Hyfforddiant deuddydd",
            "Two days of practice.": "Deuddydd o ymarfer.",
        },
    )
    return course


def test_one_session_shows_its_course_in_the_language_of_the_page(client, translated_course):
    session = make_session(translated_course)

    welsh = client.get(welsh_url("bookings:session_detail", session.pk)).content.decode()
    english = client.get(english_url("bookings:session_detail", session.pk)).content.decode()

    assert '<h1 class="govuk-heading-xl">Hyfforddiant deuddydd</h1>' in welsh
    assert "Deuddydd o ymarfer." in welsh
    assert "Two-day training" not in welsh
    assert '<h1 class="govuk-heading-xl">Two-day training</h1>' in english
    assert "Hyfforddiant deuddydd" not in english


def test_the_session_list_and_my_bookings_show_courses_in_the_language_of_the_page(
    client, translated_course
):
    untranslated = make_course(title="Practice Lead network meeting")
    learner = UserFactory()
    for course in (translated_course, untranslated):
        BookingFactory(session=make_session(course), user=learner)
    client.force_login(learner)

    for page in (
        client.get(welsh_url("bookings:session_list")).content.decode(),
        client.get(welsh_url("bookings:my_bookings")).content.decode(),
    ):
        assert "Hyfforddiant deuddydd" in page
        assert "Two-day training" not in page
        assert "Practice Lead network meeting" in page  # no translation: shown as it is
