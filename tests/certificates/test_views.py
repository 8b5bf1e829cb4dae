import io

import pypdf
import pytest
from django.urls import reverse

from certificates import services, views
from certificates.models import Certificate
from tests.factories import OrganisationFactory, UserFactory
from tests.query_counts import count_queries

from .factories import (
    complete_booking,
    complete_module,
    make_certificate_module,
    make_completed_session,
)

pytestmark = pytest.mark.django_db


def certify(person, *, title="Two-day training", trainers=()) -> Certificate:
    session, [booking] = make_completed_session(learners=[person], title=title, trainers=trainers)
    complete_booking(booking)
    return Certificate.objects.get(object_id=booking.pk, recipient=person)


class TestMyCertificates:
    url = reverse("certificates:my_certificates")

    def test_lists_only_my_certificates_with_download_links(self, client, learner, partner):
        mine = certify(learner, title="Two-day training")
        revoked = certify(learner, title="Half-day briefing")
        services.revoke_certificate(certificate=revoked, by=None, reason="Issued in error")
        theirs = certify(partner, title="Someone else's course")
        client.force_login(learner)

        response = client.get(self.url)

        content = response.content.decode()
        assert response.status_code == 200
        assert self.url == "/my-learning/certificates/"
        assert 'aria-label="My learning"' in content  # the My learning tabs
        assert "Two-day training" in content
        assert reverse("certificates:download", args=[mine.pk]) in content
        assert "Half-day briefing" in content and "Revoked" in content
        assert reverse("certificates:download", args=[revoked.pk]) not in content
        assert "Someone else&#x27;s course" not in content
        assert theirs.code not in content

    def test_needs_signing_in(self, client):
        response = client.get(self.url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_query_count_does_not_grow_with_certificates(self, client, learner):
        client.force_login(learner)
        certify(learner)
        client.get(self.url)  # warm the session and site caches
        few = count_queries(lambda: client.get(self.url))
        for _ in range(4):
            certify(learner)
        client.get(self.url)  # the new courses are new content: the site cache is rebuilt
        many = count_queries(lambda: client.get(self.url))
        assert few == many


class TestDownload:
    def test_downloads_my_certificate_as_a_pdf(self, client, learner):
        certificate = certify(learner)
        client.force_login(learner)

        response = client.get(reverse("certificates:download", args=[certificate.pk]))

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert f'filename="certificate-{certificate.code}.pdf"' in response["Content-Disposition"]
        text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        assert certificate.code in text

    def test_someone_elses_certificate_is_a_404(self, client, learner, partner):
        certificate = certify(partner)
        client.force_login(learner)

        response = client.get(reverse("certificates:download", args=[certificate.pk]))

        assert response.status_code == 404

    def test_a_revoked_certificate_is_a_404(self, client, learner):
        certificate = certify(learner)
        services.revoke_certificate(certificate=certificate, by=None, reason="Issued in error")
        client.force_login(learner)

        response = client.get(reverse("certificates:download", args=[certificate.pk]))

        assert response.status_code == 404

    def test_an_unknown_certificate_is_a_404(self, client, learner):
        client.force_login(learner)
        assert client.get(reverse("certificates:download", args=[999999])).status_code == 404

    def test_needs_signing_in(self, client, learner):
        certificate = certify(learner)
        response = client.get(reverse("certificates:download", args=[certificate.pk]))
        assert response.status_code == 302


class TestVerifyForm:
    url = reverse("certificates:verify")

    def test_shows_the_form(self, client):
        response = client.get(self.url)
        assert response.status_code == 200
        assert self.url == "/certificates/verify/"
        assert 'for="id_code"' in response.content.decode()
        assert "govuk-error-summary" not in response.content.decode()

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("", "Enter the verification code from the certificate."),
            ("7KQ4-M9XD", "Enter the code exactly as printed"),
            ("0KQ4-M9XD-2HFT", "Enter the code exactly as printed"),
        ],
    )
    def test_errors_are_summarised_at_the_top(self, client, typed, message):
        response = client.get(self.url, {"code": typed})

        content = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in content
        assert 'href="#id_code"' in content
        assert message in content
        assert content.startswith("<!DOCTYPE html>") and "<title>Error: " in content

    def test_accepts_lower_case_and_missing_dashes(self, client, learner):
        certificate = certify(learner)
        typed = certificate.code.replace("-", "").lower()

        response = client.get(self.url, {"code": f" {typed} "})

        assert response.status_code == 302
        assert response.url == reverse("certificates:verify_code", args=[certificate.code])


