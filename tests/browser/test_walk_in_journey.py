"""A trainer adds two walk-ins who have no account, one on paper only and one with an email
address, and later adds the paper one's address; the one with an address sets a password
from the invitation."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Membership, Organisation, User
from tests.bookings.cohorts import running_session
from tests.factories import TEST_PASSWORD, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_trainer_adds_walk_ins_without_accounts(page, live_server, sign_in, assert_accessible):
    trainer = UserFactory(staff=True, trainer=True, full_name="Terry Trainer")
    OrganisationFactory(
        name="Northfield Primary School",
        kind=Organisation.Kind.SCHOOL,
        email_domains="northfield-school.example",
    )
    session, _ = running_session(trainers=[trainer], people=1)

    sign_in(page, trainer.email, TEST_PASSWORD)
    page.goto(live_server.url + reverse("bookings_cohorts:cohort", args=[session.pk]))
    assert_accessible(page)  # before any flash message, which fades in
    page.get_by_role("link", name="Add a walk-in").first.click()
    page.get_by_role("heading", name="Add a walk-in").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name="Add walk-in").click()
    page.get_by_text("Enter the person's full name").first.wait_for()

    page.get_by_label("Full name").fill("Pat Paper")
    page.get_by_label("Organisation (optional)").select_option(label="Northfield Primary School")
    page.get_by_role("button", name="Add walk-in").click()
    page.get_by_text("Pat Paper added as a walk-in, on paper only").wait_for()
    assert (
        page.get_by_role("row", name=re.compile("Pat Paper"))
        .get_by_text("None (on paper only)")
        .is_visible()
    )

    page.get_by_role("link", name="Add a walk-in").first.click()
    page.get_by_label("Full name").fill("Sam Walker")
    page.get_by_label("Email address (optional)").fill("sam@northfield-school.example")
    page.get_by_role("button", name="Add walk-in").click()
    page.get_by_text("An account was opened").wait_for()

    page.get_by_role("link", name="Add email address for Pat Paper").click()
    page.get_by_role("heading", name="Add an email address for Pat Paper").wait_for()
    assert_accessible(page)
    page.get_by_label("Email address").fill("pat@northfield-school.example")
    page.get_by_role("button", name="Add email address").click()
    page.get_by_text("now has the email address pat@northfield-school.example").wait_for()

    pat = User.objects.get(email="pat@northfield-school.example")
    assert pat.organisation is None
    assert pat.memberships.get().status == Membership.Status.REQUESTED
    assert User.objects.filter(full_name="Pat Paper").count() == 1

    # Sam follows the invitation and sets a password.
    invitation = next(m for m in mail.outbox if m.to == ["sam@northfield-school.example"])
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", invitation.body)
    page.context.clear_cookies()
    page.goto(live_server.url + link.group(1))
    page.get_by_role("heading", name="Choose a new password").wait_for()
    assert_accessible(page)
    page.locator("input[name=password1]").fill(TEST_PASSWORD)
    page.locator("input[name=password2]").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    page.wait_for_url("**/password/reset/key/done/")
    assert User.objects.get(email="sam@northfield-school.example").has_usable_password()
