"""Handing a place to a colleague: the place is never free in between."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.languages import language_of
from accounts.models import User

from .. import notifications
from ..audit import log_booking_change
from ..models import Booking
from ..permissions import user_can_hand_over_booking
from . import locks
from .eligibility import (
    check_eligibility,
    check_no_active_booking,
    check_no_overlap,
    check_session_bookable,
)
from .errors import BookingError, InvalidSubstitute, NotAllowed
from .places import save_booking


@transaction.atomic
def hand_over(*, booking: Booking, colleague: User, by: User, reason: str = "") -> Booking:
    """Give a confirmed place to an eligible colleague from the same organisation. Returns the
    colleague's new, confirmed booking."""
    if not user_can_hand_over_booking(by, booking):
        raise NotAllowed()
    locks.lock_people(booking.user_id, colleague.pk)
    session, booking = locks.lock_session_and_booking(booking.pk)
    now = timezone.now()
    if booking.status != Booking.Status.CONFIRMED:
        raise InvalidSubstitute(_("Only a confirmed place can be handed to a colleague."))
    if colleague.pk == booking.user_id:
        raise InvalidSubstitute(_("Choose someone other than the person who holds the place."))
    owner = booking.user
    if owner.organisation_id is None or colleague.organisation_id != owner.organisation_id:
        raise InvalidSubstitute(
            _(
                "%(colleague)s is not in the same organisation as %(owner)s, "
                "so cannot take the place."
            )
            % {"colleague": colleague, "owner": owner}
        )
    check_session_bookable(session, now=now)
    try:
        check_no_active_booking(user=colleague, session=session, on_behalf=True)
        check_eligibility(user=colleague, session=session, on_behalf=True)
        check_no_overlap(user=colleague, session=session, on_behalf=True)
    except BookingError as refusal:
        raise InvalidSubstitute(
            _("%(colleague)s cannot take this place. %(reason)s")
            % {"colleague": colleague, "reason": refusal.message}
        ) from refusal
    with language_of(owner):
        reason = reason.strip() or _("Place handed to %(colleague)s.") % {"colleague": colleague}
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.cancellation_reason = reason
    booking.calendar_sequence += 1
    booking.save()
    replacement = save_booking(
        Booking(
            session=session,
            user=colleague,
            status=Booking.Status.CONFIRMED,
            confirmed_at=now,
            created_at=now,
            substitute_for=booking,
            reservation_id=booking.reservation_id,
        )
    )
    log_booking_change(
        booking,
        "handed_over",
        by=by,
        from_status=Booking.Status.CONFIRMED,
        reason=reason,
        colleague=colleague.email,
    )
    log_booking_change(
        replacement,
        "confirmed",
        by=by,
        from_status=None,
        reason=_("Took over the place of %(owner)s.") % {"owner": owner},
    )
    notifications.place_handed_over(booking, replacement)
    return replacement
