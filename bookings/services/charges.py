"""The ledger of charges for places wasted (not an invoicing system): raised on the person's
verified organisation for a cancellation inside the notice period or for not attending,
never for a place handed to a colleague; waived with a reason; marked invoiced with the
invoice reference, after which a charge only changes by a credit. Every change is audited."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from accounts.languages import language_of
from accounts.models import User

from .. import notifications
from ..models import Booking, Charge, ChargeSettings, Session
from ..working_days import working_days_between
from .access import require_administrator
from .errors import BookingError


@dataclass(frozen=True)
class ChargeTerms:
    late_cancellation: Decimal
    no_show: Decimal
    notice_working_days: int
    waiver_contact: str


def charge_terms(session: Session) -> ChargeTerms:
    """The course's charges, or the site-wide ones where the course leaves them blank."""
    course = session.course
    defaults = ChargeSettings.load()
    return ChargeTerms(
        late_cancellation=course.late_cancellation_charge
        if course.late_cancellation_charge is not None
        else defaults.late_cancellation_charge,
        no_show=course.no_show_charge
        if course.no_show_charge is not None
        else defaults.no_show_charge,
        notice_working_days=course.charge_notice_working_days
        if course.charge_notice_working_days is not None
        else defaults.notice_working_days,
        waiver_contact=defaults.waiver_contact,
    )


def is_late(session: Session, *, now: dt.datetime, notice_working_days: int) -> bool:
    first = session.first_day
    if first is None:
        return False
    return working_days_between(timezone.localdate(now), first.date) < notice_working_days


def _raise(booking: Booking, *, kind: str, amount: Decimal, reason: str, by, now) -> Charge | None:
    """Insert the charge unless the booking already has one (the constraint decides)."""
    if (
        amount <= 0
        or Charge.objects.filter(booking=booking).exclude(kind=Charge.Kind.CREDIT).exists()
    ):
        return None
    charge = Charge(
        booking=booking,
        organisation_id=booking.user.organisation_id,
        kind=kind,
        amount=amount,
        reason=reason,
        raised_at=now,
    )
    try:
        with transaction.atomic():
            charge.save()
    except IntegrityError:
        return None
    log(charge, "bookings.charge.raised", user=by, data={"amount": str(amount), "reason": reason})
    notifications.charge_raised(charge, waiver_contact=charge_terms(booking.session).waiver_contact)
    return charge


def _in_language_of(booking: Booking, reason: Callable[[], str]) -> str:
    """A charge's reason is part of what the person is told (the charge email quotes it), so
    it is written in their language."""
    with language_of(booking.user):
        return reason()


def charge_late_cancellation(booking: Booking, *, by: User, now: dt.datetime) -> Charge | None:
    """Called by cancel() for a confirmed place given up inside the notice period, whoever
    cancels it (an administrator's cancellation is charged too, and can be waived)."""
    session = booking.session
    terms = charge_terms(session)
    if not is_late(session, now=now, notice_working_days=terms.notice_working_days):
        return None
    return _raise(
        booking,
        kind=Charge.Kind.LATE_CANCELLATION,
        amount=terms.late_cancellation,
        reason=_in_language_of(
            booking,
            lambda: (
                ngettext(
                    "Place cancelled with less than %(days)s working day's notice.",
                    "Place cancelled with less than %(days)s working days' notice.",
                    terms.notice_working_days,
                )
                % {"days": terms.notice_working_days}
            ),
        ),
        by=by,
        now=now,
    )


