"""The strict policy leaves the pages working: GOV.UK Frontend's script runs on public pages
and the Wagtail admin works, with no CSP violation and no request to another host (both
checked for every browser journey by tests/browser/conftest.py)."""

import pytest

from tests.bookings.factories import make_session
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_govuk_frontend_runs_under_the_policy_on_public_pages(page, live_server, sign_in):
    make_session()
    person = UserFactory()

    for path in ("/", "/training/sessions/", "/accounts/login/"):
        response = page.goto(f"{live_server.url}{path}")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
        # Initialised by GOV.UK Frontend's own script (static/js/site.js).
        page.locator("[data-govuk-skip-link-init]").wait_for(state="attached")

    sign_in(page, person.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/training/my-bookings/")
    page.locator("[data-govuk-skip-link-init]").wait_for(state="attached")


def test_the_admin_works_under_its_policy_without_gravatar(page, live_server, sign_in):
    admin = UserFactory(is_superuser=True, staff=True, full_name="Ada Admin")
    sign_in(page, admin.email, TEST_PASSWORD)

    # The new-session form has an InlinePanel and date choosers: Wagtail's inline scripts.
    for path in ("/admin/", "/admin/outbox/", "/admin/users/", "/admin/training/sessions/new/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
        assert "gravatar" not in page.content()
    page.get_by_role("button", name="Add day").wait_for()
