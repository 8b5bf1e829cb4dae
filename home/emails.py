"""Email, sent in the background so a slow mail server never holds up a request.

Every email is a pair of templates, `<name>.txt` and `<name>.html`, plus `<name>_subject.txt`,
e.g. templates/bookings/emails/booking_confirmed{.txt,.html,_subject.txt}. The templates are
rendered now (they may need the database); only the sending is a task. With the database task
backend the task row commits or rolls back with the caller's transaction, so a failed action
sends nothing.
"""

import base64
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task

from .links import absolute_url


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@task()
def send_email_task(
    *,
    to: list[str],
    subject: str,
    text_body: str,
    html_body: str,
    attachments: list[dict] | None = None,
    reply_to: list[str] | None = None,
) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to or None,
    )
    message.attach_alternative(html_body, "text/html")
    for attachment in attachments or []:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    message.send()


def send_templated_email(
    *,
    to: list[str] | str | None,
    template: str,
    context: dict,
    attachments: tuple[Attachment, ...] = (),
    reply_to: str = "",
) -> None:
    """Render `template` (without extension) with `context` and queue one email to `to`.

    `reply_to` lets a person, such as the trainer writing to a cohort, receive the replies that
    would otherwise go to the service's own address."""
    # Someone recorded on paper at a session has no address yet: nothing to send them.
    recipients = [address for address in (to if isinstance(to, list | tuple) else [to]) if address]
    if not recipients:
        return
    context = {"base_url": absolute_url(""), **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    send_email_task.enqueue(
        to=recipients,
        subject=subject,
        text_body=render_to_string(f"{template}.txt", context),
        html_body=render_to_string(f"{template}.html", context),
        attachments=[
            {
                "filename": a.filename,
                "content": base64.b64encode(a.content).decode("ascii"),
                "mimetype": a.mimetype,
            }
            for a in attachments
        ],
        reply_to=[reply_to] if reply_to else [],
    )
