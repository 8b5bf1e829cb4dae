import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts import roles
from accounts.models import Membership, Organisation, User
from tests.factories import TEST_PASSWORD, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, **overrides):
    data = {
        "full_name": "Jo Partner",
        "email": "jo@school.example",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        "organisation_name": "Hillside School",
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def confirm_from_outbox(client):
    """Follow the verification link of the last email, as the person would."""
    url = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body)
    assert url, mail.outbox[-1].body
    return client.post(url.group(1))


def test_partner_signs_up_with_a_new_organisation_and_verifies_their_email(client):
    response = sign_up(client)

    assert response.status_code == 302
    user = User.objects.get(email="jo@school.example")
    assert user.full_name == "Jo Partner"
    # Claiming an organisation is a request: it grants nothing until verified.
    assert user.organisation is None
    assert user.memberships.get().organisation.name == "Hillside School"
    assert user.memberships.get().status == Membership.Status.REQUESTED
    assert not user.is_council_staff
    assert set(user.groups.values_list("name", flat=True)) == {roles.LEARNER, roles.PARTNER}
    assert not EmailAddress.objects.get(user=user).verified

    confirm_from_outbox(client)

    assert EmailAddress.objects.get(user=user).verified
    user.refresh_from_db()
    assert not user.is_council_staff


def test_naming_an_existing_organisation_in_another_case_reuses_it(client):
    existing = OrganisationFactory(name="Hillside School")

    sign_up(client, organisation_name="  hillside   SCHOOL ")

    assert User.objects.get(email="jo@school.example").memberships.get().organisation == existing
    assert Organisation.objects.filter(name__iexact="hillside school").count() == 1


def test_partner_must_choose_or_name_an_organisation(client):
    response = sign_up(client, organisation_name="")

    assert response.status_code == 200
    assert "Choose your organisation, or enter its name if it is not listed" in (
        response.content.decode()
    )
    assert "govuk-error-summary" in response.content.decode()
    assert not User.objects.filter(email="jo@school.example").exists()


def test_staff_need_no_organisation_and_become_staff_once_verified(client, settings):
    settings.STAFF_EMAIL_DOMAINS = ["example-borough.gov.uk"]

    sign_up(client, email="Kim@Example-Borough.gov.uk", organisation_name="")
    user = User.objects.get(email__iexact="kim@example-borough.gov.uk")
    assert not user.is_council_staff, "staff status waits for a verified address"

    confirm_from_outbox(client)

    user.refresh_from_db()
    assert user.is_council_staff
    assert not user.groups.filter(name=roles.PARTNER).exists()


def test_unverified_people_cannot_sign_in(client):
    user = UserFactory(unverified=True)

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_verified_people_sign_in_with_their_email_in_any_case(client):
    user = UserFactory(email="casey@partner.example")

    response = client.post(
        reverse("account_login"), {"login": "CASEY@partner.example", "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_changing_email_to_a_partner_address_removes_staff_status(client):
    user = UserFactory(staff=True)
    assert user.is_council_staff
    client.force_login(user)

    client.post(reverse("account_email"), {"action_add": "", "email": "me@charity.example"})
    confirm_from_outbox(client)

    user.refresh_from_db()
    assert user.email == "me@charity.example"
    assert not user.is_council_staff
    assert user.groups.filter(name=roles.PARTNER).exists()


def test_changing_email_to_a_staff_address_grants_staff_status_only_after_verification(client):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("account_email"), {"action_add": "", "email": "new@example-borough.gov.uk"})
    user.refresh_from_db()
    assert not user.is_council_staff

    confirm_from_outbox(client)

    user.refresh_from_db()
    assert user.is_council_staff


def test_failed_sign_ins_are_rate_limited_even_with_the_right_password(client):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}
    )

    assert "You have tried to sign in too many times" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post(client):
    client.force_login(UserFactory())

    client.get(reverse("account_logout"))
    assert "_auth_user_id" in client.session

    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_by_emailed_link(client):
    user = UserFactory(email="forgetful@partner.example")

    client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body)
    form_url = client.get(link.group(1)).url  # allauth moves the key out of the URL
    client.post(
        form_url, {"password1": "a-brand-new-secret-9", "password2": "a-brand-new-secret-9"}
    )

    user.refresh_from_db()
    assert user.check_password("a-brand-new-secret-9")


ALLAUTH_WORDING = [
    "This field is required",
    "Sign Up",
    "Sign In",
    "Sign Out",
    "Remember Me",
    "finalize",
    "Password Reset",
    "Verify Your Email Address",
    "Password (again)",
    "placeholder=",
]


def assert_our_wording(content: str) -> None:
    """Sentence case, British English, GOV.UK errors: none of allauth's own wording."""
    found = [words for words in ALLAUTH_WORDING if words in content]
    assert found == []


def test_an_empty_sign_up_says_what_to_enter(client):
    response = client.post(reverse("account_signup"), {})

    content = response.content.decode()
    assert response.status_code == 200
    for error in [
        "Enter your full name",
        "Enter your email address",
        "Enter a password",
        "Enter your password again",
    ]:
        assert error in content
    assert "<title>Error: Create an account" in content
    assert_our_wording(content)


def test_sign_up_errors_say_how_to_put_things_right(client):
    badly_typed = sign_up(client, email="jo.school.example")
    mismatched = sign_up(client, password2=TEST_PASSWORD + "x")

    assert "Enter an email address in the correct format, like name@example.com" in (
        badly_typed.content.decode()
    )
    assert "Enter the same password in both fields" in mismatched.content.decode()
    assert_our_wording(badly_typed.content.decode() + mismatched.content.decode())
    assert not User.objects.exists()


def test_sign_in_errors_say_what_to_enter(client):
    user = UserFactory()

    empty = client.post(reverse("account_login"), {})
    wrong = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})

    assert "Enter your email address" in empty.content.decode()
    assert "Enter your password" in empty.content.decode()
    assert "Enter the correct email address and password" in wrong.content.decode()
    assert_our_wording(empty.content.decode() + wrong.content.decode())


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_login", "Sign in"),
        ("account_signup", "Create an account"),
        ("account_reset_password", "Reset your password"),
        ("account_reset_password_done", "Check your email"),
        ("account_email_verification_sent", "Check your email"),
        ("account_inactive", "Your account is not active"),
    ],
)
def test_account_pages_speak_in_sentence_case(client, url_name, heading):
    content = client.get(reverse(url_name)).content.decode()

    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in content
    assert_our_wording(content)


def test_the_sign_in_page_offers_to_remember_and_to_reset(client):
    content = client.get(reverse("account_login")).content.decode()

    assert "Remember me" in content
    assert "Forgotten your password?" in content


def test_signed_in_pages_speak_in_sentence_case(client):
    user = UserFactory()
    client.force_login(user)

    sign_out = client.get(reverse("account_logout")).content.decode()
    wrong_password = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": "a-new-Password-1", "password2": "a-new-Password-1"},
    ).content.decode()

    assert '<h1 class="govuk-heading-l">Sign out</h1>' in sign_out
    assert "Enter your current password correctly" in wrong_password
    assert "Current password" in wrong_password and "Confirm your new password" in wrong_password
    assert_our_wording(sign_out + wrong_password)


def test_a_password_reset_needs_an_email_address(client):
    content = client.post(reverse("account_reset_password"), {"email": ""}).content.decode()

    assert "Enter your email address" in content
    assert_our_wording(content)
