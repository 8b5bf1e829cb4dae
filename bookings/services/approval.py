"""Line-manager approval: a signed, expiring link that works once, without signing in."""

import datetime as dt

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import notifications
from ..audit import log_booking_change
from ..models import Booking
from . import locks
from .eligibility import (
    check_booking_window,
    check_eligibility,
    check_no_overlap,
    check_session_bookable,
)
from .errors import ApprovalLinkInvalid, BookingError
from .waiting_list import notify_placed, take_place_or_queue

APPROVAL_SALT = "bookings.line-manager-approval"
APPROVAL_LINK_MAX_AGE = dt.timedelta(days=14)


def approval_token(booking: Booking) -> str:
    return signing.dumps({"b": booking.pk, "n": booking.approval_nonce}, salt=APPROVAL_SALT)


def request_approval(booking: Booking) -> None:
    """Tell the person their booking waits for approval, and send their manager the links."""
    token = approval_token(booking)
    notifications.awaiting_approval(booking)
    notifications.approval_requested(
        booking,
        approve_path=reverse("bookings:approval", args=[token, "approve"]),
        decline_path=reverse("bookings:approval", args=[token, "decline"]),
        valid_days=APPROVAL_LINK_MAX_AGE.days,
    )


def booking_for_approval(token: str) -> Booking:
    """The booking a manager's link is about. Raises ApprovalLinkInvalid if the link is
    tampered with, expired or already used."""
    try:
        payload = signing.loads(
            token, salt=APPROVAL_SALT, max_age=APPROVAL_LINK_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired as error:
        raise ApprovalLinkInvalid(
            _("This approval link has expired. Ask the person to book again.")
        ) from error
    except signing.BadSignature as error:
        raise ApprovalLinkInvalid() from error
    booking = (
        Booking.objects.select_related("session__course", "session__venue", "user")
        .filter(pk=payload.get("b"))
        .first()
    )
    if (
        booking is None
        or booking.status != Booking.Status.AWAITING_APPROVAL
        or not booking.approval_nonce
        or booking.approval_nonce != payload.get("n")
    ):
        raise ApprovalLinkInvalid(_("This approval link has already been used."))
    return booking


@transaction.atomic
def approve_booking(*, token: str) -> Booking:
    """The manager approves: the booking takes a place (or joins the queue) by the same rules
    as any booking at this moment. If a rule now refuses it, it is cancelled and the person
    told why."""
    booking = booking_for_approval(token)
    locks.lock_people(booking.user_id)
    session, booking = locks.lock_session_and_booking(booking.pk)
    booking_for_approval(token)  # again, under the lock: a link works once
    now = timezone.now()
    manager = booking.line_manager_email
    booking.approval_nonce = ""
    try:
        check_session_bookable(session, now=now)
        check_booking_window(session, now=now)
        check_eligibility(user=booking.user, session=session)
        check_no_overlap(user=booking.user, session=session)
    except BookingError as refusal:
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.cancellation_reason = f"Approved, but could not be booked: {refusal.message}"
        booking.save()
        log_booking_change(
            booking,
            "cancelled",
            by=None,
            from_status=Booking.Status.AWAITING_APPROVAL,
            reason=booking.cancellation_reason,
            manager=manager,
        )
        notifications.approved_but_not_booked(booking, reason=refusal.message)
        return booking
    take_place_or_queue(booking, session, now=now)
    booking.save()
    log_booking_change(
        booking,
        booking.status,
        by=None,
        from_status=Booking.Status.AWAITING_APPROVAL,
        reason=f"Approved by {manager}.",
        manager=manager,
    )
    notify_placed(booking, reason=gettext_lazy("Your line manager approved your booking."))
    return booking


@transaction.atomic
def decline_booking(*, token: str) -> Booking:
    booking = booking_for_approval(token)
    booking = locks.lock_booking(booking.pk)
    booking_for_approval(token)
    booking.status = Booking.Status.DECLINED
    booking.approval_nonce = ""
    booking.cancelled_at = timezone.now()
    booking.save()
    log_booking_change(
        booking,
        "declined",
        by=None,
        from_status=Booking.Status.AWAITING_APPROVAL,
        reason=f"Declined by {booking.line_manager_email}.",
        manager=booking.line_manager_email,
    )
    notifications.approval_declined(booking)
    return booking
