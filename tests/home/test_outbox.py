"""The email outbox: nothing lost while the mail server is down, nothing sent twice."""

import datetime as dt
import smtplib
import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail import send_mail
from django.utils import timezone

from bookings import services as bookings
from home import outbox
from home.emails import send_templated_email
from home.models import OutboxEmail
from tests.bookings.factories import make_session
from tests.factories import UserFactory

Status = OutboxEmail.Status
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Collector:
    """An aiosmtpd handler keeping every message the server accepted."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_port(settings):
    """Email goes over real SMTP to 127.0.0.1 on a port nothing listens on yet."""
    port = free_port()
    settings.OUTBOX_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return port


def later(monkeypatch, **delta):
    """Move the outbox's clock forward."""
    moment = timezone.now() + dt.timedelta(**delta)
    monkeypatch.setattr(outbox, "now", lambda: moment)


@pytest.mark.django_db
def test_bookings_made_while_smtp_refuses_are_all_sent_once_when_it_recovers(
    smtp_port, monkeypatch
):
    session = make_session(capacity=10)
    people = UserFactory.create_batch(5)

    for person in people:
        bookings.book(user=person, session=session)

    assert session.bookings.count() == 5  # the bookings stand with the mail server down
    waiting = OutboxEmail.objects.filter(status=Status.PENDING)
    assert waiting.count() == 5
    assert all(email.attempts == 1 and "Connection" in email.last_error for email in waiting)

    collector = Collector()
    server = Controller(collector, hostname="127.0.0.1", port=smtp_port)
    server.start()
    try:
        outbox.deliver_due()  # not yet due: the first retry is a minute later
        assert collector.messages == []
        later(monkeypatch, minutes=2)
        run = outbox.deliver_due()
        again = outbox.deliver_due()
    finally:
        server.stop()

    received = [message["To"] for message in collector.messages]
    assert (run.sent, again.sent) == (5, 0)
    assert sorted(received) == sorted(person.email for person in people)  # 0 lost, 0 twice
    assert all(message.is_multipart() for message in collector.messages)  # with the .ics
    assert OutboxEmail.objects.filter(status=Status.SENT, attempts=2).count() == 5


@pytest.mark.django_db
@pytest.mark.outbox_after_commit
def test_a_booking_commits_and_its_email_is_rendered_only_after_commit(
    django_capture_on_commit_callbacks,
):
    session = make_session()
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bookings.book(user=person, session=session)
    email = OutboxEmail.objects.get()
    assert (email.rendered, email.subject, email.content_type.model) == (False, "", "booking")
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    email.refresh_from_db()
    assert email.status == Status.SENT and email.rendered
    [sent] = mail.outbox
    assert sent.to == [person.email] and sent.subject == email.subject
    assert sent.attachments[0][0] == "invite.ics"


@pytest.mark.django_db
def test_a_failed_action_queues_no_email():
    session = make_session()
    person = UserFactory()

    with pytest.raises(RuntimeError), outbox.transaction.atomic():
        bookings.book(user=person, session=session)
        mail.outbox.clear()
        raise RuntimeError

    assert not OutboxEmail.objects.exists()


