"""Walk-ins who have no account: a trainer adds them by name, with an email address (an
account is opened, unverified, and they are invited to set a password) or on paper only (on
the register and sign-in sheet; a certificate once an address is added).

Whatever the trainer types about the person's organisation is a membership request, verified
as anyone's is (accounts.services), never trusted as said. A typed address that already has
an account is that person: they are never recorded twice.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import services as accounts
from accounts.models import Organisation, User

from .. import notifications
from ..audit import log_booking_change
from ..models import Booking, Session
from ..signals import attendee_address_added
from . import locks
from .access import require_session_manager
from .errors import AlreadyBooked, BookingError
from .register import add_walk_in


@dataclass(frozen=True)
class WalkIn:
    """What adding a walk-in did: their booking, and how the person was found or recorded."""

    booking: Booking
    account: str  # EXISTING, OPENED or ON_PAPER

    EXISTING = "existing"
    OPENED = "opened"
    ON_PAPER = "on_paper"


def _person_with_address(email: str) -> User | None:
    person = User.objects.filter(email__iexact=email).first()
    if person is not None and not person.is_active:
        raise BookingError(
            _(
                "The account for %(email)s is closed. Ask a training administrator to "
                "reopen it, then add them as a walk-in."
            )
            % {"email": email}
        )
    return person


@transaction.atomic
def add_walk_in_person(
    *,
    session: Session,
    by: User,
    full_name: str,
    email: str = "",
    organisation: Organisation | None = None,
    access_needs: str = "",
) -> WalkIn:
    """Add someone who turned up, found by address or recorded as new. All or nothing: a
    refused walk-in (wrong day, already booked) leaves no account behind."""
    require_session_manager(by, session)
    email = email.strip().lower()
    full_name = " ".join(full_name.split())
    person = _person_with_address(email) if email else None
    try:
        if person is not None:
            account = WalkIn.EXISTING
        elif email:
            person = accounts.open_account_for(
                full_name=full_name, email=email, organisation=organisation, by=by
            )
            account = WalkIn.OPENED
        else:
            person = accounts.record_person_on_paper(
                full_name=full_name, organisation=organisation, by=by
            )
            account = WalkIn.ON_PAPER
    except accounts.MembershipRefused as refusal:
        raise BookingError(refusal.message) from refusal
    reasons = {
        WalkIn.EXISTING: "Turned up on the day.",
        WalkIn.OPENED: "Turned up on the day; account opened and invited to set a password.",
        WalkIn.ON_PAPER: "Turned up on the day; recorded on paper (no email address).",
    }
    booking = add_walk_in(
        session=session,
        user=person,
        by=by,
        access_needs=access_needs,
        reason=reasons[account],
    )
    if account == WalkIn.OPENED:
        notifications.walk_in_invited(booking)
    return WalkIn(booking=booking, account=account)


@transaction.atomic
def add_address_to_walk_in(*, booking: Booking, email: str, by: User) -> User:
    """Give a person recorded on paper their email address. If the address already has an
    account, the paper record's bookings move to it and the paper record goes (one person,
    one record); otherwise the record becomes an account and they are invited. Either way,
    a session they have completed now earns its certificate."""
    require_session_manager(by, booking.session)
    email = email.strip().lower()
    paper = booking.user
    person = _person_with_address(email)
    locks.lock_people(paper.pk, *([person.pk] if person is not None else []))  # in pk order
    paper.refresh_from_db()
    if paper.email:
        raise BookingError(_("%(name)s already has an email address.") % {"name": paper})
    bookings = list(Booking.objects.filter(user=paper).select_related("session__course"))
    if person is None:
        try:
            person = accounts.give_address_to_person_on_paper(user=paper, email=email, by=by)
        except accounts.MembershipRefused as refusal:
            raise BookingError(refusal.message) from refusal
        for each in bookings:
            log_booking_change(each, "address_added", by=by, from_status=each.status, reason=email)
        notifications.walk_in_invited(booking)
    else:
        taken = Booking.objects.filter(
            user=person,
            session__in=[each.session_id for each in bookings],
            status__in=Booking.ACTIVE_STATUSES,
        ).exists()
        if taken:
            raise AlreadyBooked(
                _(
                    "%(email)s already has a place on this session under their own account: "
                    "remove the paper record's place instead."
                )
                % {"email": email}
            )
        for each in bookings:
            each.user = person
            each.save(update_fields=["user"])
            log_booking_change(
                each,
                "joined_to_account",
                by=by,
                from_status=each.status,
                reason=_("Recorded on paper as %(name)s; joined to the account for %(email)s.")
                % {"name": paper.full_name, "email": email},
            )
        accounts.remove_person_on_paper(user=paper)
    for each in bookings:
        if each.outcome == Booking.Outcome.COMPLETED:
            attendee_address_added.send(
                sender=Booking, booking=each, learner=person, session=each.session
            )
    return person
