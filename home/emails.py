"""Email, through a durable outbox, so a mail server that is down loses nothing.

Every email is a pair of templates, `<name>.txt` and `<name>.html`, plus `<name>_subject.txt`,
e.g. templates/bookings/emails/booking_confirmed{.txt,.html,_subject.txt}.
`send_templated_email` only writes a row (home.models.OutboxEmail) in the caller's
transaction: the template, its context by reference (models by primary key) and the
attachments as recipes. A failed action rolls the row back with everything else, and a booking
holds its session lock for one INSERT, not for rendering. After commit the row is rendered and
sent by home/outbox.py, with retries.

Email that others render (allauth's, Django's) reaches the same outbox through
`OutboxEmailBackend`, the project's EMAIL_BACKEND; the backend that really sends is
OUTBOX_DELIVERY_BACKEND.
"""

import base64
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from wagtail.models import Page

from accounts.languages import in_active_language

from .models import OutboxEmail

_discarding = ContextVar("discarding_email", default=False)


@contextmanager
def discarded() -> Iterator[None]:
    """Queue no email for what happens inside (seeding demo data tells nobody)."""
    token = _discarding.set(True)
    try:
        yield
    finally:
        _discarding.reset(token)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str

    def to_json(self) -> dict:
        return {
            "filename": self.filename,
            "content": base64.b64encode(self.content).decode("ascii"),
            "mimetype": self.mimetype,
        }


@dataclass(frozen=True)
class AttachmentRecipe:
    """How to make an attachment when the email is rendered: the dotted path of a function
    returning an `Attachment`, and its keyword arguments (models by reference)."""

    function: str
    arguments: dict = field(default_factory=dict)


@dataclass(frozen=True)
class InEmailLanguage:
    """A page or translatable snippet (a venue) to be shown as its translation in the email's
    language (else as itself), looked up when the email is rendered: after commit, not under
    the locks its sender holds."""

    page: Page


def freeze(value: Any) -> Any:
    """`value` as JSON, with models kept by reference and lazy text translated now."""
    if isinstance(value, InEmailLanguage):
        return {**freeze(value.page), "$in_email_language": True}
    if isinstance(value, models.Model):
        if value.pk is None:
            raise TypeError(f"An unsaved {type(value).__name__} cannot go in an email's context")
        return {"$model": value._meta.label_lower, "pk": value.pk}
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {str(key): freeze(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [freeze(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{type(value).__name__} cannot go in an email's context")


def thaw(value: Any) -> Any:
    """The inverse of `freeze`: references become the rows as they are now."""
    if isinstance(value, dict):
        if "$model" in value:
            found = apps.get_model(value["$model"])._default_manager.get(pk=value["pk"])
            return in_active_language(found) if value.get("$in_email_language") else found
        if "$datetime" in value:
            return dt.datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [thaw(item) for item in value]
    return value


def _concerning(about: models.Model | None) -> dict:
    if about is None:
        return {}
    return {
        "content_type": ContentType.objects.get_for_model(about),
        "object_id": str(about.pk),
    }


def send_templated_email(
    *,
    to: list[str] | str | None,
    template: str,
    context: dict,
    attachments: tuple[AttachmentRecipe, ...] = (),
    reply_to: str = "",
    about: models.Model | None = None,
) -> OutboxEmail | None:
    """Queue one email to `to`, rendered from `template` (without extension) with `context`
    once the caller's transaction commits. `about` is the record the email concerns.

    `reply_to` lets a person, such as the trainer writing to a cohort, receive the replies that
    would otherwise go to the service's own address."""
    from . import outbox

    # Someone recorded on paper at a session has no address yet: nothing to send them.
    recipients = [
        address for address in ([to] if isinstance(to, str) else list(to or ())) if address
    ]
    if _discarding.get() or not recipients:
        return None
    email = OutboxEmail.objects.create(
        to=recipients,
        reply_to=[reply_to] if reply_to else [],
        template=template,
        context=freeze(context),
        attachment_recipes=[
            {"function": recipe.function, "arguments": freeze(recipe.arguments)}
            for recipe in attachments
        ],
        language=translation.get_language() or "",
        next_attempt_at=outbox.now(),
        **_concerning(about),
    )
    outbox.deliver_after_commit()
    return email


def queue_message(message: EmailMultiAlternatives) -> OutboxEmail | None:
    """Queue a message someone else rendered, as it is."""
    from . import outbox

    if _discarding.get():
        return None
    if message.cc or message.bcc:
        raise ValueError("The outbox sends to `to` addresses only")
    alternatives = getattr(message, "alternatives", [])
    html = next((content for content, mimetype in alternatives if mimetype == "text/html"), "")
    email = OutboxEmail.objects.create(
        to=list(message.to),
        reply_to=list(message.reply_to),
        subject=message.subject,
        text_body=message.body,
        html_body=html,
        attachments=[
            Attachment(
                filename, content.encode() if isinstance(content, str) else content, mimetype
            ).to_json()
            for filename, content, mimetype in message.attachments
        ],
        rendered=True,
        next_attempt_at=outbox.now(),
    )
    outbox.deliver_after_commit()
    return email


class OutboxEmailBackend(BaseEmailBackend):
    """Django's EMAIL_BACKEND for the project: every message goes to the outbox."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            queue_message(message)
        return len(email_messages)
