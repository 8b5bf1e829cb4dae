import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/training/sessions/", "/accounts/login/", "/nowhere/"])
def test_public_pages_allow_nothing_inline_and_nothing_from_elsewhere(client, path):
    response = client.get(path)

    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "<script>" not in response.content.decode()


def test_a_cached_page_carries_the_headers_too(client):
    client.get("/")
    repeat = client.get("/")

    assert "script-src 'self';" in repeat["Content-Security-Policy"]
    assert repeat["Permissions-Policy"]


def test_the_admin_has_its_own_policy_and_no_gravatar(client):
    admin = UserFactory(is_superuser=True, email="ada@example.org")
    client.force_login(admin)

    response = client.get(reverse("wagtailadmin_home"))

    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["Permissions-Policy"]
    assert "gravatar.com" not in response.content.decode()
