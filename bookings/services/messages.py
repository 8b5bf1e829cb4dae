"""Messages a session's trainers send to its cohort."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User

from .. import notifications
from ..models import Booking, CohortMessage, Session
from .access import require_session_manager
from .errors import MessageRefused


@transaction.atomic
def message_cohort(
    *,
    session: Session,
    by: User,
    subject: str,
    body: str,
    include_waiting_list: bool = False,
) -> CohortMessage:
    """Email everyone with a confirmed place (and, if asked, everyone waiting), one email
    each, and keep the message on the session. The emails are queued as tasks that commit
    with the record."""
    require_session_manager(by, session)
    subject, body = " ".join(subject.split()), body.strip()
    if not subject or not body:
        raise MessageRefused(_("Enter a subject and a message."))
    if session.status == Session.Status.CANCELLED:
        raise MessageRefused(_("This session was cancelled: its attendees were already told."))
    statuses = [Booking.Status.CONFIRMED]
    if include_waiting_list:
        statuses.append(Booking.Status.WAITLISTED)
    recipients = list(
        Booking.objects.filter(session=session, status__in=statuses)
        .exclude(user__email__isnull=True)  # walk-ins recorded on paper have no address
        .select_related("user")
        .order_by("pk")
    )
    if not recipients:
        raise MessageRefused(_("Nobody is booked on this session, so there is nobody to write to."))
    message = CohortMessage(
        session=session,
        sender=by,
        subject=subject,
        body=body,
        included_waiting_list=include_waiting_list,
        recipients_count=len(recipients),
        sent_at=timezone.now(),
    )
    message.full_clean(exclude=["session", "sender"])
    message.save()
    for booking in recipients:
        notifications.cohort_message(booking, message)
    log(
        session,
        "bookings.session.messaged",
        user=by,
        data={"subject": subject, "recipients": len(recipients)},
    )
    return message