class TestVerifyCode:
    def test_shows_what_the_certificate_certifies_and_nothing_else_about_the_person(
        self, client, learner
    ):
        learner.organisation = OrganisationFactory(name="Northfield Primary School")
        learner.job_title = "Family support worker"
        learner.save()
        trainer = UserFactory(staff=True, trainer=True, full_name="Terry Trainer")
        certificate = certify(learner, title="Two-day training", trainers=[trainer])
        other = certify(learner, title="Five-day advanced training")

        response = client.get(reverse("certificates:verify_code", args=[certificate.code]))

        content = response.content.decode()
        assert response.status_code == 200
        assert "Valid certificate" in content
        assert "Sam Learner" in content
        assert "Two-day training" in content
        for day in certificate.day_dates:
            assert f"{day.day} {day:%B %Y}" in content
        assert "CPD hours" in content and "12" in content
        assert "Terry Trainer" in content
        assert "Example Borough Council" in content
        assert learner.email not in content
        assert "Northfield Primary School" not in content
        assert "Family support worker" not in content
        assert "Five-day advanced training" not in content
        assert other.code not in content
        assert '<meta name="robots" content="noindex">' in content

    def test_a_revoked_certificate_says_so(self, client, learner, training_admin):
        certificate = certify(learner)
        services.reissue_certificate(
            certificate=certificate, by=training_admin, reason="Surname spelling corrected"
        )
        certificate.refresh_from_db()

        response = client.get(reverse("certificates:verify_code", args=[certificate.code]))

        content = response.content.decode()
        assert "Valid certificate" not in content
        assert "This certificate was revoked" in content
        assert "replaced by a newer certificate" in content
        assert certificate.replaced_by.code not in content
        assert "Surname spelling corrected" not in content

    def test_typed_codes_are_matched_in_any_case(self, client, learner):
        certificate = certify(learner)
        typed = certificate.code.lower().replace("-", "")

        response = client.get(reverse("certificates:verify_code", args=[typed]))

        assert response.status_code == 200
        assert certificate.code in response.content.decode()

    @pytest.mark.parametrize("code", ["7KQ4-M9XD-2HFT", "not-a-code", "<script>alert(1)<script>"])
    def test_an_unknown_code_is_a_plain_404(self, client, code):
        response = client.get(reverse("certificates:verify_code", args=[code]))

        content = response.content.decode()
        assert response.status_code == 404
        assert "No certificate with this code" in content
        assert "<script>alert" not in content

    def test_lookups_are_rate_limited_per_address(self, client, learner):
        certificate = certify(learner)
        url = reverse("certificates:verify_code", args=[certificate.code])
        for _ in range(views.VERIFY_LOOKUPS_PER_MINUTE):
            assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200

        refused = client.get(url, REMOTE_ADDR="203.0.113.7")
        unknown = client.get(
            reverse("certificates:verify_code", args=["7KQ4-M9XD-2HFT"]),
            REMOTE_ADDR="203.0.113.7",
        )

        assert refused.status_code == 429
        assert refused["Retry-After"] == "60"
        assert "Wait a minute, then try again" in refused.content.decode()
        assert certificate.name not in refused.content.decode()
        assert unknown.status_code == 429
        assert client.get(url, REMOTE_ADDR="198.51.100.2").status_code == 200


def test_a_module_certificate_is_listed_after_completing_the_module(client, learner):
    module = make_certificate_module(title="Signs of Safety essentials")
    complete_module(learner, module)
    client.force_login(learner)

    response = client.get(reverse("certificates:my_certificates"))

    assert "Signs of Safety essentials" in response.content.decode()
    assert "E-learning module" in response.content.decode()
