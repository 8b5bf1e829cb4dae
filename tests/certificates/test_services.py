import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from bookings.models import Booking
from certificates import services
from certificates.models import Certificate
from tests.factories import UserFactory

from .factories import (
    complete_booking,
    complete_module,
    make_certificate_module,
    make_completed_session,
)

pytestmark = pytest.mark.django_db


def certificate_emails() -> list:
    """The certificate emails sent (completing also sends impact's feedback request)."""
    return [m for m in mail.outbox if m.subject.startswith(("Your certificate", "Your new"))]


def actions(certificate) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(certificate)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_completing_a_module_issues_a_certificate_and_emails_a_link(learner):
    learner.certificate_name = "Samantha Q. Learner"
    learner.save()
    module = make_certificate_module(title="Signs of Safety essentials", cpd_minutes=90)

    enrolment = complete_module(learner, module)

    certificate = Certificate.objects.get()
    assert certificate.recipient == learner
    assert certificate.kind == Certificate.Kind.MODULE
    assert certificate.subject == enrolment
    assert certificate.name == "Samantha Q. Learner"
    assert certificate.title == "Signs of Safety essentials"
    assert certificate.completed_on == timezone.localdate(enrolment.completed_at)
    assert certificate.cpd_hours == Decimal("1.5")
    assert certificate.trainer_names == []
    assert certificate.organisation_name == "Example Borough Council"
    assert certificate.issued_by is None
    assert actions(certificate) == ["certificates.issue"]
    [email] = certificate_emails()
    assert email.to == [learner.email]
    assert "Signs of Safety essentials" in email.subject
    assert f"http://testserver/my-learning/certificates/{certificate.pk}/download/" in email.body
    assert certificate.code in email.body


def test_a_module_that_issues_no_certificates_gets_none(learner):
    module = make_certificate_module(issues_certificate=False)

    complete_module(learner, module)

    assert not Certificate.objects.exists()


def test_completing_a_session_issues_a_certificate_with_its_days_trainers_and_cpd(learner):
    trainers = [
        UserFactory(staff=True, trainer=True, full_name="Yara Trainer"),
        UserFactory(staff=True, trainer=True, full_name="Alex Trainer"),
    ]
    session, [booking] = make_completed_session(
        learners=[learner], trainers=trainers, cpd_hours="12.0", title="Two-day training"
    )

    complete_booking(booking)

    certificate = Certificate.objects.get()
    days = [day.date for day in session.ordered_days]
    assert certificate.kind == Certificate.Kind.SESSION
    assert certificate.subject == booking
    assert certificate.title == "Two-day training"
    assert certificate.day_dates == days
    assert certificate.completed_on == days[-1]
    assert certificate.cpd_hours == Decimal("12.0")
    assert certificate.trainer_names == ["Alex Trainer", "Yara Trainer"]
    assert certificate.trainers_display == "Alex Trainer and Yara Trainer"
    assert len(certificate_emails()) == 1


def test_repeated_completion_events_issue_one_certificate(learner):
    session, [booking] = make_completed_session(learners=[learner])

    complete_booking(booking)
    complete_booking(booking)  # the session reopened and completed again
    again = services.issue_certificate(recipient=learner, subject=booking)  # a retry

    assert Certificate.objects.count() == 1
    assert again == Certificate.objects.get()
    assert len(certificate_emails()) == 1


