"""On the demo content: the Lead Practitioner finds the lead who is overdue and sees the
evidence; the demo Practice Lead sees where they stand and books a session that counts."""

import io
import re

import pytest
from django.core.management import call_command

from bookings.models import Booking

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO_PASSWORD = "signs-of-safety-demo"  # noqa: S105 - the published demo password


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def test_the_lead_practitioner_and_a_practice_lead_follow_the_programme(
    demo, page, live_server, sign_in, assert_accessible
):
    sign_in(page, "lead.practitioner@example-borough.gov.uk", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/admin/programme-progress/")
    page.get_by_role("heading", name="Programme dashboard").wait_for()
    assert_accessible(page)
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table.listing tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1
    page.get_by_role("link", name="Demo Practitioner 32").click()

    page.get_by_role("heading", name="Requirements and the evidence behind them").wait_for()
    assert_accessible(page)
    network = page.get_by_role("heading", name=re.compile("Practice Lead Network meetings"))
    assert "Overdue" in network.inner_text()
    assert page.get_by_text("No more than 1 period may be missed.").is_visible()
    assert page.get_by_role("cell", name="Counted", exact=True).count() >= 5

    page.context.clear_cookies()
    sign_in(page, "practice.lead@example-borough.gov.uk", DEMO_PASSWORD)
    page.get_by_role("link", name="My learning").first.click()
    page.get_by_role("link", name="My programme").click()
    page.get_by_role("heading", name="Practice Lead programme").wait_for()
    assert_accessible(page)
    assert page.get_by_text("In progress 4 of 8").is_visible()
    periods = page.locator(".app-periods li")
    assert "Missed" in periods.nth(0).inner_text()
    assert "Attended" in periods.nth(1).inner_text()

    page.get_by_role("button", name=re.compile("^Book a place")).first.click()
    page.get_by_role("button", name="Confirm booking").click()
    page.get_by_role("heading", name="My bookings").wait_for()
    assert page.get_by_text(re.compile("Your place on Practice Lead training session")).is_visible()
    assert Booking.objects.filter(
        user__email="practice.lead@example-borough.gov.uk",
        session__course__slug="practice-lead-session",
        session__status="scheduled",
        status=Booking.Status.CONFIRMED,
    ).exists()

    page.get_by_role("link", name="My programme").click()
    page.get_by_text("You have a place on").first.wait_for()
