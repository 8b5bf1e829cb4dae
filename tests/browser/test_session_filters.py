"""On a phone the session list's filters wait behind "Show filters"; without JavaScript they
are simply there."""

import pytest

from tests.bookings.factories import make_session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 667}


def test_on_a_phone_the_filters_are_behind_a_toggle(page, live_server, assert_accessible):
    make_session()
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/training/sessions/")

    toggle = page.get_by_role("button", name="Show filters")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_label("Type of course").is_visible()
    assert_accessible(page)
    toggle.click()
    assert page.get_by_label("Type of course").is_visible()
    assert page.get_by_role("button", name="Hide filters").get_attribute("aria-expanded") == "true"


def test_on_a_wide_screen_the_filters_are_open_with_no_toggle(page, live_server):
    make_session()
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(f"{live_server.url}/training/sessions/")

    assert page.get_by_label("Type of course").is_visible()
    assert page.get_by_role("button", name="Show filters").count() == 0


def test_without_javascript_the_filters_are_visible_on_a_phone(browser, live_server):
    make_session()
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()

    page.goto(f"{live_server.url}/training/sessions/")

    assert page.get_by_label("Type of course").is_visible()
    context.close()
