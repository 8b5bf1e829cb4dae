import re

import pytest
from django.core import mail

from tests.factories import TEST_PASSWORD, make_home_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_partner_signs_up_verifies_and_reaches_my_account(
    page, live_server, assert_accessible, sign_in
):
    make_home_page()
    page.goto(live_server.url)
    assert_accessible(page)

    page.get_by_role("link", name="Create an account").first.click()
    assert_accessible(page)
    page.get_by_label("Full name").fill("Morgan Ferreira-Łukasz")
    page.get_by_label("Email address").fill("morgan@riverside-school.example")
    page.get_by_label("If your organisation is not listed, enter its name").fill("Riverside School")
    page.get_by_label("Create a password").fill(TEST_PASSWORD)
    page.get_by_label("Confirm your password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your email").wait_for()

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + link[link.index("/accounts/") :])
    page.get_by_role("button", name="Confirm").click()

    sign_in(page, "morgan@riverside-school.example", TEST_PASSWORD)
    page.get_by_role("link", name="My account").click()
    page.get_by_role("heading", name="My account").wait_for()
    assert page.get_by_text("Partner", exact=True).is_visible()
    assert_accessible(page)


def test_sign_up_errors_are_summarised_and_keyboard_reachable(page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_role("button", name="Create account").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert summary.get_by_role("link", name="Enter your full name").is_visible()
    summary.get_by_role("link").first.click()
    focused_id = page.evaluate("document.activeElement.id")
    assert focused_id.startswith("id_")
