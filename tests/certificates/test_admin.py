import datetime as dt
import io
import re
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import roles
from bookings.models import Booking
from certificates import admin_views, services
from certificates.models import Certificate
from tests.factories import UserFactory
from tests.query_counts import count_queries

from .factories import (
    complete_booking,
    complete_module,
    make_certificate_module,
    make_completed_session,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("certificate_admin:index")


def certify(person, **session_fields) -> Certificate:
    session, [booking] = make_completed_session(learners=[person], **session_fields)
    complete_booking(booking)
    return Certificate.objects.get(object_id=booking.pk, recipient=person)


def inspected_fields(response) -> dict[str, str]:
    """The inspect page's fields as text, label to value."""
    soup = BeautifulSoup(response.content, "html.parser")
    labels = [term.get_text(strip=True) for term in soup.select("main dl dt")]
    values = [value.get_text(" ", strip=True) for value in soup.select("main dl dd")]
    return dict(zip(labels, values, strict=True))


def refused(response) -> bool:
    """Wagtail turns a refusal inside the admin into a redirect to the dashboard (signed in)
    or to the sign-in page (not allowed in the admin at all)."""
    return response.status_code in {302, 403} and not response.get("Content-Disposition")


def test_training_administrators_hold_the_certificate_permissions():
    group = Group.objects.get(name=roles.TRAINING_ADMINISTRATOR)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_certificate", "view_certificate", "change_certificatesettings"} <= codenames


class TestListing:
    def test_lists_certificates_for_training_administrators(self, client, training_admin, learner):
        certificate = certify(learner, title="Two-day training")
        client.force_login(training_admin)

        response = client.get(INDEX)

        content = response.content.decode()
        assert response.status_code == 200
        assert certificate.code in content
        assert "Two-day training" in content
        assert reverse("certificate_admin:inspect", args=[certificate.pk]) in content
        assert reverse("certificate_admin:add") in content
        assert "/edit/" not in content and "/delete/" not in content

    @pytest.mark.parametrize("role", ["trainer", "learner"])
    def test_refuses_everyone_else(self, client, role, trainer, learner):
        client.force_login({"trainer": trainer, "learner": learner}[role])
        assert refused(client.get(INDEX))
        assert refused(client.get(reverse("certificate_admin:add")))

    def test_filters(self, client, training_admin, learner, partner):
        session_certificate = certify(learner, title="Two-day training")
        module = make_certificate_module(title="Signs of Safety essentials")
        complete_module(partner, module)
        module_certificate = Certificate.objects.get(recipient=partner)
        old = certify(partner, title="Half-day briefing")
        Certificate.objects.filter(pk=old.pk).update(
            issued_at=timezone.now() - dt.timedelta(days=400)
        )
        services.revoke_certificate(certificate=old, by=training_admin, reason="Error")
        client.force_login(training_admin)

        def codes(**params):
            content = client.get(reverse("certificate_admin:index_results"), params)
            return set(re.findall(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}", content.content.decode()))

        assert codes(kind="module") == {module_certificate.code}
        assert codes(title="two-day") == {session_certificate.code}
        assert codes(revoked="true") == {old.code}
        assert codes(revoked="false") == {session_certificate.code, module_certificate.code}
        since = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
        assert codes(issued_at_from=since) == {session_certificate.code, module_certificate.code}
        assert codes(issued_at_to=since) == {old.code}
        assert codes(q=module_certificate.code) == {module_certificate.code}

    def test_query_count_does_not_grow_with_certificates(self, client, training_admin):
        client.force_login(training_admin)
        certify(UserFactory())
        client.get(INDEX)
        few = count_queries(lambda: client.get(INDEX))
        for _ in range(5):
            certify(UserFactory())
        many = count_queries(lambda: client.get(INDEX))
        assert few == many


class TestIssueRevokeReissue:
    def test_inspect_shows_the_certificate_and_its_actions(self, client, training_admin, learner):
        certificate = certify(learner)
        client.force_login(training_admin)

        response = client.get(reverse("certificate_admin:inspect", args=[certificate.pk]))

        content = response.content.decode()
        assert response.status_code == 200
        assert certificate.code in content
        assert reverse("certificate_admin:revoke", args=[certificate.pk]) in content
        assert reverse("certificate_admin:reissue", args=[certificate.pk]) in content
        assert reverse("certificate_admin:pdf", args=[certificate.pk]) in content

    def test_inspect_writes_the_certificate_as_a_person_would(
        self, client, training_admin, learner
    ):
        certificate = certify(learner)
        Certificate.objects.filter(pk=certificate.pk).update(
            days=["2026-11-16", "2026-11-17"],
            trainer_names=["Demo Trainer", "Second Trainer"],
            completed_on=dt.date(2026, 11, 17),
        )
        client.force_login(training_admin)

        response = client.get(reverse("certificate_admin:inspect", args=[certificate.pk]))

        shown = inspected_fields(response)
        assert shown["Days"] == "16 and 17 November 2026"
        assert shown["Completion date"] == "17 November 2026"
        assert shown["Trainers"] == "Demo Trainer and Second Trainer"
        assert shown["CPD hours"] == "12"
        assert shown["Issued by"] == "Issued automatically"
        assert shown["Status"] == "Valid"
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}(:\d\d)?[ap]m", shown["Issued on"])
        assert not {"Revoked on", "Revoked by", "Revocation reason", "Replaces"} & set(shown)

    def test_a_revoked_certificate_offers_a_replacement_and_nothing_that_would_fail(
        self, client, training_admin, learner
    ):
        certificate = certify(learner)
        services.revoke_certificate(certificate=certificate, by=training_admin, reason="Error")
        client.force_login(training_admin)

        content = client.get(
            reverse("certificate_admin:inspect", args=[certificate.pk])
        ).content.decode()

        assert reverse("certificate_admin:replace", args=[certificate.pk]) in content
        for refused_action in ["reissue", "revoke", "pdf"]:
            assert reverse(f"certificate_admin:{refused_action}", args=[certificate.pk]) not in (
                content
            ), refused_action
        shown = inspected_fields(
            client.get(reverse("certificate_admin:inspect", args=[certificate.pk]))
        )
        assert shown["Status"] == "Revoked"
        assert shown["Revoked by"] == "Ada Administrator"
        assert shown["Revocation reason"] == "Error"
        assert shown["Replaced by"] == "Not replaced"

    def test_issue_a_replacement(self, client, training_admin, learner):
        certificate = certify(learner)
        services.revoke_certificate(certificate=certificate, by=training_admin, reason="Error")
        client.force_login(training_admin)
        url = reverse("certificate_admin:replace", args=[certificate.pk])

        page = client.get(url)
        response = client.post(url)

        replacement = Certificate.objects.get(revoked_at__isnull=True)
        assert page.status_code == 200
        assert f"Certificate {certificate.code} stays revoked" in page.content.decode()
        assert response.url == reverse("certificate_admin:inspect", args=[replacement.pk])
        assert replacement.replaces == certificate
        revoked_page = client.get(
            reverse("certificate_admin:inspect", args=[certificate.pk])
        ).content.decode()
        assert url not in revoked_page, "replaced once, not offered again"
        assert reverse("certificate_admin:inspect", args=[replacement.pk]) in revoked_page

    def test_actions_that_cannot_succeed_lead_back_with_the_reason(
        self, client, training_admin, learner
    ):
        valid = certify(learner)
        revoked = certify(learner)
        services.revoke_certificate(certificate=revoked, by=training_admin, reason="Error")
        client.force_login(training_admin)
        inspect = reverse("certificate_admin:inspect", args=[revoked.pk])

        for name, certificate, reason in [
            ("replace", valid, "still valid"),
            ("reissue", revoked, "already been revoked"),
            ("revoke", revoked, "already been revoked"),
        ]:
            response = client.get(reverse(f"certificate_admin:{name}", args=[certificate.pk]))
            assert response.status_code == 302, name
            assert response.url == reverse("certificate_admin:inspect", args=[certificate.pk])
            assert reason in client.get(response.url).content.decode(), name
        assert client.get(inspect).status_code == 200
        assert Certificate.objects.count() == 2
        assert Certificate.objects.filter(revoked_at__isnull=True).get() == valid

    def test_reissue_is_not_offered_once_the_completion_no_longer_stands(
        self, client, training_admin, learner
    ):
        certificate = certify(learner)
        Booking.objects.filter(pk=certificate.object_id).update(completed_at=None)
        client.force_login(training_admin)

        content = client.get(
            reverse("certificate_admin:inspect", args=[certificate.pk])
        ).content.decode()

        assert reverse("certificate_admin:reissue", args=[certificate.pk]) not in content
        assert reverse("certificate_admin:revoke", args=[certificate.pk]) in content

    def test_manual_issue_for_a_completed_session(self, client, training_admin, learner):
        session, [booking] = make_completed_session(learners=[learner], title="Two-day training")
        booking.completed_at = timezone.now()
        booking.save()  # completed before certificates existed: no event was sent
        client.force_login(training_admin)

        response = client.post(
            reverse("certificate_admin:add"),
            {"recipient": learner.pk, "kind": "session", "session": session.pk},
        )

        certificate = Certificate.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("certificate_admin:inspect", args=[certificate.pk])
        assert certificate.issued_by == training_admin
        assert certificate.subject == booking
        assert len(mail.outbox) == 1
        log = ModelLogEntry.objects.get(object_id=str(certificate.pk))
        assert (log.action, log.user) == ("certificates.issue", training_admin)

    def test_manual_issue_for_a_module_without_certificates(self, client, training_admin, learner):
        module = make_certificate_module(issues_certificate=False)
        complete_module(learner, module)
        client.force_login(training_admin)

        client.post(
            reverse("certificate_admin:add"),
            {"recipient": learner.pk, "kind": "module", "module": module.pk},
        )

        assert Certificate.objects.get().kind == Certificate.Kind.MODULE

    def test_manual_issue_refuses_an_unfinished_session(self, client, training_admin, learner):
        session, _ = make_completed_session(learners=[learner])
        client.force_login(training_admin)

        response = client.post(
            reverse("certificate_admin:add"),
            {"recipient": learner.pk, "kind": "session", "session": session.pk},
        )

        assert response.status_code == 200
        assert "has no completed booking on this session" in response.content.decode()
        assert not Certificate.objects.exists()

    def test_revoke_needs_a_reason(self, client, training_admin, learner):
        certificate = certify(learner)
        client.force_login(training_admin)
        url = reverse("certificate_admin:revoke", args=[certificate.pk])

        assert client.get(url).status_code == 200
        refused = client.post(url, {"reason": ""})
        done = client.post(url, {"reason": "Did not attend day two"})

        assert refused.status_code == 200
        assert "Enter the reason" in refused.content.decode()
        assert done.status_code == 302
        certificate.refresh_from_db()
        assert certificate.revocation_reason == "Did not attend day two"
        again = client.post(url, {"reason": "Twice"})
        assert "already been revoked" in again.content.decode()

    def test_reissue(self, client, training_admin, learner):
        certificate = certify(learner)
        client.force_login(training_admin)

        response = client.post(
            reverse("certificate_admin:reissue", args=[certificate.pk]),
            {"reason": "Name corrected"},
        )

        replacement = Certificate.objects.get(revoked_at__isnull=True)
        assert response.url == reverse("certificate_admin:inspect", args=[replacement.pk])
        assert replacement.replaces == certificate

    def test_history_lists_the_audited_actions(self, client, training_admin, learner):
        certificate = certify(learner)
        services.revoke_certificate(certificate=certificate, by=training_admin, reason="Error")
        client.force_login(training_admin)

        response = client.get(reverse("certificate_admin:history", args=[certificate.pk]))

        content = response.content.decode()
        assert response.status_code == 200
        assert "Certificate issued" in content and "Certificate revoked" in content

    def test_only_training_administrators_act(self, client, trainer, learner):
        certificate = certify(learner)
        client.force_login(trainer)
        for name in ["revoke", "reissue", "replace", "pdf", "inspect"]:
            url = reverse(f"certificate_admin:{name}", args=[certificate.pk])
            assert refused(client.post(url, {"reason": "x"})), name
        certificate.refresh_from_db()
        assert not certificate.is_revoked

    def test_administrators_download_any_active_pdf(self, client, training_admin, learner):
        certificate = certify(learner)
        client.force_login(training_admin)

        response = client.get(reverse("certificate_admin:pdf", args=[certificate.pk]))

        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")


class TestSessionZip:
    def cohort(self, size, trainers=()):
        learners = [UserFactory(full_name=f"Learner {n}") for n in range(size)]
        session, bookings = make_completed_session(learners=learners, trainers=trainers)
        for booking in bookings:
            complete_booking(booking)
        return session

    def test_url_is_named_for_the_cohort_page(self):
        assert reverse("certificates_session_zip", args=[7]) == "/admin/certificates-for-session/7/"

    def test_a_small_cohort_downloads_at_once(self, client, trainer):
        session = self.cohort(3, trainers=[trainer])
        client.force_login(trainer)

        response = client.get(reverse("certificates_session_zip", args=[session.pk]))

        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        codes = Certificate.objects.values_list("code", flat=True)
        assert sorted(names) == sorted(
            f"learner-{n}-{code}.pdf"
            for n, code in zip(
                range(3),
                Certificate.objects.order_by("name").values_list("code", flat=True),
                strict=True,
            )
        )
        assert len(codes) == 3

    def test_revoked_certificates_are_left_out(self, client, training_admin):
        session = self.cohort(2)
        services.revoke_certificate(
            certificate=Certificate.objects.first(), by=training_admin, reason="Error"
        )
        client.force_login(training_admin)

        response = client.get(reverse("certificates_session_zip", args=[session.pk]))

        assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 1

    def test_other_trainers_and_learners_are_refused(self, client, trainer):
        session = self.cohort(1)
        learner = Certificate.objects.get().recipient
        url = reverse("certificates_session_zip", args=[session.pk])
        client.force_login(trainer)
        assert refused(client.get(url))
        client.force_login(learner)
        assert refused(client.get(url))

    def test_a_session_without_certificates_says_so(self, client, training_admin):
        session, _ = make_completed_session(learners=[UserFactory()])
        client.force_login(training_admin)

        response = client.get(reverse("certificates_session_zip", args=[session.pk]))

        assert "No certificates have been issued" in response.content.decode()

    def test_a_large_cohort_is_built_by_a_task_and_emailed(self, client, trainer, monkeypatch):
        monkeypatch.setattr(admin_views, "ZIP_INLINE_LIMIT", 2)
        session = self.cohort(3, trainers=[trainer])
        client.force_login(trainer)
        url = reverse("certificates_session_zip", args=[session.pk])
        mail.outbox.clear()

        page = client.get(url)
        assert "Email me a link" in page.content.decode()
        assert mail.outbox == []
        response = client.post(url)

        assert response.status_code == 302
        [email] = mail.outbox
        assert email.to == [trainer.email]
        link = re.search(r"http://testserver(/admin/\S+\.zip)", email.body).group(1)
        download = client.get(link)
        assert download.status_code == 200
        archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
        assert len(archive.namelist()) == 3
        # The link is no good to someone who may not download the cohort's certificates.
        client.force_login(UserFactory(staff=True, trainer=True))
        assert refused(client.get(link))
        client.force_login(trainer)
        assert client.get(link.replace(".zip", "x.zip")).status_code == 404


def test_the_admin_menu_offers_certificates_to_training_administrators_only(
    client, training_admin, trainer
):
    client.force_login(training_admin)
    assert INDEX in client.get("/admin/").content.decode()
    client.force_login(trainer)
    assert INDEX not in client.get("/admin/").content.decode()