def test_the_database_refuses_a_second_active_certificate_for_the_same_completion(learner):
    session, [booking] = make_completed_session(learners=[learner])
    complete_booking(booking)
    first = Certificate.objects.get()

    duplicate = Certificate(
        recipient=learner,
        kind=first.kind,
        content_type=first.content_type,
        object_id=first.object_id,
        name=first.name,
        title=first.title,
        completed_on=first.completed_on,
        organisation_name=first.organisation_name,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_certificate_keeps_its_snapshot_after_renames(learner):
    module = make_certificate_module(title="Original title")
    complete_module(learner, module)
    module.title = "Renamed module"
    module.save_revision().publish()
    learner.full_name = "Someone Else"
    learner.save()

    certificate = Certificate.objects.get()
    assert certificate.title == "Original title"
    assert certificate.name == "Sam Learner"


def test_a_failed_completion_leaves_no_certificate(learner):
    session, [booking] = make_completed_session(learners=[learner])

    with pytest.raises(RuntimeError), transaction.atomic():
        complete_booking(booking)
        raise RuntimeError("the completion failed after the signal")

    assert not Certificate.objects.exists()


def test_issue_refuses_someone_elses_or_an_unfinished_completion(learner, partner):
    session, [booking] = make_completed_session(learners=[learner])

    with pytest.raises(services.NotCompleted):
        services.issue_certificate(recipient=learner, subject=booking)
    complete_booking(booking)
    Certificate.objects.all().delete()
    with pytest.raises(services.WrongRecipient):
        services.issue_certificate(recipient=partner, subject=booking)
    with pytest.raises(services.NotCertifiable):
        services.issue_certificate(recipient=learner, subject=learner)


def test_revoke_needs_a_reason_and_is_audited(learner, training_admin):
    session, [booking] = make_completed_session(learners=[learner])
    certificate = services.issue_certificate(recipient=learner, subject=complete_booking(booking))

    with pytest.raises(services.ReasonRequired):
        services.revoke_certificate(certificate=certificate, by=training_admin, reason="  ")
    services.revoke_certificate(
        certificate=certificate, by=training_admin, reason="Did not attend day two"
    )

    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == training_admin
    assert certificate.revocation_reason == "Did not attend day two"
    assert actions(certificate) == ["certificates.issue", "certificates.revoke"]
    with pytest.raises(services.AlreadyRevoked):
        services.revoke_certificate(certificate=certificate, by=training_admin, reason="Again")


def test_a_revoked_certificate_is_not_reissued_by_a_repeated_completion_event(
    learner, training_admin
):
    session, [booking] = make_completed_session(learners=[learner])
    complete_booking(booking)
    services.revoke_certificate(
        certificate=Certificate.objects.get(), by=training_admin, reason="Issued in error"
    )

    complete_booking(booking)

    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().is_revoked
    # An administrator can still issue a new one by hand.
    manual = services.issue_certificate(recipient=learner, subject=booking, by=training_admin)
    assert not manual.is_revoked
    assert manual.issued_by == training_admin


def test_reissue_revokes_the_old_certificate_and_issues_a_new_code_with_the_new_name(
    learner, training_admin
):
    module = make_certificate_module(title="Signs of Safety essentials")
    complete_module(learner, module)
    old = Certificate.objects.get()
    learner.certificate_name = "Sam Corrected-Learner"
    learner.save()
    mail.outbox.clear()

    new = services.reissue_certificate(certificate=old, by=training_admin, reason="Name corrected")

    old.refresh_from_db()
    assert old.is_revoked
    assert old.revocation_reason == "Name corrected"
    assert new.code != old.code
    assert new.name == "Sam Corrected-Learner"
    assert new.subject == old.subject
    assert new.replaces == old
    assert new.issued_by == training_admin
    assert actions(old) == ["certificates.issue", "certificates.reissue"]
    assert actions(new) == ["certificates.issue"]
    [email] = mail.outbox
    assert "new certificate" in email.subject
    assert new.code in email.body


def test_reissuing_a_revoked_certificate_is_refused(learner, training_admin):
    session, [booking] = make_completed_session(learners=[learner])
    complete_booking(booking)
    certificate = services.revoke_certificate(
        certificate=Certificate.objects.get(), by=training_admin, reason="Issued in error"
    )

    with pytest.raises(services.AlreadyRevoked):
        services.reissue_certificate(certificate=certificate, by=training_admin)
    assert Certificate.objects.count() == 1


def test_codes_are_unique_grouped_and_unambiguous(learner):
    sessions = [make_completed_session(learners=[learner])[1][0] for _ in range(3)]
    codes = [
        services.issue_certificate(recipient=learner, subject=complete_booking(b)).code
        for b in sessions
    ]
    assert len(set(codes)) == 3
    for code in codes:
        assert len(code) == 14 and code[4] == code[9] == "-"
        assert not set(code) & set("01OILU")


def test_completion_date_of_a_module_is_the_local_date(learner, settings):
    module = make_certificate_module()
    enrolment = complete_module(learner, module)
    enrolment.completed_at = dt.datetime(2025, 6, 30, 23, 30, tzinfo=dt.UTC)  # 00:30 in London
    enrolment.save()
    Certificate.objects.all().delete()

    certificate = services.issue_certificate(recipient=learner, subject=enrolment)

    assert certificate.completed_on == dt.date(2025, 7, 1)


def revoked_session_certificate(learner, training_admin) -> Certificate:
    session, [booking] = make_completed_session(learners=[learner])
    complete_booking(booking)
    return services.revoke_certificate(
        certificate=Certificate.objects.get(), by=training_admin, reason="Issued in error"
    )


def test_a_revoked_certificate_can_be_replaced_once(learner, training_admin):
    revoked = revoked_session_certificate(learner, training_admin)
    mail.outbox.clear()

    replacement = services.issue_replacement(certificate=revoked, by=training_admin)

    revoked.refresh_from_db()
    assert revoked.is_revoked
    assert not replacement.is_revoked
    assert replacement.code != revoked.code
    assert replacement.replaces == revoked
    assert replacement.subject == revoked.subject
    assert replacement.issued_by == training_admin
    assert actions(replacement) == ["certificates.issue"]
    [email] = mail.outbox
    assert replacement.code in email.body
    with pytest.raises(services.AlreadyReplaced):
        services.issue_replacement(certificate=revoked, by=training_admin)
    assert Certificate.objects.count() == 2


def test_a_valid_certificate_is_reissued_not_replaced(learner, training_admin):
    session, [booking] = make_completed_session(learners=[learner])
    complete_booking(booking)

    with pytest.raises(services.NotRevoked):
        services.issue_replacement(certificate=Certificate.objects.get(), by=training_admin)
    assert Certificate.objects.count() == 1


def test_no_replacement_while_someone_holds_a_valid_certificate_for_it(learner, training_admin):
    revoked = revoked_session_certificate(learner, training_admin)
    issued_by_hand = services.issue_certificate(
        recipient=learner, subject=revoked.subject, by=training_admin
    )

    with pytest.raises(services.ActiveCertificateExists) as refusal:
        services.issue_replacement(certificate=revoked, by=training_admin)
    assert issued_by_hand.code in str(refusal.value)
    assert Certificate.objects.count() == 2


def test_no_replacement_or_reissue_once_the_completion_no_longer_stands(learner, training_admin):
    revoked = revoked_session_certificate(learner, training_admin)
    session, [booking] = make_completed_session(learners=[learner])
    active = services.issue_certificate(recipient=learner, subject=complete_booking(booking))
    Booking.objects.update(completed_at=None)  # the registers were corrected

    with pytest.raises(services.NotCompleted):
        services.issue_replacement(certificate=revoked, by=training_admin)
    with pytest.raises(services.NotCompleted):
        services.reissue_certificate(certificate=active, by=training_admin)
    assert Certificate.objects.filter(revoked_at__isnull=True).get() == active
