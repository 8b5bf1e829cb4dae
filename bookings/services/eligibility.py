"""Who may book which session, and when: the checks shared by booking, approval, hand-over,
administrators' actions and the session page."""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.audiences import refusal_for
from accounts.models import User
from accounts.selectors import lineage_ids
from home.formats import format_list, format_time

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
        raise SessionNotBookable(_("This session has been cancelled."))
    if session.status == Session.Status.COMPLETED or session.has_started(now):
        raise SessionNotBookable(_("This session has already taken place."))


def check_booking_window(session: Session, *, now: dt.datetime) -> None:
    if session.booking_opens_at and now < session.booking_opens_at:
        local = timezone.localtime(session.booking_opens_at)
        raise BookingClosed(
            _("Booking opens on %(date)s at %(time)s.")
            % {"date": date_format(local, "j F Y"), "time": format_time(local)}
        )
    closes_at = session.closes_at
    if closes_at is None or now >= closes_at:
        raise BookingClosed(
            _("Booking for this session has closed. Contact the training team if you need a place.")
        )


def check_eligibility(*, user: User, session: Session, on_behalf: bool = False) -> None:
    """Audience, reserved organisations, prerequisites and, for a course only for people on a
    programme, what upper apps answer through `eligibility_requested` (other courses cost no
    query for it). Raises NotEligible(reason).

    `on_behalf`: someone else is asking for `user` (a place handed to a colleague), so the
    reason names `user` instead of saying "you"."""
    course = session.course
    refusal = refusal_for(user, session.effective_audience)
    if refusal:
        raise NotEligible(refusal)
    person = {"person": user}
    reserved = list(session.reserved_for_organisations.all())
    # The VERIFIED organisation, or one above it: a claimed one grants nothing.
    if reserved and not {org.pk for org in reserved} & lineage_ids(user.organisation_id):
        description = session.reserved_for_description or _("Reserved for %(names)s") % {
            "names": ", ".join(org.name for org in reserved)
        }
        message = (
            _("%(description)s: the organisation of %(person)s is not included.")
            if on_behalf
            else _("%(description)s: your organisation is not included.")
        )
        raise NotEligible(message % {"description": description.rstrip("."), **person})
    missing = selectors.missing_prerequisites(user=user, course=course)
    if missing:
        message = (
            _("%(person)s needs to complete %(names)s before booking this course.")
            if on_behalf
            else _("You need to complete %(names)s before booking this course.")
        )
        names = format_list(f"‘{c.title}’" for c in missing)
        raise NotEligible(message % {"names": names, **person})
    module = course.prerequisite_module
    if module is not None and not selectors.has_completed_module(user=user, module=module):
        message = (
            _(
                "%(person)s needs to complete the e-learning module ‘%(module)s’ before "
                "booking this course."
            )
            if on_behalf
            else _(
                "You need to complete the e-learning module ‘%(module)s’ before booking this "
                "course."
            )
        )
        raise NotEligible(message % {"module": module.title, **person})
    if course.needs_programme_enrolment:
        answers = eligibility_requested.send(
            sender=Session, user=user, session=session, on_behalf=on_behalf
        )
        for _receiver, refusal in answers:
            if refusal:
                raise NotEligible(refusal)


def check_no_active_booking(*, user: User, session: Session, on_behalf: bool = False) -> None:
    if selectors.has_active_booking(user=user, session=session):
        if on_behalf:
            raise AlreadyBooked(
                _("%(person)s already has a booking for this session.") % {"person": user}
            )
        raise AlreadyBooked()


def check_no_overlap(*, user: User, session: Session, on_behalf: bool = False) -> None:
    """Refuse a person confirmed on another session that has a day overlapping this one's."""
    clash = selectors.overlapping_day(user=user, session=session)
    if clash is not None:
        message = (
            _("%(person)s already has a place on ‘%(title)s’ on %(date)s, at the same time.")
            if on_behalf
            else _("You already have a place on ‘%(title)s’ on %(date)s, at the same time.")
        )
        raise OverlappingBooking(
            message
            % {
                "person": user,
                "title": clash.session.course.title,
                "date": date_format(clash.date, "j F Y"),
            }
        )


def check_can_book(*, user: User, session: Session, now: dt.datetime | None = None) -> None:
    """Every rule a person's own booking must pass, in the order a visitor would ask."""
    now = now or timezone.now()
    check_session_bookable(session, now=now)
    check_no_active_booking(user=user, session=session)
    check_booking_window(session, now=now)
    check_eligibility(user=user, session=session)
    check_no_overlap(user=user, session=session)
