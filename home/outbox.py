"""Sending the outbox: each due email exactly once, with retries while the mail server is down.

A worker takes one due row at a time with SELECT ... FOR UPDATE SKIP LOCKED and keeps the lock
until the row says what happened, so two workers (on one server or several) never send the
same email: the second skips the row the first holds. The lock is held across the SMTP
conversation, which EMAIL_TIMEOUT bounds. If a worker dies after the mail server accepted a
message but before its commit, that one message is sent again: at least once, never lost.

Temporary failures (refused connection, timeouts, 4xx replies) retry after 1, 5, 15 and 60
minutes, then every 6 hours until the email is 3 days old. Permanent ones (an address that is
not valid, a 5xx reply, a template whose record has gone) stop at once. Administrators see
both in the admin (home/viewsets.py) and can retry or cancel.

Delivery starts from a django-tasks task enqueued after the commit that wrote a row (so a
`db_worker` sends new email within seconds) and from `manage.py send_due_emails`, run every
minute by a timer, which sends what is due for a retry and anything whose task was lost.
"""

import base64
import datetime as dt
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from .emails import thaw
from .links import absolute_url
from .models import OutboxEmail

Status = OutboxEmail.Status

RETRY_DELAYS = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=15),
    dt.timedelta(minutes=60),
)
LATER_RETRY_DELAY = dt.timedelta(hours=6)
GIVE_UP_AFTER = dt.timedelta(days=3)
BATCH_SIZE = 100


class PermanentFailure(Exception):
    """Sending this email again would fail the same way."""


@dataclass(frozen=True)
class DeliveryRun:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def now() -> dt.datetime:
    return timezone.now()


def deliver_after_commit() -> None:
    """Start sending once the caller's transaction commits (not before: the rows are not
    visible to a worker until then)."""
    transaction.on_commit(_start_delivery, robust=True)


def _start_delivery() -> None:
    from .tasks import deliver_due_emails

    deliver_due_emails.enqueue()


def due_emails():
    return OutboxEmail.objects.filter(status=Status.PENDING, next_attempt_at__lte=now())


def deliver_due(*, limit: int = BATCH_SIZE) -> DeliveryRun:
    """Send up to `limit` due emails, each in its own transaction holding its row's lock."""
    sent = retrying = failed = 0
    for _ in range(limit):
        with transaction.atomic():
            email = (
                due_emails()
                .select_for_update(skip_locked=True)
                .order_by("next_attempt_at", "pk")
                .first()
            )
            if email is None:
                break
            status = _attempt(email)
        sent += status == Status.SENT
        failed += status == Status.FAILED
        retrying += status == Status.PENDING
    return DeliveryRun(sent=sent, retrying=retrying, failed=failed)


def _attempt(email: OutboxEmail) -> str:
    email.attempts += 1
    try:
        _render(email)
        _send(email)
    except PermanentFailure as error:
        _record_failure(email, error, permanent=True)
    except (smtplib.SMTPException, OSError) as error:
        _record_failure(email, error, permanent=_refused_for_good(error))
    else:
        email.status = Status.SENT
        email.sent_at = now()
        email.next_attempt_at = None
        email.last_error = ""
    email.save()
    return email.status


def _render(email: OutboxEmail) -> None:
    if email.rendered:
        return
    try:
        with translation.override(email.language or settings.LANGUAGE_CODE):
            context = {"base_url": absolute_url(""), **thaw(email.context)}
            email.subject = " ".join(
                render_to_string(f"{email.template}_subject.txt", context).split()
            )
            email.text_body = render_to_string(f"{email.template}.txt", context)
            email.html_body = render_to_string(f"{email.template}.html", context)
            email.attachments = [
                import_string(recipe["function"])(**thaw(recipe["arguments"])).to_json()
                for recipe in email.attachment_recipes
            ]
    except (ObjectDoesNotExist, TemplateDoesNotExist) as error:
        raise PermanentFailure(f"The email could not be written: {error}") from error
    email.rendered = True


def _send(email: OutboxEmail) -> None:
    for address in email.to:
        try:
            validate_email(address)
        except ValidationError as error:
            raise PermanentFailure(f"Not a valid email address: {address}") from error
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=email.to,
        reply_to=email.reply_to or None,
        connection=get_connection(settings.OUTBOX_DELIVERY_BACKEND),
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    message.send()


def _refused_for_good(error: Exception) -> bool:
    """A 5xx reply is permanent; anything else (no connection, 4xx) may pass."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def _record_failure(email: OutboxEmail, error: Exception, *, permanent: bool) -> None:
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    retry_at = now() + (
        RETRY_DELAYS[email.attempts - 1]
        if email.attempts <= len(RETRY_DELAYS)
        else LATER_RETRY_DELAY
    )
    if permanent or retry_at > email.created_at + GIVE_UP_AFTER:
        email.status = Status.FAILED
        email.next_attempt_at = None
    else:
        email.next_attempt_at = retry_at


@transaction.atomic
def retry(email: OutboxEmail) -> OutboxEmail:
    """An administrator's retry: send a failed or waiting email at once."""
    email = OutboxEmail.objects.select_for_update().get(pk=email.pk)
    if email.status in (Status.FAILED, Status.PENDING):
        email.status = Status.PENDING
        email.next_attempt_at = now()
        email.save(update_fields=["status", "next_attempt_at"])
        deliver_after_commit()
    return email


@transaction.atomic
def cancel(email: OutboxEmail) -> OutboxEmail:
    """An administrator's cancel: an email not yet sent never will be."""
    email = OutboxEmail.objects.select_for_update().get(pk=email.pk)
    if email.status in (Status.FAILED, Status.PENDING):
        email.status = Status.CANCELLED
        email.next_attempt_at = None
        email.save(update_fields=["status", "next_attempt_at"])
    return email
