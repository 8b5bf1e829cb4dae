"""Venues translate with wagtail-localize (issue 13). A session is not duplicated per language:
it keeps its venue, and every place a venue is shown (the session pages, emails, calendar
invitations, sign-in sheets and lists) shows the venue's translation in the language being
read, else the venue as it was written."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from wagtail.models import Locale

from bookings import services
from bookings.exports import sign_in_sheet_html
from bookings.models import Booking, Venue
from home.translations import translate_snippet
from tests.bookings.factories import BookingFactory, VenueFactory, make_session
from tests.courses.factories import make_course
from tests.factories import UserFactory, make_home_page
from tests.query_counts import count_queries, without_page_cache

pytestmark = pytest.mark.django_db

WELSH = {
    "Civic Centre, Room 2": "Canolfan Ddinesig, Ystafell 2",
    "Civic Centre\nHigh Street": "Canolfan Ddinesig\nY Stryd Fawr",
    "Lift to all floors.": "Lifft i bob llawr.",
}


def civic_centre() -> Venue:
    return VenueFactory(
        name="Civic Centre, Room 2",
        address="Civic Centre\nHigh Street",
        accessibility_information="Lift to all floors.",
    )


def in_welsh(venue: Venue) -> Venue:
    return translate_snippet(venue, "cy", WELSH)


def welsh_url(name: str, *args) -> str:
    with translation.override("cy"):
        return reverse(name, args=args)


def english_url(name: str, *args) -> str:
    with translation.override("en-gb"):
        return reverse(name, args=args)


def test_a_venue_is_written_in_english_and_offered_for_translation(client, admin_user):
    venue = civic_centre()
    client.force_login(admin_user)

    response = client.get(
        reverse("wagtail_localize:submit_snippet_translation", args=["bookings", "venue", venue.pk])
    )

    assert venue.locale == Locale.get_default()
    assert response.status_code == 200
    assert "Cymraeg" in response.content.decode() or "Welsh" in response.content.decode()


def test_the_translation_keeps_the_place_and_the_session_keeps_its_venue():
    venue = civic_centre()
    session = make_session(venue=venue)

    welsh = in_welsh(venue)

    assert welsh.pk != venue.pk
    assert welsh.locale.language_code == "cy"
    assert (welsh.name, welsh.address) == ("Canolfan Ddinesig, Ystafell 2", WELSH[venue.address])
    assert welsh.room_capacity == venue.room_capacity
    session.refresh_from_db()
    assert session.venue == venue


def test_the_session_page_shows_the_venue_in_the_language_of_the_page(client):
    venue = civic_centre()
    in_welsh(venue)
    session = make_session(venue=venue)

    welsh = client.get(welsh_url("bookings:session_detail", session.pk)).content.decode()
    english = client.get(english_url("bookings:session_detail", session.pk)).content.decode()

    assert "Canolfan Ddinesig, Ystafell 2" in welsh
    assert "Y Stryd Fawr" in welsh
    assert "Lifft i bob llawr." in welsh
    assert "High Street" not in welsh
    assert "Civic Centre, Room 2" in english
    assert "Lift to all floors." in english
    assert "Canolfan" not in english


def test_an_untranslated_venue_is_shown_as_it_was_written(client):
    session = make_session(venue=civic_centre())

    welsh = client.get(welsh_url("bookings:session_detail", session.pk)).content.decode()

    assert '<html lang="cy"' in welsh
    assert "Civic Centre, Room 2" in welsh
    assert "Lift to all floors." in welsh


def test_a_welsh_speaker_is_sent_the_welsh_venue_and_an_english_speaker_the_english():
    venue = civic_centre()
    in_welsh(venue)
    session = make_session(venue=venue)
    welsh_speaker = UserFactory(preferred_language="cy")
    english_speaker = UserFactory(preferred_language="en-gb")

    with translation.override("en-gb"):
        services.book(user=welsh_speaker, session=session)
    with translation.override("cy"):
        services.book(user=english_speaker, session=session)

    [to_welsh] = [message for message in mail.outbox if message.to == [welsh_speaker.email]]
    [to_english] = [message for message in mail.outbox if message.to == [english_speaker.email]]
    assert "Canolfan Ddinesig, Ystafell 2" in to_welsh.body
    assert "Y Stryd Fawr" in to_welsh.alternatives[0][0]
    assert "Civic Centre" not in to_welsh.body
    assert "Civic Centre, Room 2" in to_english.body
    assert "Canolfan" not in to_english.body
    assert location_of(to_welsh) == "Canolfan Ddinesig, Ystafell 2, Canolfan Ddinesig Y Stryd Fawr"
    assert location_of(to_english) == "Civic Centre, Room 2, Civic Centre High Street"


def location_of(message) -> str:
    [attachment] = [a for a in message.attachments if a[0].endswith(".ics")]
    return str(Calendar.from_ical(attachment[1]).walk("VEVENT")[0]["location"])


def test_the_sign_in_sheet_shows_the_venue_in_the_language_it_is_printed_in():
    venue = civic_centre()
    in_welsh(venue)
    session = make_session(venue=venue)
    BookingFactory(session=session, status=Booking.Status.CONFIRMED)

    with translation.override("cy"):
        welsh = sign_in_sheet_html(session)
    with translation.override("en-gb"):
        english = sign_in_sheet_html(session)

    assert "Canolfan Ddinesig, Ystafell 2" in welsh
    assert "Civic Centre, Room 2" in english


def test_my_bookings_in_welsh_shows_each_venue_in_welsh(client):
    person = UserFactory()
    translated, untranslated = civic_centre(), VenueFactory(name="Eastgate Family Centre")
    in_welsh(translated)
    for venue in (translated, untranslated):
        BookingFactory(user=person, session=make_session(venue=venue, starts_in_days=5))
    client.force_login(person)

    page = client.get(welsh_url("bookings:my_bookings")).content.decode()

    assert "Canolfan Ddinesig, Ystafell 2" in page
    assert "Eastgate Family Centre" in page


def test_the_welsh_session_list_costs_the_same_for_5_or_40_sessions_and_venues(client):
    course = make_course()
    url = welsh_url("bookings:session_list")

    def add_sessions(count):
        for n in range(count):
            venue = civic_centre() if n % 2 else VenueFactory()
            if n % 2:
                translate_snippet(venue, "cy", {venue.name: f"Ystafell {n}"})
            make_session(course, venue=venue, starts_in_days=5 + n)

    def measure() -> int:
        with without_page_cache():
            client.get(url)
            return count_queries(lambda: client.get(url))

    add_sessions(5)
    small = measure()
    add_sessions(35)
    large = measure()

    assert small == large, (small, large)
    assert "Ystafell 3" in client.get(url).content.decode()


def test_the_home_page_shows_the_next_sessions_venue_in_the_language_of_the_page(client):
    make_home_page()
    person = UserFactory()
    venue = civic_centre()
    in_welsh(venue)
    BookingFactory(user=person, session=make_session(venue=venue, starts_in_days=5))
    client.force_login(person)

    welsh = client.get("/cy/").content.decode()
    english = client.get("/").content.decode()

    assert '<html lang="cy"' in welsh
    assert "Canolfan Ddinesig, Ystafell 2" in welsh
    assert "Civic Centre, Room 2" not in welsh
    assert "Civic Centre, Room 2" in english
    assert "Canolfan" not in english


def test_a_venue_read_with_its_locale_needs_no_query_in_its_own_language():
    venue = civic_centre()
    welsh = in_welsh(venue)

    with translation.override("en-gb"):
        english_read = Venue.objects.select_related("locale").get(pk=venue.pk)
        assert count_queries(lambda: english_read.localized) == 0
        assert english_read.localized == english_read
        unknown_locale = Venue.objects.get(pk=venue.pk)
        assert count_queries(lambda: unknown_locale.localized) == 1
    with translation.override("cy"):
        in_english = Venue.objects.select_related("locale").get(pk=venue.pk)
        assert count_queries(lambda: in_english.localized) == 1
        assert in_english.localized == welsh
