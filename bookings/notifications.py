"""The emails bookings send. Services call these; each renders a template pair under
templates/bookings/emails/ and queues it with home.emails.send_templated_email, in the
recipient's own language (home.i18n.language_of): text, dates, links and the invitation."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from accounts.languages import language_of, view_path_in_language
from accounts.models import User
from home.emails import AttachmentRecipe, InEmailLanguage, send_templated_email
from home.links import absolute_url

from .calendar import CANCEL, REQUEST
from .models import Booking, Charge, CohortMessage, CourseInterest, Session


def _context(booking: Booking, **extra) -> dict:
    session = booking.session
    return {
        "booking": booking,
        "session": session,
        "course": InEmailLanguage(session.course),
        "days": session.ordered_days,
        "venue": InEmailLanguage(session.venue),
        "person": booking.user,
        "session_url": absolute_url(reverse("bookings:session_detail", args=[session.pk])),
        "my_bookings_url": absolute_url(reverse("bookings:my_bookings")),
        **extra,
    }


def _to_learner(
    booking: Booking,
    name: str,
    *,
    calendar: str | None = None,
    reply_to: str = "",
    **extra,
) -> None:
    # The invitation is written with the email, after commit: not under the session's lock.
    with language_of(booking.user):
        context = _context(booking, **extra)
        attachments = (
            (
                AttachmentRecipe(
                    "bookings.calendar.calendar_attachment",
                    {"booking": booking, "method": calendar},
                ),
            )
            if calendar
            else ()
        )
        send_templated_email(
            to=booking.user.email,
            template=f"bookings/emails/{name}",
            context=context,
            attachments=attachments,
            reply_to=reply_to,
            about=booking,
        )


def booking_confirmed(booking: Booking, *, reason: str = "") -> None:
    _to_learner(booking, "booking_confirmed", calendar=REQUEST, reason=reason)


def booking_waitlisted(booking: Booking, *, position: int) -> None:
    _to_learner(booking, "booking_waitlisted", position=position)


def booking_promoted(booking: Booking, *, starts_soon: bool) -> None:
    _to_learner(booking, "booking_promoted", calendar=REQUEST, starts_soon=starts_soon)


def booking_cancelled(booking: Booking, *, by_learner: bool, was_confirmed: bool) -> None:
    _to_learner(
        booking,
        "booking_cancelled",
        calendar=CANCEL if was_confirmed else None,
        by_learner=by_learner,
    )


def session_cancelled(booking: Booking, *, was_confirmed: bool) -> None:
    _to_learner(booking, "session_cancelled", calendar=CANCEL if was_confirmed else None)


def session_cancelled_for_trainer(session: Session, trainer, *, people_told: int) -> None:
    """A trainer of a cancelled session: they need not come, and the cohort has been told."""
    with language_of(trainer):
        send_templated_email(
            to=trainer.email,
            template="bookings/emails/session_cancelled_trainer",
            context={
                "person": trainer,
                "session": session,
                "course": InEmailLanguage(session.course),
                "days": session.ordered_days,
                "venue": InEmailLanguage(session.venue),
                "people_told": people_told,
                "my_sessions_url": absolute_url(reverse("bookings_cohorts:my_sessions")),
            },
            about=session,
        )


def session_changed(booking: Booking, *, position: int | None = None) -> None:
    """New dates or venue: people with a place get an updated invitation; people waiting
    (with their `position`) get the new details to decide whether to stay in the queue."""
    confirmed = booking.status == Booking.Status.CONFIRMED
    _to_learner(
        booking, "session_changed", calendar=REQUEST if confirmed else None, position=position
    )


def booking_moved(booking: Booking, *, previous_session: Session, was_confirmed: bool) -> None:
    confirmed = booking.status == Booking.Status.CONFIRMED
    calendar = REQUEST if confirmed else (CANCEL if was_confirmed else None)
    _to_learner(booking, "booking_moved", calendar=calendar, previous_session=previous_session)


def place_handed_over(old: Booking, new: Booking) -> None:
    _to_learner(old, "place_handed_over", calendar=CANCEL, colleague=new.user)
    _to_learner(new, "booking_confirmed", calendar=REQUEST, handed_over_by=old.user)


def awaiting_approval(booking: Booking) -> None:
    _to_learner(booking, "awaiting_approval")


def _manager_of(booking: Booking) -> User | None:
    """The line manager's own account, when they have one here."""
    return User.objects.filter(email__iexact=booking.line_manager_email).first()