def charge_no_shows(
    session: Session, bookings: Iterable[Booking], *, by: User, now
) -> list[Charge]:
    """Called when a session is completed: a charge for each person who did not attend, once.
    A charge raised before the session was reopened and corrected, for someone now marked
    as attending, is waived (unless already invoiced, which only a credit can undo)."""
    terms = charge_terms(session)
    raised = []
    for booking in bookings:
        if booking.outcome == Booking.Outcome.NO_SHOW:
            charge = _raise(
                booking,
                kind=Charge.Kind.NO_SHOW,
                amount=terms.no_show,
                reason=_in_language_of(
                    booking,
                    lambda: _("Did not attend, and the place was not handed to a colleague."),
                ),
                by=by,
                now=now,
            )
            if charge is not None:
                raised.append(charge)
        else:
            for charge in Charge.objects.filter(
                booking=booking, kind=Charge.Kind.NO_SHOW, status=Charge.Status.RAISED
            ):
                _waive(
                    charge,
                    by=by,
                    reason=_in_language_of(
                        booking, lambda: _("Attendance corrected: the person attended.")
                    ),
                    now=now,
                )
    return raised


def _waive(charge: Charge, *, by, reason: str, now) -> None:
    charge.status = Charge.Status.WAIVED
    charge.waiver_reason = reason
    charge.waived_at = now
    charge.waived_by = by
    charge.save(update_fields=["status", "waiver_reason", "waived_at", "waived_by"])
    log(charge, "bookings.charge.waived", user=by, data={"reason": reason})


def _lock(charge: Charge) -> Charge:
    return Charge.objects.select_for_update().get(pk=charge.pk)


@transaction.atomic
def waive_charge(*, charge: Charge, by: User, reason: str) -> Charge:
    """A training administrator waives a charge (sickness, an emergency...), with a reason."""
    require_administrator(by)
    reason = reason.strip()
    if not reason:
        raise BookingError(_("Give a reason for waiving the charge."))
    charge = _lock(charge)
    if charge.status == Charge.Status.INVOICED:
        raise BookingError(_("This charge has been invoiced: credit it instead."))
    if charge.status == Charge.Status.WAIVED or charge.kind == Charge.Kind.CREDIT:
        raise BookingError(_("Only a charge waiting to be invoiced can be waived."))
    _waive(charge, by=by, reason=reason, now=timezone.now())
    return charge


@transaction.atomic
def mark_invoiced(*, charges: Iterable[Charge], by: User, reference: str) -> int:
    """Mark charges (and credits) waiting to be invoiced as invoiced under one reference;
    returns how many. Waived and already-invoiced ones are left as they are."""
    require_administrator(by)
    reference = reference.strip()
    if not reference:
        raise BookingError(_("Enter the invoice reference."))
    ids = [charge.pk for charge in charges]
    now = timezone.now()
    to_invoice = list(
        Charge.objects.select_for_update().filter(pk__in=ids, status=Charge.Status.RAISED)
    )
    for charge in to_invoice:
        charge.status = Charge.Status.INVOICED
        charge.invoice_reference = reference
        charge.invoiced_at = now
        charge.save(update_fields=["status", "invoice_reference", "invoiced_at"])
        log(charge, "bookings.charge.invoiced", user=by, data={"reference": reference})
    return len(to_invoice)


@transaction.atomic
def credit_charge(*, charge: Charge, by: User, reason: str) -> Charge:
    """Cancel an invoiced charge with a credit of the same amount (to invoice next time)."""
    require_administrator(by)
    reason = reason.strip()
    if not reason:
        raise BookingError(_("Give a reason for the credit."))
    charge = _lock(charge)
    if charge.status != Charge.Status.INVOICED or charge.kind == Charge.Kind.CREDIT:
        raise BookingError(_("Only an invoiced charge can be credited."))
    if Charge.objects.filter(credits=charge).exists():
        raise BookingError(_("This charge has already been credited."))
    credit = Charge.objects.create(
        booking=charge.booking,
        organisation=charge.organisation,
        kind=Charge.Kind.CREDIT,
        amount=-charge.amount,
        reason=_("Credit for %(kind)s: %(reason)s")
        % {"kind": charge.get_kind_display().lower(), "reason": reason},
        credits=charge,
    )
    log(charge, "bookings.charge.credited", user=by, data={"reason": reason})
    return credit
