"""Who may book which session, and when: the checks shared by booking, approval, hand-over,
administrators' actions and the session page."""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format

from accounts.audiences import refusal_for
from accounts.models import User
from accounts.selectors import lineage_ids
from home.formats import format_time

from .. import selectors
from ..models import Session
from ..signals import eligibility_requested
from .errors import (
    AlreadyBooked,
    BookingClosed,
    NotEligible,
    OverlappingBooking,
    SessionNotBookable,
)


def check_session_bookable(session: Session, *, now: dt.datetime) -> None:
    if session.status == Session.Status.CANCELLED:
        raise SessionNotBookable("This session has been cancelled.")
    if session.status == Session.Status.COMPLETED or session.has_started(now):
        raise SessionNotBookable("This session has already taken place.")


def check_booking_window(session: Session, *, now: dt.datetime) -> None:
    if session.booking_opens_at and now < session.booking_opens_at:
        local = timezone.localtime(session.booking_opens_at)
        raise BookingClosed(
            f"Booking opens on {date_format(local, 'j F Y')} at {format_time(local)}."
        )
    closes_at = session.closes_at
    if closes_at is None or now >= closes_at:
        raise BookingClosed(
            "Booking for this session has closed. Contact the training team if you need a place."
        )


def check_eligibility(*, user: User, session: Session) -> None:
    """Audience, reserved organisations, prerequisites and, for a course only for people on a
    programme, what upper apps answer through `eligibility_requested` (other courses cost no
    query for it). Raises NotEligible(reason)."""
    course = session.course
    refusal = refusal_for(user, session.effective_audience)
    if refusal:
        raise NotEligible(refusal)
    reserved = list(session.reserved_for_organisations.all())
    # The VERIFIED organisation, or one above it: a claimed one grants nothing.
    if reserved and not {org.pk for org in reserved} & lineage_ids(user.organisation_id):
        description = session.reserved_for_description or "Reserved for " + ", ".join(
            org.name for org in reserved
        )
        raise NotEligible(f"{description.rstrip('.')}: your organisation is not included.")
    missing = selectors.missing_prerequisites(user=user, course=course)
    if missing:
        names = " and ".join(f"‘{c.title}’" for c in missing)
        raise NotEligible(f"You need to complete {names} before booking this course.")
    module = course.prerequisite_module
    if module is not None and not selectors.has_completed_module(user=user, module=module):
        raise NotEligible(
            f"You need to complete the e-learning module ‘{module.title}’ before booking "
            "this course."
        )
    if course.needs_programme_enrolment:
        answers = eligibility_requested.send(sender=Session, user=user, session=session)
        for _receiver, refusal in answers:
            if refusal:
                raise NotEligible(refusal)


def check_no_active_booking(*, user: User, session: Session) -> None:
    if selectors.has_active_booking(user=user, session=session):
        raise AlreadyBooked()


def check_no_overlap(*, user: User, session: Session) -> None:
    """Refuse a person confirmed on another session that has a day overlapping this one's."""
    clash = selectors.overlapping_day(user=user, session=session)
    if clash is not None:
        raise OverlappingBooking(
            f"You already have a place on ‘{clash.session.course.title}’ on "
            f"{date_format(clash.date, 'j F Y')}, at the same time."
        )


def check_can_book(*, user: User, session: Session, now: dt.datetime | None = None) -> None:
    """Every rule a person's own booking must pass, in the order a visitor would ask."""
    now = now or timezone.now()
    check_session_bookable(session, now=now)
    check_no_active_booking(user=user, session=session)
    check_booking_window(session, now=now)
    check_eligibility(user=user, session=session)
    check_no_overlap(user=user, session=session)
