"""What is sent to a person is in their own language, whoever triggered it (issue 13): emails,
calendar invitations and certificates, with links that land on the pages in that language."""

import datetime as dt
import io
from decimal import Decimal

import pypdf
import pytest
from django.core import mail
from django.utils import timezone, translation
from icalendar import Calendar

from accounts import services as accounts_services
from bookings import services as bookings_services
from bookings.models import Charge
from certificates import services as certificates_services
from certificates.models import Certificate
from home.translations import translate_page
from tests.bookings.factories import BookingFactory, VenueFactory, make_session
from tests.certificates.factories import complete_booking, make_completed_session
from tests.courses.factories import make_course
from tests.factories import OrganisationFactory, UserFactory
from tests.impact.factories import completed_session

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


def in_welsh(text: str) -> str:
    """`text` (an English msgid) as the Welsh catalogue says it; fails when it has no Welsh."""
    with translation.override("cy"):
        welsh = translation.gettext(text)
    assert welsh != text, f"no Welsh for {text!r}"
    return welsh


def test_membership_emails_go_in_each_persons_language_whoever_acts():
    school = OrganisationFactory(name="Ysgol y Bryn", email_domains="bryn.example")
    contact = UserFactory(email="pennaeth@bryn.example", organisation=None, preferred_language="cy")
    accounts_services.request_membership(user=contact, organisation=school)
    accounts_services.make_organisation_contact(
        user=contact, organisation=school, by=UserFactory(staff=True, training_admin=True)
    )
    volunteer = UserFactory(
        email="sam@gmail.example", organisation=None, preferred_language="en-gb"
    )
    mail.outbox.clear()

    with translation.override("en-gb"):  # the volunteer asks in English
        membership = accounts_services.request_membership(user=volunteer, organisation=school)
    with translation.override("cy"):  # the contact decides in Welsh
        accounts_services.approve_membership(membership=membership, by=contact)

    to_contact, to_volunteer = mail.outbox
    assert to_contact.to == [contact.email]
    assert to_contact.subject == in_welsh("Membership request: %(organisation)s") % {
        "organisation": "Ysgol y Bryn"
    }
    assert "/cy/" not in to_volunteer.body
    assert to_volunteer.subject == "You are confirmed as a member of Ysgol y Bryn"


def charging_session(course):
    course.late_cancellation_charge = Decimal("50.00")
    course.charge_notice_working_days = 3
    course.save()
    return make_session(course, days=[timezone.localdate() + dt.timedelta(days=1)])


def test_a_charge_is_explained_to_the_person_and_their_manager_each_in_their_language(course):
    manager = UserFactory(email="rheolwr@example.org", preferred_language="cy")
    person = UserFactory(preferred_language="en-gb", full_name="Sam Smith")
    booking = BookingFactory(
        session=charging_session(course), user=person, line_manager_email=manager.email
    )

    with translation.override("cy"):  # an administrator working in Welsh cancels the place
        bookings_services.cancel(booking=booking, by=UserFactory(staff=True, training_admin=True))

    charged = [m for m in mail.outbox if "£50.00" in m.body]
    to_person = next(m for m in charged if m.to == [person.email])
    to_manager = next(m for m in charged if m.to == [manager.email])
    assert to_person.subject == "A charge for a training place: Signs of Safety two-day training"
    assert "Place cancelled with less than 3 working days' notice." in to_person.body
    assert to_manager.subject == in_welsh("A charge for a training place: %(course)s") % {
        "course": "Hyfforddiant deuddydd"
    }
    assert "/cy/training/sessions/" in to_manager.body


def test_a_charge_for_a_welsh_speaker_gives_its_reason_in_welsh(course):
    person = UserFactory(preferred_language="cy")
    booking = BookingFactory(session=charging_session(course), user=person)

    with translation.override("en-gb"):  # an administrator cancels it in English
        bookings_services.cancel(booking=booking, by=UserFactory(staff=True, training_admin=True))

    charge = Charge.objects.get(booking=booking)
    with translation.override("cy"):
        reason = translation.ngettext(
            "Place cancelled with less than %(days)s working day's notice.",
            "Place cancelled with less than %(days)s working days' notice.",
            3,
        ) % {"days": 3}
    assert charge.reason == reason
    assert "working days" not in reason
    [message] = [m for m in mail.outbox if m.to == [person.email] and "£50.00" in m.body]
    assert reason in message.body


def test_a_feedback_request_is_in_the_learners_language_whoever_completes_the_session(course):
    person = UserFactory(staff=True, preferred_language="cy")

    with translation.override("en-gb"):  # the trainer completes the session in English
        completed_session(course, [person])

    [message] = [m for m in mail.outbox if m.to == [person.email] and "feedback" in m.body]
    assert message.subject == in_welsh("How was it? Your feedback on %(title)s") % {
        "title": "Hyfforddiant deuddydd"
    }
    assert "/cy/" in message.body


def test_a_place_refused_to_a_colleague_names_the_colleague_in_either_language(partner):
    session = make_session()
    own = BookingFactory(session=session, user=partner)
    colleague = UserFactory(organisation=partner.organisation, full_name="Gwen Price")
    BookingFactory(session=session, user=colleague)

    with pytest.raises(bookings_services.InvalidSubstitute) as refusal:
        bookings_services.hand_over(booking=own, colleague=colleague, by=partner)
    assert refusal.value.message == (
        "Gwen Price cannot take this place. Gwen Price already has a booking for this session."
    )
    with translation.override("cy"), pytest.raises(bookings_services.InvalidSubstitute) as refusal:
        bookings_services.hand_over(booking=own, colleague=colleague, by=partner)
    assert refusal.value.message == in_welsh("%(colleague)s cannot take this place. %(reason)s") % {
        "colleague": "Gwen Price",
        "reason": in_welsh("%(person)s already has a booking for this session.")
        % {"person": "Gwen Price"},
    }


def test_a_place_refused_for_a_missing_prerequisite_names_the_colleague(partner):
    first = make_course(title="Introduction")
    session = make_session(make_course(title="Advanced", requires=[first]))
    own = BookingFactory(session=session, user=partner)
    colleague = UserFactory(organisation=partner.organisation, full_name="Gwen Price")

    with pytest.raises(bookings_services.InvalidSubstitute) as refusal:
        bookings_services.hand_over(booking=own, colleague=colleague, by=partner)

    assert refusal.value.message == (
        "Gwen Price cannot take this place. Gwen Price needs to complete ‘Introduction’ "
        "before booking this course."
    )
    assert "You" not in refusal.value.message
