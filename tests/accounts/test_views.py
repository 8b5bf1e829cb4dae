import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_my_account_needs_sign_in(client):
    response = client.get(reverse("accounts:my_account"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_people_edit_their_own_details_and_certificate_name(client, partner):
    organisation = OrganisationFactory(name="Riverside Academy")
    client.force_login(partner)

    response = client.post(
        reverse("accounts:my_account"),
        {
            "full_name": "Patricia Partner",
            "certificate_name": "Dr Patricia O'Partner",
            "job_title": "Head teacher",
            "team": "",
            "organisation": organisation.pk,
        },
    )

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.full_name == "Patricia Partner"
    assert partner.name_on_certificate == "Dr Patricia O'Partner"
    # A new organisation is a request: the old membership ends, the new one waits.
    assert partner.organisation is None
    assert partner.memberships.get(status="requested").organisation == organisation


def test_certificate_name_defaults_to_full_name(partner):
    partner.certificate_name = ""

    assert partner.name_on_certificate == partner.full_name


def test_staff_status_cannot_be_set_from_the_form(client, partner):
    client.force_login(partner)

    client.post(
        reverse("accounts:my_account"),
        {"full_name": "Pat", "is_council_staff": "on", "is_superuser": "on"},
    )

    partner.refresh_from_db()
    assert not partner.is_council_staff
    assert not partner.is_superuser


def test_invalid_details_show_errors_and_change_nothing(client, partner):
    client.force_login(partner)
    original_name = partner.full_name

    response = client.post(reverse("accounts:my_account"), {"full_name": ""})

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert 'href="#id_full_name"' in content
    assert content.count("<title>Error: ") == 1
    partner.refresh_from_db()
    assert partner.full_name == original_name


def test_user_text_is_escaped(client, partner):
    partner.full_name = '<script>alert("x")</script>'
    partner.save()
    client.force_login(partner)

    content = client.get(reverse("accounts:my_account")).content.decode()

    assert '<script>alert("x")</script>' not in content
    assert "&lt;script&gt;" in content
