"""A Welsh speaker's journey (issue 13): signing in lands on the Welsh page, a session booked
in Welsh is confirmed by a Welsh email, progress made in Welsh is kept after switching to
English with the language switcher, and both languages' pages pass axe with the right `lang`."""

import pytest
from django.core import mail

from home.translations import translate_page
from tests.bookings.factories import make_session
from tests.courses.factories import make_course
from tests.elearning.factories import make_module
from tests.factories import TEST_PASSWORD, UserFactory, make_home_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_welsh_speaker_continues_the_module_in_welsh_then_switches(
    page, live_server, assert_accessible
):
    translate_page(make_home_page(), "cy", {"Home": "Hafan"})
    module = make_module(title="Introduction", lessons=2, assessment=False)
    welsh_module = translate_page(module, "cy", {"Introduction": "Cyflwyniad"})
    welsh_lessons = [translate_page(lesson, "cy", {}) for lesson in module.lessons]
    learner = UserFactory(staff=True, preferred_language="cy")
    course = make_course(title="Signs of Safety two-day training")
    translate_page(course, "cy", {"Signs of Safety two-day training": "Hyfforddiant deuddydd"})
    session = make_session(course, starts_in_days=20)

    # Signing in from the English sign-in page, asked to go to the English module.
    page.goto(f"{live_server.url}/accounts/login/?next={module.url}")
    page.get_by_label("Email address").fill(learner.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()

    page.wait_for_url(f"{live_server.url}{welsh_module.url}")
    assert page.locator("html").get_attribute("lang") == "cy"
    page.get_by_role("heading", name="Cyflwyniad").wait_for()
    assert page.locator(".app-language-select [aria-current=true]").inner_text() == "Cymraeg"
    assert_accessible(page)

    page.goto(live_server.url + welsh_lessons[0].url)
    page.get_by_role("button", name="Marcio’n gyflawn a pharhau").click()  # the page is Welsh
    page.wait_for_url(f"{live_server.url}{welsh_lessons[1].url}")

    # Booking a session in Welsh: the page, the confirmation and the email are Welsh.
    page.goto(f"{live_server.url}/cy/training/sessions/{session.pk}/")
    page.get_by_role("heading", name="Hyfforddiant deuddydd").wait_for()
    assert page.locator("html").get_attribute("lang") == "cy"
    assert_accessible(page)
    page.get_by_role("button", name="Archebu lle").click()
    page.get_by_role("button", name="Cadarnhau’r archeb").click()
    page.get_by_role("heading", name="Fy archebion").wait_for()
    assert_accessible(page)
    [message] = [m for m in mail.outbox if m.to == [learner.email]]
    assert message.subject == "Mae eich lle wedi’i gadarnhau: Hyfforddiant deuddydd"
    assert f"/cy/training/sessions/{session.pk}/" in message.body

    page.goto(live_server.url + welsh_lessons[1].url)
    page.get_by_role("button", name="English").click()  # the switcher, signed in: a form
    page.wait_for_url(f"{live_server.url}{module.lessons[1].url}")
    assert page.locator("html").get_attribute("lang") == "en-gb"
    assert_accessible(page)
    page.goto(live_server.url + module.url)
    page.get_by_text("50% complete").wait_for()  # the lesson done in Welsh counts
    learner.refresh_from_db()
    assert learner.preferred_language == "en-gb"
