"""What is sent to a person is in their own language, whoever triggered it (issue 13): emails,
calendar invitations and certificates, with links that land on the pages in that language."""

import io

import pypdf
import pytest
from django.core import mail
from django.utils import translation
from icalendar import Calendar

from bookings import services as bookings_services
from certificates import services as certificates_services
from certificates.models import Certificate
from home.translations import translate_page
from tests.bookings.factories import VenueFactory, make_session
from tests.certificates.factories import complete_booking, make_completed_session
from tests.courses.factories import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def ics_of(message) -> Calendar:
    [attachment] = [a for a in message.attachments if a[0].endswith(".ics")]
    return Calendar.from_ical(attachment[1])


@pytest.fixture
def course():
    english = make_course(title="Signs of Safety two-day training")
    translate_page(english, "cy", {"Signs of Safety two-day training": "Hyfforddiant deuddydd"})
    return english


def test_a_welsh_speaker_booked_from_an_english_page_is_written_to_in_welsh(course):
    person = UserFactory(preferred_language="cy", full_name="Alys")
    session = make_session(course, days=2, venue=VenueFactory(online=True))

    with translation.override("en-gb"):  # the request that booked them was in English
        bookings_services.book(user=person, session=session)

    [message] = mail.outbox
    assert message.subject == "Mae eich lle wedi’i gadarnhau: Hyfforddiant deuddydd"
    assert "Annwyl Alys," in message.body
    assert "Mae eich lle wedi’i gadarnhau." in message.body
    assert f"/cy/training/sessions/{session.pk}/" in message.body
    assert "/cy/my-learning/bookings/" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="cy">' in html
    event = ics_of(message).walk("VEVENT")[0]
    assert str(event["summary"]) == "Hyfforddiant deuddydd (2 diwrnod)"
    assert str(event["location"]) == "Ar-lein"
    assert f"/cy/training/sessions/{session.pk}/" in str(event["description"])


def test_an_english_speaker_booked_from_a_welsh_page_is_written_to_in_english(course):
    person = UserFactory(preferred_language="en-gb", full_name="Sam")
    session = make_session(course)

    with translation.override("cy"):
        bookings_services.book(user=person, session=session)

    [message] = mail.outbox
    assert message.subject == "Your place is confirmed: Signs of Safety two-day training"
    assert "/cy/" not in message.body
    assert str(ics_of(message).walk("VEVENT")[0]["summary"]) == ("Signs of Safety two-day training")


def test_no_preference_means_the_sites_language():
    person = UserFactory(preferred_language="")
    session = make_session()

    with translation.override("cy"):
        bookings_services.book(user=person, session=session)

    assert mail.outbox[0].subject.startswith("Your place is confirmed")


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_a_certificate_is_issued_in_its_recipients_language_whoever_completes_it():
    person = UserFactory(staff=True, preferred_language="cy", full_name="Alys Jones")
    session, [booking] = make_completed_session(
        learners=[person], title="Signs of Safety two-day training"
    )
    translate_page(
        session.course, "cy", {"Signs of Safety two-day training": "Hyfforddiant deuddydd"}
    )

    with translation.override("en-gb"):  # the trainer completes the session in English
        complete_booking(booking)
        certificate = Certificate.objects.get(recipient=person)
        content = certificates_services.render_certificate_pdf(certificate)

    assert certificate.title == "Hyfforddiant deuddydd"
    text = pdf_text(content)
    assert "Tystysgrif cwblhau" in text
    assert "wedi cwblhau’r cwrs hyfforddi" in text or "wedi cwblhau'r cwrs hyfforddi" in text
    assert "Hyfforddiant deuddydd" in text
    assert f"/cy/certificates/verify/{certificate.code}/" in text
    [message] = [m for m in mail.outbox if certificate.code in m.body]
    assert message.subject == "Eich tystysgrif: Hyfforddiant deuddydd"
    assert "/cy/my-learning/certificates/" in message.body
