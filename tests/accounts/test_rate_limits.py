"""Rate limits behind a reverse proxy see the client, not the proxy."""

import pytest
from django.test import Client
from django.urls import reverse

from certificates import views as certificate_views
from tests.factories import TEST_PASSWORD, UserFactory

PROXY = "10.0.0.5"


def through_proxy(client_ip: str) -> Client:
    """A browser at `client_ip` whose requests reach the app through one proxy, which
    appends the address it saw to X-Forwarded-For."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


def sign_in(browser: Client, email: str, password: str):
    return browser.post(reverse("account_login"), {"login": email, "password": password})


@pytest.fixture
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def signed_in(browser: Client) -> bool:
    return "_auth_user_id" in browser.session


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_one_proxy")
class TestSignInLockOut:
    def test_five_wrong_passwords_for_one_person_do_not_stop_another(self):
        ann, bob = UserFactory(), UserFactory()
        attacker = through_proxy("203.0.113.9")
        for _ in range(5):
            sign_in(attacker, ann.email, "wrong")

        bob_elsewhere = through_proxy("198.51.100.4")
        sign_in(bob_elsewhere, bob.email, TEST_PASSWORD)

        assert signed_in(bob_elsewhere)

    def test_nor_another_person_at_the_same_address(self):
        """One office behind one NAT: a colleague's typos lock only the colleague."""
        ann, bob = UserFactory(), UserFactory()
        office = "192.0.2.10"
        for _ in range(5):
            sign_in(through_proxy(office), ann.email, "wrong")

        bob_in_the_office = through_proxy(office)
        sign_in(bob_in_the_office, bob.email, TEST_PASSWORD)

        assert signed_in(bob_in_the_office)

    def test_the_account_itself_stays_locked_from_anywhere(self):
        ann = UserFactory()
        for _ in range(5):
            sign_in(through_proxy("203.0.113.9"), ann.email, "wrong")

        ann_at_home = through_proxy("198.51.100.4")
        response = sign_in(ann_at_home, ann.email, TEST_PASSWORD)

        assert "You have tried to sign in too many times" in response.content.decode()
        assert not signed_in(ann_at_home)


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_one_proxy")
def test_certificate_lookups_are_limited_per_client_behind_the_proxy():
    url = reverse("certificates:verify_code", args=["7KQ4-M9XD-2HFT"])
    busy = through_proxy("203.0.113.9")
    for _ in range(certificate_views.VERIFY_LOOKUPS_PER_MINUTE):
        assert busy.get(url).status_code == 404

    assert busy.get(url).status_code == 429
    assert through_proxy("198.51.100.4").get(url).status_code == 404


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_forged_header_is_ignored():
    """X-Forwarded-For is anyone's to write: unless a proxy is trusted, the limit stays on
    the connecting address."""
    url = reverse("certificates:verify_code", args=["7KQ4-M9XD-2HFT"])
    for number in range(certificate_views.VERIFY_LOOKUPS_PER_MINUTE):
        Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}").get(url)

    forged = Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert forged.get(url).status_code == 429