class Refusing:
    """A delivery backend whose server never answers."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("Connection refused")


class Rejecting(Refusing):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"No such user")})


class Busy(Refusing):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (451, b"Try again later")})


def queue_one(to="sam@example.org") -> OutboxEmail:
    return send_templated_email(
        to=to,
        template="accounts/emails/test_email",
        context={"person": UserFactory()},
    )


@pytest.fixture
def unrendered(monkeypatch):
    """Skip rendering: these tests are about sending."""
    monkeypatch.setattr(outbox, "_render", lambda email: None)


@pytest.mark.django_db
def test_temporary_failures_back_off_then_give_up_after_three_days(
    settings, monkeypatch, unrendered
):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.home.test_outbox.Refusing"
    email = queue_one()
    email.refresh_from_db()
    start = email.created_at
    waits = []
    while email.status == Status.PENDING:
        waits.append(email.next_attempt_at - outbox.now())
        moment = email.next_attempt_at
        monkeypatch.setattr(outbox, "now", lambda moment=moment: moment)
        outbox.deliver_due()
        email.refresh_from_db()

    minutes = [round(wait.total_seconds() / 60) for wait in waits]
    assert minutes[:5] == [1, 5, 15, 60, 360]
    assert set(minutes[4:]) == {360}
    assert email.status == Status.FAILED and email.next_attempt_at is None
    assert dt.timedelta(days=2, hours=18) < outbox.now() - start <= dt.timedelta(days=3)
    assert "ConnectionRefusedError" in email.last_error


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("backend", "to", "status"),
    [
        ("tests.home.test_outbox.Rejecting", "gone@example.org", Status.FAILED),
        ("tests.home.test_outbox.Busy", "full@example.org", Status.PENDING),
        ("django.core.mail.backends.locmem.EmailBackend", "not an address", Status.FAILED),
    ],
)
def test_permanent_failures_stop_at_once_and_temporary_ones_wait(
    settings, unrendered, backend, to, status
):
    settings.OUTBOX_DELIVERY_BACKEND = backend
    email = queue_one(to)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (status, 1)
    assert email.last_error
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_email_whose_record_has_gone_fails_at_once_with_the_reason():
    person = UserFactory()
    email = send_templated_email(
        to="sam@example.org",
        template="certificates/emails/certificate_issued",
        context={"recipient": person, "reissued": False},
        about=person,
    )
    email.refresh_from_db()
    assert email.status == Status.SENT

    with outbox.transaction.atomic():
        mail.outbox.clear()
        email.status, email.rendered = Status.PENDING, False
        email.next_attempt_at = timezone.now()
        email.context = {"recipient": {"$model": "accounts.user", "pk": 0}}
        email.save()
    outbox.deliver_due()
    email.refresh_from_db()
    assert email.status == Status.FAILED and "could not be written" in email.last_error


@pytest.mark.django_db
def test_email_rendered_elsewhere_goes_through_the_outbox(settings):
    settings.EMAIL_BACKEND = "home.emails.OutboxEmailBackend"
    send_mail("Reset your password", "Follow the link", None, ["ann@example.org"])

    email = OutboxEmail.objects.get()
    assert (email.status, email.subject, email.to) == (
        Status.SENT,
        "Reset your password",
        ["ann@example.org"],
    )
    assert [message.subject for message in mail.outbox] == ["Reset your password"]


@pytest.mark.django_db
@pytest.mark.usefixtures("unrendered")
class TestAdmin:
    def failed(self, settings):
        settings.OUTBOX_DELIVERY_BACKEND = "tests.home.test_outbox.Rejecting"
        email = queue_one("gone@example.org")
        settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        return email

    def test_administrators_see_failed_email_with_the_error(self, client, settings, training_admin):
        email = self.failed(settings)
        client.force_login(training_admin)

        listing = client.get("/admin/outbox/?status=failed")
        inspect = client.get(f"/admin/outbox/inspect/{email.pk}/")

        assert listing.status_code == 200 and "No such user" in listing.content.decode()
        assert "Send now" in inspect.content.decode()

    def test_retry_sends_it_and_cancel_stops_it(self, client, settings, training_admin):
        first, second = self.failed(settings), self.failed(settings)
        client.force_login(training_admin)

        client.post(f"/admin/outbox/retry/{first.pk}/")
        client.post(f"/admin/outbox/cancel/{second.pk}/")

        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, second.status) == (Status.SENT, Status.CANCELLED)
        assert len(mail.outbox) == 1

    def test_others_may_not_see_or_act(self, client, settings, learner, trainer):
        email = self.failed(settings)
        for person in (learner, trainer):
            client.force_login(person)
            assert client.get("/admin/outbox/").status_code in (302, 403)
            assert client.post(f"/admin/outbox/retry/{email.pk}/").status_code in (302, 403)
        email.refresh_from_db()
        assert email.status == Status.FAILED

    def test_retry_is_post_only(self, client, settings, training_admin):
        email = self.failed(settings)
        client.force_login(training_admin)
        assert client.get(f"/admin/outbox/retry/{email.pk}/").status_code == 405