def approval_requested(
    booking: Booking, *, approve_path: str, decline_path: str, valid_days: int
) -> None:
    """To the line manager, in their own language when they have an account here, else in the
    language of the person asking (a manager is most often in the same service).

    `approve_path` and `decline_path` are in the language of whoever asked; the manager's
    links are the same view under the manager's language prefix."""
    with language_of(_manager_of(booking) or booking.user):
        send_templated_email(
            to=booking.line_manager_email,
            template="bookings/emails/approval_requested",
            context=_context(
                booking,
                approve_url=absolute_url(view_path_in_language(approve_path, get_language())),
                decline_url=absolute_url(view_path_in_language(decline_path, get_language())),
                valid_days=valid_days,
            ),
            about=booking,
        )


def approval_declined(booking: Booking) -> None:
    _to_learner(booking, "approval_declined")


def approved_but_not_booked(booking: Booking, *, reason: str) -> None:
    _to_learner(booking, "approved_but_not_booked", reason=reason)


def session_reminder(booking: Booking) -> None:
    _to_learner(booking, "session_reminder", calendar=REQUEST)


def session_open_for_interest(interest: CourseInterest, session: Session) -> None:
    with language_of(interest.user):
        send_templated_email(
            to=interest.user.email,
            template="bookings/emails/session_open",
            context={
                "person": interest.user,
                "course": InEmailLanguage(session.course),
                "session": session,
                "days": session.ordered_days,
                "venue": InEmailLanguage(session.venue),
                "session_url": absolute_url(reverse("bookings:session_detail", args=[session.pk])),
            },
            about=interest,
        )


def cohort_message(booking: Booking, message: CohortMessage) -> None:
    """A trainer's message to the cohort: one email per person, so nobody sees the others'
    addresses."""
    _to_learner(
        booking,
        "cohort_message",
        reply_to=message.sender.email,
        message=message,
        sender=message.sender,
    )


def walk_in_invited(booking: Booking) -> None:
    """A walk-in a trainer opened an account for: how to set a password and sign in. The
    link is allauth's own password-reset link, so it expires and is single-use like one."""
    person = booking.user
    # The links are reversed in the person's language, so they carry its prefix.
    with language_of(person):
        set_password_path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(person),
                "key": default_token_generator.make_token(person),
            },
        )
        forgotten_password_path = reverse("account_reset_password")
    _to_learner(
        booking,
        "walk_in_invited",
        set_password_url=absolute_url(set_password_path),
        forgotten_password_url=absolute_url(forgotten_password_path),
        valid_days=settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
    )


def charge_raised(charge: Charge, *, waiver_contact: str) -> None:
    """To the person, and to their line manager when we know them, each in their own language
    (the manager's as for approval), with how to ask for a waiver."""
    booking = charge.booking
    with language_of(booking.user):
        send_templated_email(
            to=booking.user.email,
            template="bookings/emails/charge_raised",
            context=_context(
                booking, charge=charge, waiver_contact=waiver_contact, to_manager=False
            ),
            about=booking,
        )
    if not booking.line_manager_email or booking.line_manager_email == booking.user.email:
        return
    with language_of(_manager_of(booking) or booking.user):
        send_templated_email(
            to=booking.line_manager_email,
            template="bookings/emails/charge_raised",
            context=_context(
                booking, charge=charge, waiver_contact=waiver_contact, to_manager=True
            ),
            about=booking,
        )
